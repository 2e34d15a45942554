//! Writing audit entries. Call [`record`] with the transaction of the change it describes, so the
//! entry and the change commit (or roll back) together.

use crate::ids::{TenantId, UserId};
use sqlx::PgExecutor;

/// How an action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It happened.
    Success,
    /// It was refused or failed.
    Failure,
}

impl Outcome {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
        }
    }
}

/// One audit entry. Never put secrets (passwords, tokens) or phone numbers into it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Who acted (none for an anonymous caller).
    pub actor: Option<UserId>,
    /// Which tenant it concerns (none for installation-wide actions such as a sign-in failure).
    pub tenant: Option<TenantId>,
    /// Dotted action name, e.g. `auth.sign_in` (see [`super::actions`]).
    pub action: &'a str,
    /// What it was done to, e.g. a user or group ID.
    pub target: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// Extra facts as a JSON object.
    pub detail: serde_json::Value,
}

impl<'a> Entry<'a> {
    /// A successful action by `actor` in `tenant`.
    pub fn success(actor: Option<UserId>, tenant: Option<TenantId>, action: &'a str) -> Self {
        Self {
            actor,
            tenant,
            action,
            target: None,
            outcome: Outcome::Success,
            detail: serde_json::json!({}),
        }
    }

    /// A failed or refused action.
    pub fn failure(actor: Option<UserId>, tenant: Option<TenantId>, action: &'a str) -> Self {
        Self {
            outcome: Outcome::Failure,
            ..Self::success(actor, tenant, action)
        }
    }

    /// Sets what the action was done to.
    pub fn target(mut self, target: impl ToString) -> Self {
        self.target = Some(target.to_string());
        self
    }

    /// Sets extra facts.
    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// Appends `entry` to the audit log.
pub async fn record(db: impl PgExecutor<'_>, entry: &Entry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into audit_log (actor_user_id, tenant_id, action, target, outcome, detail)
           values ($1, $2, $3, $4, $5, $6)"#,
        entry.actor as Option<UserId>,
        entry.tenant as Option<TenantId>,
        entry.action,
        entry.target,
        entry.outcome.as_str(),
        entry.detail,
    )
    .execute(db)
    .await?;
    Ok(())
}
