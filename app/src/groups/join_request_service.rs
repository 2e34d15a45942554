//! Deciding one join request through the Groups API (SPEC §2.13, §2.14): the queue's
//! [`decide_many`](crate::join_queue::decide_service::decide_many) with a single request.

use crate::AppError;
use crate::join_queue::decide_service::decide_many;
use crate::join_queue::domain::{Decision, OutcomeKind};
use crate::state::AppState;
use crate::tenants::TenantMember;
use uuid::Uuid;

/// Approves or rejects one pending request of the member's tenant; a refusal is a conflict that
/// says why in plain words, and a request no longer waiting is not found.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), join_request.id = %id))]
pub async fn decide(
    state: &AppState,
    member: &TenantMember,
    id: Uuid,
    approve: bool,
) -> Result<(), AppError> {
    let decision = if approve {
        Decision::Approve
    } else {
        Decision::Reject
    };
    let outcome = decide_many(state, member, &[id], decision)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    match outcome.kind {
        OutcomeKind::Approving | OutcomeKind::Rejected => Ok(()),
        OutcomeKind::NotPending => Err(AppError::NotFound),
        OutcomeKind::Failed => Err(AppError::Conflict {
            message: outcome.message.unwrap_or_default(),
        }),
    }
}
