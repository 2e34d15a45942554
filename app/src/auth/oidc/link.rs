//! Which person a provider identity is: by its (issuer, subject) link; at the first sign-in by the
//! verified email address of an existing account, or through open invitations to that address.
//! Nobody gets an account without an invitation.

use super::IdClaims;
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::auth::db;
use crate::auth::domain::{DisplayName, Email};
use crate::ids::{TenantId, UserId};
use crate::tenants::Role;
use sqlx::PgConnection;

/// Who signed in, or why nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// This enabled person.
    Person(UserId),
    /// This person, whose account is disabled.
    Disabled(UserId),
    /// No link, and the provider did not confirm an email address.
    Unverified,
    /// No account and no open invitation for the address.
    NotInvited,
    /// The address's account is linked to another subject of this issuer.
    LinkedElsewhere(UserId),
}

/// Finds (and if needed links or creates) the person for `claims` from `issuer`, and adds the
/// memberships of open invitations to their verified address. Runs in the caller's transaction,
/// which also gets the audit entries of accepted invitations.
pub async fn resolve(
    tx: &mut PgConnection,
    issuer: &str,
    claims: &IdClaims,
) -> Result<Resolved, AppError> {
    let email = claims
        .verified_email()
        .and_then(|raw| Email::parse(raw).ok());
    let linked = sqlx::query!(
        r#"update oidc_identity set last_sign_in_at = now()
           where issuer = $1 and subject = $2
           returning app_user_id as "user_id: UserId""#,
        issuer,
        claims.sub,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let user_id = match (linked, &email) {
        (Some(row), _) => row.user_id,
        (None, None) => return Ok(Resolved::Unverified),
        (None, Some(email)) => match db::credential(&mut *tx, email).await? {
            Some(account) => {
                let other = sqlx::query_scalar!(
                    "select subject from oidc_identity where issuer = $1 and app_user_id = $2",
                    issuer,
                    account.user_id as UserId,
                )
                .fetch_optional(&mut *tx)
                .await?;
                if other.is_some() {
                    return Ok(Resolved::LinkedElsewhere(account.user_id));
                }
                if account.disabled {
                    return Ok(Resolved::Disabled(account.user_id));
                }
                link(tx, issuer, &claims.sub, account.user_id).await?;
                account.user_id
            }
            None => {
                if !has_open_invitation(tx, email).await? {
                    return Ok(Resolved::NotInvited);
                }
                let user_id = create_person(tx, email, claims).await?;
                link(tx, issuer, &claims.sub, user_id).await?;
                user_id
            }
        },
    };
    let account = sqlx::query!(
        r#"select email, (disabled_at is not null) as "disabled!" from app_user
           where app_user_id = $1"#,
        user_id as UserId,
    )
    .fetch_one(&mut *tx)
    .await?;
    if account.disabled {
        return Ok(Resolved::Disabled(user_id));
    }
    // The provider vouches for this address now: its open invitations are this person's.
    if let Some(email) = &email
        && email.key() == account.email.to_lowercase()
    {
        accept_invitations(tx, user_id, email).await?;
    }
    Ok(Resolved::Person(user_id))
}

async fn link(
    tx: &mut PgConnection,
    issuer: &str,
    subject: &str,
    user_id: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into oidc_identity (issuer, subject, app_user_id) values ($1, $2, $3)",
        issuer,
        subject,
        user_id as UserId,
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn has_open_invitation(tx: &mut PgConnection, email: &Email) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from invitation i join tenant t using (tenant_id)
             where lower(i.email) = $1 and i.accepted_at is null and i.expires_at > now()
               and t.suspended_at is null) as "open!""#,
        email.key(),
    )
    .fetch_one(&mut *tx)
    .await
}

/// An account without a local password, named as the provider names the person.
async fn create_person(
    tx: &mut PgConnection,
    email: &Email,
    claims: &IdClaims,
) -> Result<UserId, AppError> {
    let local_part = email.as_str().split('@').next();
    let name = [
        claims.name.as_deref(),
        claims.preferred_username.as_deref(),
        local_part,
        Some("person"),
    ]
    .into_iter()
    .flatten()
    .map(|raw| raw.chars().take(100).collect::<String>())
    .find_map(|raw| DisplayName::parse(&raw).ok())
    .ok_or_else(|| AppError::internal(anyhow::anyhow!("no usable display name")))?;
    sqlx::query_scalar!(
        r#"insert into app_user (email, display_name) values ($1, $2)
           returning app_user_id as "user_id: UserId""#,
        email.as_str(),
        name.as_str(),
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(AppError::from)
}

/// Uses every open invitation to `email`: the person becomes a member with the invited role
/// (the newest invitation to a tenant wins), and the links stop working.
async fn accept_invitations(
    tx: &mut PgConnection,
    user_id: UserId,
    email: &Email,
) -> Result<(), sqlx::Error> {
    let open = sqlx::query!(
        r#"select i.invitation_id, i.tenant_id as "tenant_id: TenantId", i.role
           from invitation i join tenant t using (tenant_id)
           where lower(i.email) = $1 and i.accepted_at is null and i.expires_at > now()
             and t.suspended_at is null
           order by i.created_at
           for update of i"#,
        email.key(),
    )
    .fetch_all(&mut *tx)
    .await?;
    for invitation in open {
        let Some(role) = Role::parse(&invitation.role) else {
            continue;
        };
        db::add_membership(&mut *tx, user_id, invitation.tenant_id, role).await?;
        crate::people::db::mark_accepted(tx, invitation.invitation_id).await?;
        let entry = Entry::success(
            Some(user_id),
            Some(invitation.tenant_id),
            actions::INVITE_ACCEPT,
        )
        .target(invitation.invitation_id)
        .detail(serde_json::json!({ "role": role.as_str(), "method": "oidc" }));
        audit::record(&mut *tx, &entry).await?;
    }
    Ok(())
}
