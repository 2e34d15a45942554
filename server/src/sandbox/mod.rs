//! The sandbox: GroupDesk's local emulator of the WhatsApp Groups API (SPEC §8).
//!
//! It answers Graph-API-shaped requests under `/sandbox/graph/{version}/...`, keeps its state in
//! the `sandbox` schema (so it survives restarts), and sends outcomes as signed webhooks to the
//! configured callback, with retries.

pub mod deliver;
mod error;
mod groups;
mod ids;

pub use error::MetaError;

use axum::Router;
use axum::routing::post;
use secrecy::SecretString;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Where the sandbox is mounted in the app's router.
pub const MOUNT: &str = "/sandbox";

/// The sandbox's settings.
#[derive(Debug)]
pub struct SandboxSettings {
    /// Signs outgoing webhooks (`X-Hub-Signature-256`).
    pub app_secret: SecretString,
    /// Where webhooks go.
    pub callback_url: String,
    /// How long to wait before sending an asynchronous outcome.
    pub webhook_delay: Duration,
}

/// The sandbox's state. Cheap to clone.
#[derive(Clone)]
pub struct SandboxState {
    /// The database (tables in the `sandbox` schema).
    pub pool: PgPool,
    /// Settings.
    pub settings: Arc<SandboxSettings>,
    /// Wakes the webhook deliverer.
    pub wake: Arc<Notify>,
}

/// The sandbox's Graph API routes, to be nested under [`MOUNT`].
pub fn router(state: SandboxState) -> Router {
    Router::new()
        .route(
            "/graph/{version}/{phone_number_id}/groups",
            post(groups::create),
        )
        .with_state(state)
}

/// A sandbox business number.
pub struct SandboxNumber<'a> {
    /// Phone number ID.
    pub phone_number_id: &'a str,
    /// WABA ID.
    pub waba_id: &'a str,
    /// Display number.
    pub display_phone_number: &'a str,
    /// Whether it passes the Groups eligibility check (SPEC §5).
    pub eligible: bool,
}

/// Registers a number with the sandbox, once.
pub async fn register_number(pool: &PgPool, number: &SandboxNumber<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into sandbox.phone_number
             (phone_number_id, waba_id, display_phone_number, is_official_business_account)
           values ($1, $2, $3, $4)
           on conflict (phone_number_id) do nothing"#,
        number.phone_number_id,
        number.waba_id,
        number.display_phone_number,
        number.eligible,
    )
    .execute(pool)
    .await?;
    Ok(())
}
