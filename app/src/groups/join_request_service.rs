//! Deciding join requests through the Groups API (SPEC §2.13, §2.14).

use crate::AppError;
use crate::graph::explain;
use crate::ids::BusinessNumberId;
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::tenants::TenantMember;
use uuid::Uuid;

/// Approves or rejects one pending request of the member's tenant.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), join_request.id = %id))]
pub async fn decide(
    state: &AppState,
    member: &TenantMember,
    id: Uuid,
    approve: bool,
) -> Result<(), AppError> {
    let request = sqlx::query!(
        r#"select r.wa_join_request_id, r.group_id, g.wa_group_id,
                  g.business_number_id as "business_number_id: BusinessNumberId"
           from join_request r
           join whatsapp_group g on g.group_id = r.group_id and g.tenant_id = r.tenant_id
           where r.tenant_id = $1 and r.join_request_id = $2 and r.state = 'pending'"#,
        member.tenant_id().0,
        id
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let Some(wa_group_id) = request.wa_group_id else {
        return Err(AppError::NotFound);
    };
    let number = crate::numbers::access::load(state, member, request.business_number_id)
        .await?
        .ok_or_else(|| AppError::Conflict {
            message: super::text::NUMBER_DISABLED.to_owned(),
        })?;
    let (client, access) = (number.client, number.access);
    let ids = [request.wa_join_request_id];
    let outcome = if approve {
        client
            .approve_join_requests(&access, &wa_group_id, &ids)
            .await?
    } else {
        client
            .reject_join_requests(&access, &wa_group_id, &ids)
            .await?
    };
    let failure = outcome.failed_join_requests.first().map(|failed| {
        let code = failed
            .errors
            .first()
            .and_then(|error| error.code)
            .unwrap_or(0);
        format!("{} (Meta error {code})", explain(code))
    });
    let (next, reason) = match (&failure, approve) {
        (Some(reason), _) => ("failed", Some(reason.clone())),
        (None, true) => ("approving", None),
        (None, false) => ("rejected", None),
    };
    sqlx::query!(
        r#"update join_request set state = $3, failure_reason = $4,
             decided_at = case when $3 = 'approving' then null else now() end
           where tenant_id = $1 and join_request_id = $2 and state = 'pending'"#,
        member.tenant_id().0,
        id,
        next,
        reason
    )
    .execute(&state.pool)
    .await?;
    let event = LiveEvent {
        tenant_id: member.tenant_id(),
        change: Change::Group {
            group_id: crate::ids::GroupId(request.group_id),
        },
    };
    let mut conn = state.pool.acquire().await?;
    crate::live::store::publish(&mut conn, &event).await?;
    crate::live::store::notify(&state.pool).await?;
    match failure {
        Some(reason) => Err(AppError::Conflict { message: reason }),
        None => Ok(()),
    }
}
