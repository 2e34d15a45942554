//! The Graph API client for the WhatsApp Groups API (SPEC §1–§6).
//!
//! Callers use the [`GraphApi`] traits; [`HttpGraphClient`] is the one implementation, pointed at
//! Meta or at the local sandbox. Only calls that are safe to repeat (reads) are retried.

mod error;
mod groups_api;
mod http;
mod media_api;
mod messages_api;
mod numbers_api;
mod templates_api;
mod text;
pub mod types;

pub use error::{GraphError, explain};
pub use groups_api::GroupsApi;
pub use http::HttpGraphClient;
pub use media_api::MediaApi;
pub use messages_api::MessagesApi;
pub use numbers_api::NumbersApi;
pub use templates_api::TemplatesApi;

use crate::ids::PhoneNumberId;
use secrecy::SecretString;
use std::sync::Arc;

/// What a call needs to act for one business number.
pub struct NumberAccess {
    /// The business number's phone number ID.
    pub phone_number_id: PhoneNumberId,
    /// Its access token (never logged).
    pub token: SecretString,
}

/// Every Graph API call GroupDesk makes.
pub trait GraphApi:
    GroupsApi + MessagesApi + MediaApi + NumbersApi + TemplatesApi + Send + Sync
{
}

impl<T: GroupsApi + MessagesApi + MediaApi + NumbersApi + TemplatesApi + Send + Sync> GraphApi
    for T
{
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
