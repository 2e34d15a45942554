//! The router's state: the app's state plus what only the process needs.

use app::state::AppState;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use secrecy::SecretString;
use std::sync::Arc;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// Webhook endpoint settings.
#[derive(Debug)]
pub struct WebhookSettings {
    /// App secrets that may have signed a webhook (the current one, and an old one while rotating).
    pub app_secrets: Vec<SecretString>,
    /// The token Meta echoes in the subscription handshake.
    pub verify_token: SecretString,
    /// Larger bodies are refused.
    pub max_body_bytes: usize,
}

/// Browser-facing settings: sessions and the CSRF origin check.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// The origin (`scheme://host[:port]`) browsers use; other origins may not change state.
    pub public_origin: String,
    /// A session unused this long ends.
    pub session_idle: std::time::Duration,
    /// Cookies get `Secure` (the public URL is https).
    pub secure_cookies: bool,
}

/// Shared by every route. Cheap to clone (one reference count: the webhook endpoint's
/// middleware and handler clone it several times per request).
#[derive(Clone)]
pub struct ServerState(Arc<Shared>);

impl ServerState {
    /// Wraps the process's shared parts.
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for ServerState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`ServerState`] shares.
pub struct Shared {
    /// The product's state (also given to server functions).
    pub app: AppState,
    /// Webhook settings.
    pub webhooks: Arc<WebhookSettings>,
    /// Session and CSRF settings.
    pub web: Arc<WebSettings>,
    /// Where sessions are stored.
    pub sessions: tower_sessions_sqlx_store::PostgresStore,
    /// Stores webhook events with group commit.
    pub ingest: crate::ingest::Ingest,
    /// Wakes the webhook worker when an event was stored.
    pub wake_worker: Arc<Notify>,
    /// Cancelled when the process shuts down; long-lived streams end with it.
    pub shutdown: CancellationToken,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.app.leptos_options.clone()
    }
}

impl FromRef<ServerState> for AppState {
    fn from_ref(state: &ServerState) -> Self {
        state.app.clone()
    }
}
