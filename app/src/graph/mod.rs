//! The Graph API client for the WhatsApp Groups API (SPEC §1, §2).
//!
//! Callers use the [`GraphApi`] trait; [`HttpGraphClient`] is the one implementation, pointed at
//! Meta or at the local sandbox.

mod error;
mod http;
mod text;
pub mod types;

pub use error::{GraphError, explain};
pub use http::HttpGraphClient;

use crate::ids::{PhoneNumberId, RequestId};
use secrecy::SecretString;
use std::sync::Arc;
use types::CreateGroupRequest;

/// What a call needs to act for one business number.
pub struct NumberAccess {
    /// The business number's phone number ID.
    pub phone_number_id: PhoneNumberId,
    /// Its access token (never logged).
    pub token: SecretString,
}

/// The Groups API calls GroupDesk makes.
#[async_trait::async_trait]
pub trait GraphApi: Send + Sync {
    /// `POST /<PNID>/groups`: asks Meta to create a group; the outcome arrives by webhook.
    async fn create_group(
        &self,
        number: &NumberAccess,
        request: &CreateGroupRequest,
    ) -> Result<RequestId, GraphError>;
}

/// The clients a request may use: Meta's for real numbers, the sandbox's for sandbox numbers.
#[derive(Clone)]
pub struct GraphClients {
    /// Meta's Graph API.
    pub meta: Arc<dyn GraphApi>,
    /// The local sandbox, when it runs in this process.
    pub sandbox: Option<Arc<dyn GraphApi>>,
}

impl GraphClients {
    /// The client for a number: the sandbox for sandbox numbers (if it runs), otherwise Meta.
    pub fn for_number(&self, sandbox_number: bool) -> Option<&Arc<dyn GraphApi>> {
        if sandbox_number {
            self.sandbox.as_ref()
        } else {
            Some(&self.meta)
        }
    }
}
