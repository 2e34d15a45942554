//! The one application state, handed to routes and to server functions as context.

use crate::graph::GraphClients;
use crate::live::LiveBus;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

/// Everything a request handler or a worker needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: PgPool,
    /// Graph API clients: Meta's, and the sandbox's when it runs.
    pub graph: GraphClients,
    /// Live updates for open browsers.
    pub live: LiveBus,
    /// Whether the development sign-in is on (sandbox installs only).
    pub dev_signin: bool,
    /// The sandbox's control API, when the sandbox runs.
    pub sandbox_control: Option<crate::simulator::SandboxControl>,
    /// Leptos's settings (site root, output name).
    pub leptos_options: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
