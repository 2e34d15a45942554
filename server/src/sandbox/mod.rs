//! The sandbox: GroupDesk's local emulator of the WhatsApp Groups API (SPEC §8).
//!
//! It answers Graph-API-shaped requests under `/sandbox/graph/{version}/...`, keeps its state in
//! the `sandbox` schema (so it survives restarts), sends outcomes as signed webhooks to the
//! configured callback with retries, plays WhatsApp users through `/sandbox/control`, and can
//! inject faults.

mod body;
pub mod control;
pub mod deliver;
mod dispatch;
mod error;
mod faults;
mod faults_config;
mod groups;
mod ids;
mod invite_check;
mod join_requests;
pub mod jpeg;
mod links;
mod lookup;
mod media;
mod messages;
pub(crate) mod numbers;
mod participants;
mod settings;
mod statuses;
mod template_check;
mod template_seed;
mod templates;

pub use error::MetaError;
pub use faults_config::FaultSettings;
pub use numbers::CODE_LIFETIME_SECONDS;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use secrecy::SecretString;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Where the sandbox is mounted in the app's router.
pub const MOUNT: &str = "/sandbox";
/// The largest request the sandbox reads (documents may be 100 MB).
const BODY_LIMIT: usize = 110 * 1024 * 1024;

/// The sandbox's settings.
#[derive(Debug)]
pub struct SandboxSettings {
    /// Signs outgoing webhooks (`X-Hub-Signature-256`).
    pub app_secret: SecretString,
    /// Where webhooks go.
    pub callback_url: String,
    /// How long to wait before sending an asynchronous outcome.
    pub webhook_delay: Duration,
    /// The server's public URL (media download links, paging links).
    pub public_url: String,
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

/// The sandbox's routes, to be nested under [`MOUNT`].
pub fn router(state: SandboxState) -> Router {
    let graph = Router::new()
        .route(
            "/{version}/{node}",
            get(dispatch::node_get)
                .post(dispatch::node_post)
                .delete(dispatch::node_delete),
        )
        .route(
            "/{version}/{node}/{edge}",
            get(dispatch::edge_get)
                .post(dispatch::edge_post)
                .delete(dispatch::edge_delete),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::layer,
        ));
    Router::new()
        .nest("/graph", graph)
        .route("/media/{media_id}", get(dispatch::media_download))
        .nest("/control", control::router())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
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
