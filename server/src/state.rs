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

/// Shared by every route. Cheap to clone.
#[derive(Clone)]
pub struct ServerState {
    /// The product's state (also given to server functions).
    pub app: AppState,
    /// Webhook settings.
    pub webhooks: Arc<WebhookSettings>,
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
