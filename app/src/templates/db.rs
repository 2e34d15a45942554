//! The template cache. Each query takes the caller's tenant and filters by it.

use crate::graph::types::{MessageTemplate, TemplateComponent};
use crate::ids::{GroupId, TenantId};
use crate::tenants::TenantMember;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use std::time::Duration;
use uuid::Uuid;

/// The business number behind a group.
pub struct GroupNumber {
    /// GroupDesk's ID of the number.
    pub business_number_id: Uuid,
    /// The number's WhatsApp Business Account: templates belong to it.
    pub waba_id: String,
}

/// The number of a group of the member's tenant (deleted groups excluded).
pub async fn group_number(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<Option<GroupNumber>, sqlx::Error> {
    sqlx::query_as!(
        GroupNumber,
        r#"select n.business_number_id, n.waba_id
           from whatsapp_group g join business_number n using (tenant_id, business_number_id)
           where g.tenant_id = $1 and g.group_id = $2 and g.state <> 'deleted'"#,
        member.tenant_id().0,
        group_id.0
    )
    .fetch_optional(db)
    .await
}

/// When a number's templates were read.
pub struct SyncState {
    /// The last successful read.
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Meta's code when the last attempt failed.
    pub failure_code: Option<i64>,
    /// WhatsApp refused a send of a cached template: read again at the next look.
    pub stale: bool,
}

/// The number's sync state; `None` before the first attempt.
pub async fn sync_state(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    number: Uuid,
) -> Result<Option<SyncState>, sqlx::Error> {
    sqlx::query_as!(
        SyncState,
        r#"select refreshed_at as "refreshed_at: DateTime<Utc>", failure_code, stale
           from message_template_sync where tenant_id = $1 and business_number_id = $2"#,
        tenant_id.0,
        number
    )
    .fetch_optional(db)
    .await
}

/// Claims a read of the number's templates unless one was attempted within `interval`; whether
/// this caller may read.
pub async fn claim(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    number: Uuid,
    interval: Duration,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query_scalar!(
        r#"insert into message_template_sync (business_number_id, tenant_id, attempted_at)
           values ($2, $1, now())
           on conflict (business_number_id) do update set attempted_at = now()
             where message_template_sync.tenant_id = $1
               and message_template_sync.attempted_at < now() - make_interval(secs => $3)
           returning business_number_id"#,
        tenant_id.0,
        number,
        interval.as_secs_f64()
    )
    .fetch_optional(db)
    .await?;
    Ok(claimed.is_some())
}

/// Replaces the number's cached templates with what WhatsApp reported.
pub async fn store(
    pool: &PgPool,
    tenant_id: TenantId,
    number: Uuid,
    templates: &[MessageTemplate],
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "delete from message_template where tenant_id = $1 and business_number_id = $2",
        tenant_id.0,
        number
    )
    .execute(&mut *tx)
    .await?;
    for template in templates {
        let components = serde_json::to_value(&template.components).unwrap_or_default();
        sqlx::query!(
            r#"insert into message_template (tenant_id, business_number_id, name, language, template_id,
                 status, category, parameter_format, library_template_name, components)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
               on conflict (business_number_id, name, language) do nothing"#,
            tenant_id.0,
            number,
            template.name,
            template.language,
            template.id,
            template.status.as_str(),
            template.category.as_str(),
            template.parameter_format,
            template.library_template_name,
            components,
        )
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query!(
        r#"update message_template_sync set refreshed_at = now(), failure_code = null, stale = false
           where tenant_id = $1 and business_number_id = $2"#,
        tenant_id.0,
        number
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Marks the number's cache stale, after WhatsApp refused a send of a cached template.
pub async fn mark_stale(db: impl PgExecutor<'_>, number: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update message_template_sync set stale = true where business_number_id = $1",
        number
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Records that the last read failed with Meta's `code` (0 when WhatsApp was not reached).
pub async fn record_failure(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    number: Uuid,
    code: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update message_template_sync set failure_code = $3
           where tenant_id = $1 and business_number_id = $2"#,
        tenant_id.0,
        number,
        code
    )
    .execute(db)
    .await?;
    Ok(())
}

struct Row {
    template_id: String,
    name: String,
    language: String,
    status: String,
    category: String,
    parameter_format: Option<String>,
    library_template_name: Option<String>,
    components: serde_json::Value,
}

impl From<Row> for MessageTemplate {
    fn from(row: Row) -> Self {
        let components: Vec<TemplateComponent> =
            serde_json::from_value(row.components).unwrap_or_default();
        Self {
            id: row.template_id,
            name: row.name,
            language: row.language,
            status: row.status.into(),
            category: row.category.into(),
            parameter_format: row.parameter_format,
            library_template_name: row.library_template_name,
            components,
        }
    }
}

/// Every cached template of the number, by name and language.
pub async fn cached(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    number: Uuid,
) -> Result<Vec<MessageTemplate>, sqlx::Error> {
    let rows = sqlx::query_as!(
        Row,
        r#"select template_id, name, language, status, category, parameter_format,
                  library_template_name, components
           from message_template where tenant_id = $1 and business_number_id = $2
           order by name, language"#,
        tenant_id.0,
        number
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(MessageTemplate::from).collect())
}

/// One cached template of the number.
pub async fn one(
    db: impl PgExecutor<'_>,
    tenant_id: TenantId,
    number: Uuid,
    name: &str,
    language: &str,
) -> Result<Option<MessageTemplate>, sqlx::Error> {
    let row = sqlx::query_as!(
        Row,
        r#"select template_id, name, language, status, category, parameter_format,
                  library_template_name, components
           from message_template
           where tenant_id = $1 and business_number_id = $2 and name = $3 and language = $4"#,
        tenant_id.0,
        number,
        name,
        language
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(MessageTemplate::from))
}
