//! The sign-in a browser started: state, nonce and PKCE verifier, kept in its session (stored
//! server-side in PostgreSQL; the cookie holds only the session ID). Taken out once, and only
//! good for ten minutes.

use crate::AppError;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "groupdesk.oidc_pending";

/// How long a started sign-in may take, in seconds.
pub const MAX_AGE_SECS: i64 = 600;

/// A started sign-in.
#[derive(Serialize, Deserialize)]
pub struct Pending {
    /// The `state` sent to the provider.
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE code verifier.
    pub verifier: String,
    /// Unix seconds when it started.
    pub started_at: i64,
}

impl Pending {
    /// Whether it started more than [`MAX_AGE_SECS`] before `now`.
    pub fn expired(&self, now: i64) -> bool {
        now.saturating_sub(self.started_at) > MAX_AGE_SECS
    }
}

/// Remembers a started sign-in (replacing an older one of the same browser).
pub async fn keep(session: &Session, pending: &Pending) -> Result<(), AppError> {
    session.insert(KEY, pending).await?;
    Ok(())
}

/// Takes the started sign-in out of the session: a second callback finds nothing.
pub async fn take(session: &Session) -> Result<Option<Pending>, AppError> {
    Ok(session.remove::<Pending>(KEY).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_sign_in_is_good_for_ten_minutes() {
        let pending = Pending {
            state: String::new(),
            nonce: String::new(),
            verifier: String::new(),
            started_at: 1_000,
        };
        assert!(!pending.expired(1_000 + 600));
        assert!(pending.expired(1_000 + 601));
    }
}
