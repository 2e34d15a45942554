//! The one application state, handed to routes and to server functions as context.

use crate::graph::GraphClients;
use crate::live::LiveBus;
use crate::token_cipher::TokenCipher;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;

/// Everything a request handler or a worker needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: PgPool,
    /// Graph API clients: Meta's, and the sandbox's when it runs.
    pub graph: GraphClients,
    /// Live updates for open browsers.
    pub live: LiveBus,
    /// The sandbox's control API, when the sandbox runs.
    pub sandbox_control: Option<crate::simulator::SandboxControl>,
    /// Sign-in and session settings.
    pub auth: Arc<AuthSettings>,
    /// The Meta app's Embedded Signup settings.
    pub signup: Arc<crate::numbers::signup::SignupSettings>,
    /// Encrypts and decrypts business numbers' access tokens.
    pub token_cipher: TokenCipher,
    /// Leptos's settings (site root, output name).
    pub leptos_options: LeptosOptions,
    /// Wakes the outbox worker when a message was queued.
    pub outbox_wake: Arc<tokio::sync::Notify>,
    /// Where media files are stored (`MEDIA_STORE`).
    pub media: crate::chat::media_store::MediaStore,
}

/// Settings of sign-in, sessions and the links GroupDesk hands out.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How browsers reach this server, for invitation, reset and setup links (no trailing `/`).
    pub public_url: String,
    /// A session ends this long after sign-in, however active it is.
    pub absolute_timeout: Duration,
    /// Sandbox installs: the first platform admin also becomes admin of the demo tenant.
    pub join_demo_tenant: bool,
    /// Sign-in through an OpenID Connect provider, when configured.
    pub oidc: Option<Arc<crate::auth::oidc::OidcProvider>>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
