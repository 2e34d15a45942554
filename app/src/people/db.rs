//! Invitations, password resets and the member list. Tenant-scoped queries take the caller's
//! [`TenantMember`] and filter by its tenant.

use super::list_people::{Invited, Person};
use crate::auth::domain::Email;
use crate::ids::{TenantId, UserId};
use crate::tenants::{Role, TenantMember};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// Days an invitation link works.
pub const INVITATION_DAYS: i32 = 7;
/// Hours a password-reset link works.
pub const RESET_HOURS: i32 = 24;

/// Stores an invitation to the member's tenant.
pub async fn insert_invitation(
    tx: &mut PgConnection,
    member: &TenantMember,
    email: &Email,
    role: Role,
    token_hash: &[u8],
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into invitation (tenant_id, email, role, token_hash, invited_by, expires_at)
           values ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
           returning invitation_id"#,
        member.tenant_id() as TenantId,
        email.as_str(),
        role.as_str(),
        token_hash,
        member.user_id() as UserId,
        INVITATION_DAYS,
    )
    .fetch_one(&mut *tx)
    .await
}

/// An invitation whose link is still good.
pub struct OpenInvitation {
    /// Its ID.
    pub invitation_id: Uuid,
    /// The tenant it joins.
    pub tenant_id: TenantId,
    /// The invited address.
    pub email: String,
    /// The role it gives.
    pub role: String,
}

/// Takes an open invitation by its token hash, locking it until the transaction ends.
pub async fn take_invitation(
    tx: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<OpenInvitation>, sqlx::Error> {
    sqlx::query_as!(
        OpenInvitation,
        r#"select i.invitation_id, i.tenant_id as "tenant_id: TenantId", i.email, i.role
           from invitation i join tenant t using (tenant_id)
           where i.token_hash = $1 and i.accepted_at is null and i.expires_at > now()
             and t.suspended_at is null
           for update of i"#,
        token_hash,
    )
    .fetch_optional(&mut *tx)
    .await
}

/// Marks an invitation used.
pub async fn mark_accepted(tx: &mut PgConnection, invitation_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update invitation set accepted_at = now() where invitation_id = $1",
        invitation_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Whether `user` may get a reset link from an admin of the member's tenant: a member of that
/// tenant and of no other, and not a platform admin (else a tenant admin could take over an
/// account that has power elsewhere).
pub async fn resettable_by(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    user: UserId,
) -> Result<Option<bool>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select u.platform_admin,
                  (select count(*) from membership o
                    where o.app_user_id = u.app_user_id and o.tenant_id <> $2) as "elsewhere!"
           from app_user u join membership m using (app_user_id)
           where u.app_user_id = $1 and m.tenant_id = $2"#,
        user as UserId,
        member.tenant_id() as TenantId,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| !row.platform_admin && row.elsewhere == 0))
}

/// Stores a reset link for `user`.
pub async fn insert_reset(
    tx: &mut PgConnection,
    member: &TenantMember,
    user: UserId,
    token_hash: &[u8],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into password_reset (app_user_id, token_hash, created_by, expires_at)
           values ($1, $2, $3, now() + make_interval(hours => $4))"#,
        user as UserId,
        token_hash,
        member.user_id() as UserId,
        RESET_HOURS,
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Uses an open reset link: marks it used and returns whose password it resets.
pub async fn use_reset(
    tx: &mut PgConnection,
    token_hash: &[u8],
) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"update password_reset set used_at = now()
           where token_hash = $1 and used_at is null and expires_at > now()
           returning app_user_id as "user_id: UserId""#,
        token_hash,
    )
    .fetch_optional(&mut *tx)
    .await
}

/// The member's tenant's people, by name.
pub async fn members(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
) -> Result<Vec<Person>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select u.app_user_id as "user_id: UserId", u.display_name, u.email, m.role,
                  (u.disabled_at is not null) as "disabled!"
           from membership m join app_user u using (app_user_id)
           where m.tenant_id = $1
           order by lower(u.display_name), u.email"#,
        member.tenant_id() as TenantId,
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Role::parse(&row.role).map(|role| Person {
                user_id: row.user_id,
                display_name: row.display_name,
                email: row.email,
                role,
                disabled: row.disabled,
            })
        })
        .collect())
}

/// The member's tenant's open invitations, newest first.
pub async fn open_invitations(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
) -> Result<Vec<Invited>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select email, role, expires_at as "expires_at: DateTime<Utc>"
           from invitation
           where tenant_id = $1 and accepted_at is null and expires_at > now()
           order by created_at desc limit 200"#,
        member.tenant_id() as TenantId,
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Role::parse(&row.role).map(|role| Invited {
                email: row.email,
                role,
                expires_at: row.expires_at,
            })
        })
        .collect())
}
