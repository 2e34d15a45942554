//! Accounts: people, their password hashes and their memberships.

use super::domain::{DisplayName, Email};
use crate::ids::{TenantId, UserId};
use crate::tenants::Role;
use sqlx::{PgConnection, PgExecutor};

/// What sign-in needs to know about an address.
pub struct Credential {
    /// The person.
    pub user_id: UserId,
    /// Their argon2id hash, if they have a local password.
    pub password_hash: Option<String>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
}

/// The account with this address (any case), if there is one.
pub async fn credential(
    db: impl PgExecutor<'_>,
    email: &Email,
) -> Result<Option<Credential>, sqlx::Error> {
    sqlx::query_as!(
        Credential,
        r#"select u.app_user_id as "user_id: UserId", c.password_hash as "password_hash?",
                  (u.disabled_at is not null) as "disabled!"
           from app_user u left join local_credential c using (app_user_id)
           where lower(u.email) = $1"#,
        email.key()
    )
    .fetch_optional(db)
    .await
}

/// Creates an account with a local password. Fails on `app_user_email_key` when the address
/// is taken.
pub async fn create_user(
    tx: &mut PgConnection,
    email: &Email,
    name: &DisplayName,
    password_hash: &str,
    platform_admin: bool,
) -> Result<UserId, sqlx::Error> {
    let user_id = sqlx::query_scalar!(
        r#"insert into app_user (email, display_name, platform_admin) values ($1, $2, $3)
           returning app_user_id as "user_id: UserId""#,
        email.as_str(),
        name.as_str(),
        platform_admin,
    )
    .fetch_one(&mut *tx)
    .await?;
    set_password(&mut *tx, user_id, password_hash).await?;
    Ok(user_id)
}

/// Sets (or replaces) a person's local password hash.
pub async fn set_password(
    db: impl PgExecutor<'_>,
    user_id: UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into local_credential (app_user_id, password_hash) values ($1, $2)
           on conflict (app_user_id) do update set password_hash = excluded.password_hash,
                                                   updated_at = now()"#,
        user_id as UserId,
        password_hash,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Makes a person a member of a tenant with a role (or changes the role).
pub async fn add_membership(
    db: impl PgExecutor<'_>,
    user_id: UserId,
    tenant_id: TenantId,
    role: Role,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into membership (app_user_id, tenant_id, role) values ($1, $2, $3)
           on conflict (app_user_id, tenant_id) do update set role = excluded.role"#,
        user_id as UserId,
        tenant_id as TenantId,
        role.as_str(),
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The tenant a person starts in after sign-in: their oldest membership of an active tenant.
pub async fn first_tenant(
    db: impl PgExecutor<'_>,
    user_id: UserId,
) -> Result<Option<TenantId>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select m.tenant_id as "tenant_id: TenantId"
           from membership m join tenant t using (tenant_id)
           where m.app_user_id = $1 and t.suspended_at is null
           order by m.created_at limit 1"#,
        user_id as UserId
    )
    .fetch_optional(db)
    .await
}

/// Whether an enabled platform admin exists.
pub async fn platform_admin_exists(db: impl PgExecutor<'_>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from app_user where platform_admin and disabled_at is null)
           as "exists!""#
    )
    .fetch_one(db)
    .await
}
