//! The first platform admin: from configuration, or through a one-time setup link. There is never
//! a default password.

use super::domain::{DisplayName, Email, NewPassword};
use super::{db, password, token};
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::ids::{TenantId, UserId};
use crate::state::AppState;
use crate::tenants::Role;
use sqlx::PgPool;

/// How long a setup link works.
const SETUP_LINK_HOURS: i64 = 24;

/// What start-up did about the first platform admin.
pub enum Bootstrap {
    /// A platform admin exists already.
    Ready,
    /// The configured platform admin was created.
    Created,
    /// No admin and nothing configured: open this token's link to create one.
    SetupLink(String),
}

/// Ensures a way in: creates the configured admin, or issues a fresh setup link.
///
/// `demo_tenant`: in sandbox installs, the new admin also becomes its admin.
pub async fn ensure_admin(
    pool: &PgPool,
    configured: Option<(&Email, &NewPassword)>,
    demo_tenant: Option<TenantId>,
) -> Result<Bootstrap, AppError> {
    if db::platform_admin_exists(pool).await? {
        return Ok(Bootstrap::Ready);
    }
    if let Some((email, password)) = configured {
        let name = DisplayName::parse(email.as_str().split('@').next().unwrap_or("admin"))?;
        let hash = password::hash(password).await?;
        let mut tx = pool.begin().await?;
        let user_id = db::create_user(&mut tx, email, &name, &hash, true).await?;
        if let Some(tenant_id) = demo_tenant {
            db::add_membership(&mut *tx, user_id, tenant_id, Role::Admin).await?;
        }
        let entry = Entry::success(None, None, actions::BOOTSTRAP).target(user_id);
        audit::record(&mut *tx, &entry).await?;
        tx.commit().await?;
        return Ok(Bootstrap::Created);
    }
    let issued = token::issue();
    let mut tx = pool.begin().await?;
    sqlx::query!("delete from setup_token where used_at is null")
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        r#"insert into setup_token (token_hash, expires_at)
           values ($1, now() + make_interval(hours => $2))"#,
        issued.hash,
        i32::try_from(SETUP_LINK_HOURS).unwrap_or(24),
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Bootstrap::SetupLink(issued.token))
}

/// Uses a setup link: creates the platform admin (and, in sandbox installs, makes them admin of
/// the demo tenant). The link works once, and only while no platform admin exists.
pub async fn complete_setup(
    state: &AppState,
    raw_token: &str,
    email: &Email,
    name: &DisplayName,
    password: &NewPassword,
) -> Result<UserId, AppError> {
    let hash = password::hash(password).await?;
    let mut tx = state.pool.begin().await?;
    let open = sqlx::query_scalar!(
        r#"update setup_token set used_at = now()
           where token_hash = $1 and used_at is null and expires_at > now()
           returning setup_token_id"#,
        token::hash(raw_token),
    )
    .fetch_optional(&mut *tx)
    .await?;
    if open.is_none() || db::platform_admin_exists(&mut *tx).await? {
        return Err(AppError::Conflict {
            message: super::text::SETUP_LINK_INVALID.to_owned(),
        });
    }
    let user_id = match db::create_user(&mut tx, email, name, &hash, true).await {
        Ok(user_id) => user_id,
        Err(error) if is_constraint(&error, "app_user_email_key") => {
            return Err(AppError::validation("email", super::text::EMAIL_TAKEN));
        }
        Err(error) => return Err(error.into()),
    };
    if state.auth.join_demo_tenant
        && let Some(demo) = crate::tenants::db::demo_tenant_id(&mut *tx).await?
    {
        db::add_membership(&mut *tx, user_id, demo, Role::Admin).await?;
    }
    let entry = Entry::success(Some(user_id), None, actions::SETUP).target(user_id);
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    tracing::info!(user.id = %user_id, "first platform admin created through the setup link");
    Ok(user_id)
}

/// Whether `error` is a violation of the named constraint (or unique index).
pub fn is_constraint(error: &sqlx::Error, name: &str) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.constraint() == Some(name))
}
