//! What every action on an existing group shares: loading the group with its number's client,
//! refusing what cannot work, recording the pending operation, auditing and announcing.

use super::text;
use crate::AppError;
use crate::audit::{self, Entry};
use crate::ids::{BusinessNumberId, GroupId, RequestId};
use crate::live::{Change, LiveEvent};
use crate::numbers::access::NumberClient;
use crate::state::AppState;
use crate::tenants::TenantMember;
use sqlx::PgConnection;

/// An active group of the member's tenant, ready for a Graph call.
pub struct Acting {
    /// GroupDesk's ID.
    pub group_id: GroupId,
    /// Meta's ID.
    pub wa_group_id: String,
    /// The number that owns it.
    pub business_number_id: BusinessNumberId,
    /// The current subject.
    pub subject: String,
    /// The current description.
    pub description: String,
    /// Suspended by WhatsApp.
    pub suspended: bool,
    /// Who can join with the link: `auto_approve` or `approval_required`.
    pub join_approval_mode: String,
    /// The client and token of its number.
    pub number: NumberClient,
}

/// The group's row as [`load`] reads it.
#[derive(sqlx::FromRow)]
struct Row {
    wa_group_id: Option<String>,
    business_number_id: uuid::Uuid,
    subject: String,
    description: String,
    suspended: bool,
    state: String,
    join_approval_mode: String,
}

/// Loads an active group of the member's tenant with its number's client.
pub async fn load(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<Acting, AppError> {
    let row = sqlx::query_as::<_, Row>(
        r#"select wa_group_id, business_number_id, subject, description, suspended, state,
                  join_approval_mode
           from whatsapp_group where tenant_id = $1 and group_id = $2"#,
    )
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let business_number_id = BusinessNumberId(row.business_number_id);
    let (Some(wa_group_id), "active") = (row.wa_group_id, row.state.as_str()) else {
        return Err(AppError::Conflict {
            message: text::NOT_ACTIVE.to_owned(),
        });
    };
    let number = crate::numbers::access::load(state, member, business_number_id)
        .await?
        .ok_or_else(|| AppError::Conflict {
            message: text::NUMBER_DISABLED_ACTION.to_owned(),
        })?;
    Ok(Acting {
        group_id,
        wa_group_id,
        business_number_id,
        subject: row.subject,
        description: row.description,
        suspended: row.suspended,
        join_approval_mode: row.join_approval_mode,
        number,
    })
}

impl Acting {
    /// WhatsApp refuses changes to a suspended group (131207); say so before calling.
    pub fn refuse_if_suspended(&self) -> Result<(), AppError> {
        if self.suspended {
            return Err(AppError::Conflict {
                message: text::SUSPENDED_REFUSED.to_owned(),
            });
        }
        Ok(())
    }
}

/// Audits a refused or failed action and hands the error back.
pub async fn refused(
    state: &AppState,
    member: &TenantMember,
    action: &str,
    group_id: GroupId,
    error: AppError,
) -> AppError {
    let code = match &error {
        AppError::Upstream { code, .. } => *code,
        _ => 0,
    };
    let entry = Entry::failure(Some(member.user_id()), Some(member.tenant_id()), action)
        .target(group_id)
        .detail(serde_json::json!({ "meta_code": code, "reason": error.to_string() }));
    if let Err(audit_error) = audit::record(&state.pool, &entry).await {
        return AppError::from(audit_error);
    }
    error
}

/// The request ID to file an operation under. Meta documents none for some calls (SPEC §9
/// question 1); such an operation gets a local one and is resolved by hand or by a later sync.
pub fn request_id_or_local(request_id: Option<RequestId>) -> RequestId {
    request_id.unwrap_or_else(|| RequestId(format!("local-{:032x}", rand::random::<u128>())))
}

/// Records a pending operation with what it asked for, in the caller's transaction.
pub async fn record_pending(
    tx: &mut PgConnection,
    member: &TenantMember,
    acting: &Acting,
    kind: &str,
    request_id: &RequestId,
    request_detail: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into operation
             (tenant_id, business_number_id, group_id, kind, request_id, request_detail)
           values ($1, $2, $3, $4, $5, $6)"#,
        member.tenant_id().0,
        acting.business_number_id.0,
        acting.group_id.0,
        kind,
        request_id.as_str(),
        request_detail
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Audits the action and announces the group's change, then commits and wakes the relays.
pub async fn commit(
    state: &AppState,
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    member: &TenantMember,
    action: &str,
    group_id: GroupId,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let entry = Entry::success(Some(member.user_id()), Some(member.tenant_id()), action)
        .target(group_id)
        .detail(detail);
    audit::record(&mut *tx, &entry).await?;
    let event = LiveEvent {
        tenant_id: member.tenant_id(),
        change: Change::Group { group_id },
    };
    crate::live::store::publish(&mut tx, &event).await?;
    tx.commit().await?;
    crate::live::store::notify(&state.pool).await?;
    Ok(())
}
