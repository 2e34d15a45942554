//! What a Graph call needs to act for a stored number: the right client and the decrypted token.

use crate::AppError;
use crate::graph::{GraphApi, NumberAccess};
use crate::ids::{BusinessNumberId, PhoneNumberId};
use crate::state::AppState;
use crate::tenants::TenantMember;
use crate::token_cipher::SealedToken;
use secrecy::SecretString;
use std::sync::Arc;

/// Sent for the seeded demo number, which has no stored token; the sandbox then accepts any.
const SANDBOX_PLACEHOLDER_TOKEN: &str = "sandbox-token";

/// A client and the access to use with it, for one number.
pub struct NumberClient {
    /// Meta's client, or the sandbox's for sandbox numbers.
    pub client: Arc<dyn GraphApi>,
    /// The number and its token.
    pub access: NumberAccess,
}

/// Loads one of the member's tenant's enabled numbers with its token, or `None` when the tenant
/// has no such enabled number.
pub async fn load(
    state: &AppState,
    member: &TenantMember,
    id: BusinessNumberId,
) -> Result<Option<NumberClient>, AppError> {
    let Some(number) = super::db::stored(&state.pool, member, id).await? else {
        return Ok(None);
    };
    stored_access(
        state,
        &number.phone_number_id,
        number.sandbox,
        number.token.as_ref(),
    )
    .map(Some)
}

/// The client and access for a number as stored (for workers, which act for no member): its
/// sealed token is opened here, just before the call.
pub fn stored_access(
    state: &AppState,
    phone_number_id: &str,
    sandbox: bool,
    token: Option<&SealedToken>,
) -> Result<NumberClient, AppError> {
    let client = client_for(state, sandbox)?;
    let token = match token {
        Some(sealed) => state
            .token_cipher
            .open(sealed, phone_number_id)
            .map_err(AppError::internal)?,
        None if sandbox => SecretString::from(SANDBOX_PLACEHOLDER_TOKEN),
        None => {
            return Err(AppError::internal(anyhow::anyhow!(
                "business number {phone_number_id} has no token"
            )));
        }
    };
    Ok(NumberClient {
        client,
        access: NumberAccess {
            phone_number_id: PhoneNumberId(phone_number_id.to_owned()),
            token,
        },
    })
}

/// The client for a sandbox or a real number; a sandbox number needs the sandbox running.
pub fn client_for(state: &AppState, sandbox: bool) -> Result<Arc<dyn GraphApi>, AppError> {
    state
        .graph
        .for_number(sandbox)
        .cloned()
        .ok_or_else(|| AppError::Conflict {
            message: crate::groups::text::SANDBOX_OFF.to_owned(),
        })
}
