//! Tenant rows as the platform admin manages them. Every query takes [`PlatformAdmin`].

use super::admin::PlatformAdmin;
use super::domain::{TenantName, TenantSlug};
use super::list_tenants::TenantSummary;
use crate::auth::domain::Email;
use crate::ids::{TenantId, UserId};
use crate::tenants::Role;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// Every tenant, by name, with its number of members.
pub async fn list(
    db: impl PgExecutor<'_>,
    _admin: &PlatformAdmin,
) -> Result<Vec<TenantSummary>, sqlx::Error> {
    sqlx::query_as!(
        TenantSummary,
        r#"select t.tenant_id as "id: TenantId", t.name, t.slug,
                  t.suspended_at is not null as "suspended!",
                  (select count(*) from membership m where m.tenant_id = t.tenant_id) as "members!"
           from tenant t order by lower(t.name), t.slug"#
    )
    .fetch_all(db)
    .await
}

/// Creates a tenant.
pub async fn insert(
    db: impl PgExecutor<'_>,
    _admin: &PlatformAdmin,
    name: &TenantName,
    slug: &TenantSlug,
) -> Result<TenantId, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into tenant (name, slug) values ($1, $2)
           returning tenant_id as "id: TenantId""#,
        name.as_str(),
        slug.as_str()
    )
    .fetch_one(db)
    .await
}

/// Renames a tenant; whether it exists.
pub async fn rename(
    db: impl PgExecutor<'_>,
    _admin: &PlatformAdmin,
    id: TenantId,
    name: &TenantName,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update tenant set name = $2 where tenant_id = $1",
        id as TenantId,
        name.as_str()
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Suspends or reactivates a tenant (suspending twice keeps the first time); whether it exists.
pub async fn set_suspended(
    db: impl PgExecutor<'_>,
    _admin: &PlatformAdmin,
    id: TenantId,
    suspended: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        r#"update tenant
           set suspended_at = case when $2 then coalesce(suspended_at, now()) else null end
           where tenant_id = $1"#,
        id as TenantId,
        suspended
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores an invitation to become admin of `tenant` (accepted like any other invitation).
pub async fn insert_admin_invitation(
    tx: &mut PgConnection,
    admin: &PlatformAdmin,
    tenant: TenantId,
    email: &Email,
    token_hash: &[u8],
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into invitation (tenant_id, email, role, token_hash, invited_by, expires_at)
           values ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
           returning invitation_id"#,
        tenant as TenantId,
        email.as_str(),
        Role::Admin.as_str(),
        token_hash,
        admin.user_id() as UserId,
        crate::people::db::INVITATION_DAYS,
    )
    .fetch_one(&mut *tx)
    .await
}
