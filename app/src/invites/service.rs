//! Queuing a batch of invitations and reading a job's progress. Every query takes the caller's
//! tenant and filters by it.

use super::domain::{InviteJobView, RecipientState, RecipientView};
use super::phones::E164Phone;
use super::text;
use crate::AppError;
use crate::ids::{GroupId, TenantId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::templates::{self, domain::Purpose};
use crate::tenants::TenantMember;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Stores a job with one row per number, if the group can take invitations and the template is
/// an approved invite template of the group's number.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id, count = numbers.len()))]
pub async fn start(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    name: &str,
    language: &str,
    numbers: &[E164Phone],
) -> Result<Uuid, AppError> {
    let (number, template) = templates::service::chosen_for_group(
        state,
        member,
        group_id,
        name,
        language,
        Purpose::GroupInvite,
    )
    .await?;
    let template = template.ok_or_else(|| AppError::validation("name", text::NOT_AVAILABLE))?;
    let mut tx = state.pool.begin().await?;
    let open: Option<bool> = sqlx::query_scalar(
        r#"select g.state = 'active' and not g.suspended and g.wa_group_id is not null
                  and n.disabled_at is null
           from whatsapp_group g join business_number n using (tenant_id, business_number_id)
           where g.tenant_id = $1 and g.group_id = $2
           for update of g"#,
    )
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .fetch_optional(&mut *tx)
    .await?;
    match open {
        None => return Err(AppError::NotFound),
        Some(false) => {
            return Err(AppError::Conflict {
                message: text::GROUP_NOT_OPEN.to_owned(),
            });
        }
        Some(true) => {}
    }
    let job_id: Uuid = sqlx::query_scalar(
        r#"insert into invite_job (tenant_id, group_id, business_number_id, template_name,
                                   template_language, created_by)
           values ($1, $2, $3, $4, $5, $6) returning invite_job_id"#,
    )
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .bind(number.business_number_id)
    .bind(&template.name)
    .bind(&template.language)
    .bind(member.user_id().0)
    .fetch_one(&mut *tx)
    .await?;
    let phones: Vec<&str> = numbers.iter().map(E164Phone::as_str).collect();
    sqlx::query(
        r#"insert into invite_recipient (invite_job_id, tenant_id, position, phone)
           select $1, $2, (ordinality - 1)::integer, phone
           from unnest($3::text[]) with ordinality as given(phone, ordinality)"#,
    )
    .bind(job_id)
    .bind(member.tenant_id().0)
    .bind(&phones)
    .execute(&mut *tx)
    .await?;
    let entry = crate::audit::Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        crate::audit::actions::GROUP_INVITE_BY_TEMPLATE,
    )
    .target(job_id)
    .detail(serde_json::json!({
        "group_id": group_id, "template": template.name,
        "language": template.language, "count": numbers.len(),
    }));
    crate::audit::record(&mut *tx, &entry).await?;
    publish(&mut tx, member.tenant_id(), group_id).await?;
    tx.commit().await?;
    Ok(job_id)
}

/// Tells open pages of the group that its invitations changed.
pub(super) async fn publish(
    tx: &mut sqlx::PgConnection,
    tenant_id: TenantId,
    group_id: GroupId,
) -> Result<(), sqlx::Error> {
    let event = LiveEvent {
        tenant_id,
        change: Change::Group { group_id },
    };
    crate::live::store::publish(tx, &event).await
}

#[derive(sqlx::FromRow)]
struct JobRow {
    invite_job_id: Uuid,
    template_name: String,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct RecipientRow {
    phone: String,
    state: String,
    failure_code: Option<i64>,
    failure_detail: Option<String>,
}

/// The group's latest job with each number's progress.
pub async fn latest(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<Option<InviteJobView>, AppError> {
    let job: Option<JobRow> = sqlx::query_as(
        r#"select invite_job_id, template_name, created_at from invite_job
           where tenant_id = $1 and group_id = $2 order by created_at desc limit 1"#,
    )
    .bind(member.tenant_id().0)
    .bind(group_id.0)
    .fetch_optional(&state.pool)
    .await?;
    let Some(job) = job else {
        return Ok(None);
    };
    let rows: Vec<RecipientRow> = sqlx::query_as(
        r#"select phone, state, failure_code, failure_detail from invite_recipient
           where tenant_id = $1 and invite_job_id = $2 order by position"#,
    )
    .bind(member.tenant_id().0)
    .bind(job.invite_job_id)
    .fetch_all(&state.pool)
    .await?;
    let recipients = rows
        .into_iter()
        .map(|row| {
            let state = RecipientState::parse(&row.state);
            RecipientView {
                masked: crate::chat::domain::mask_phone(row.phone.trim_start_matches('+')),
                state,
                reason: (state == RecipientState::Failed)
                    .then(|| reason(row.failure_code, row.failure_detail.as_deref())),
            }
        })
        .collect();
    Ok(Some(InviteJobView {
        id: job.invite_job_id.to_string(),
        template: job.template_name,
        created_at: job.created_at,
        recipients,
    }))
}

/// Why a number failed, in plain words: Meta's code explained, or GroupDesk's own reason.
fn reason(code: Option<i64>, detail: Option<&str>) -> String {
    match (code, detail) {
        (Some(code), _) => format!("{} (Meta error {code})", crate::graph::explain(code)),
        (None, Some(super::sender::NUMBER_DISABLED)) => text::NUMBER_DISABLED.to_owned(),
        (None, Some(super::sender::GROUP_NOT_OPEN)) => text::GROUP_NOT_OPEN.to_owned(),
        (None, Some("gave up")) => text::GAVE_UP.to_owned(),
        (None, detail) => detail.unwrap_or(text::STATE_FAILED).to_owned(),
    }
}
