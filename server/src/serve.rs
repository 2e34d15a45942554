//! Starting and stopping the server: database, migrations, demo data, workers, listener.

use crate::config::Config;
use crate::routes::{self, WEBHOOK_PATH};
use crate::sandbox::{self, SandboxNumber, SandboxSettings, SandboxState};
use crate::state::{ServerState, Shared, WebSettings, WebhookSettings};
use crate::worker;
use anyhow::Context;
use app::auth::oidc::OidcProvider;
use app::graph::{GraphApi, GraphClients, HttpGraphClient};
use app::live::LiveBus;
use app::state::{AppState, AuthSettings};
use app::tenants::db::{DemoNumber, seed_demo};
use secrecy::ExposeSecret;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tower_sessions_sqlx_store::PostgresStore;

/// The migrations in `migrations/`, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Connects to the database named by the configuration.
pub async fn connect(config: &Config) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(10))
        .connect(config.database_url.expose_secret())
        .await
        .context("could not connect to the database named by DATABASE_URL")
}

/// Applies pending migrations and, in sandbox mode, seeds the demo tenant and its number.
pub async fn prepare(config: &Config, pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("could not apply the database migrations")?;
    PostgresStore::new(pool.clone())
        .migrate()
        .await
        .context("could not create the session table")?;
    if config.sandbox {
        let demo = DemoNumber::default();
        if seed_demo(pool, &demo)
            .await
            .context("could not seed the demo tenant")?
        {
            tracing::info!("seeded the demo tenant with a sandbox number");
        }
        sandbox::register_number(
            pool,
            &SandboxNumber {
                phone_number_id: demo.phone_number_id.as_str(),
                waba_id: demo.waba_id.as_str(),
                display_phone_number: &demo.display_phone_number,
                eligible: true,
            },
        )
        .await
        .context("could not register the demo number with the sandbox")?;
        config
            .sandbox_faults
            .apply(pool)
            .await
            .context("could not store the sandbox fault settings")?;
    }
    Ok(())
}

/// A running server.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The URL browsers and the sandbox use.
    pub public_url: String,
    /// Cancel to stop it gracefully.
    pub shutdown: CancellationToken,
    /// Ends when the server and its workers have stopped.
    pub handle: JoinHandle<()>,
}

/// Serves on `listener` until `shutdown` is cancelled, with the workers beside it.
pub async fn start(config: Config, listener: TcpListener, pool: PgPool) -> anyhow::Result<Running> {
    let addr = listener.local_addr().context("listener has no address")?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let shutdown = CancellationToken::new();

    let mut leptos_options = leptos::prelude::get_configuration(None)
        .context("could not read the Leptos settings")?
        .leptos_options;
    leptos_options.site_addr = addr;

    let meta: Arc<dyn GraphApi> = Arc::new(
        HttpGraphClient::new(&config.graph_base_url, &config.graph_version)
            .context("could not build the Graph API client")?,
    );
    let sandbox_state = config.sandbox.then(|| SandboxState {
        pool: pool.clone(),
        settings: Arc::new(SandboxSettings {
            app_secret: config.app_secret.clone(),
            callback_url: config
                .sandbox_callback_url
                .clone()
                .unwrap_or_else(|| format!("{public_url}{WEBHOOK_PATH}")),
            webhook_delay: config.sandbox_webhook_delay,
            public_url: public_url.clone(),
        }),
        wake: Arc::new(Notify::new()),
    });
    let sandbox_client: Option<Arc<dyn GraphApi>> = match &sandbox_state {
        Some(_) => Some(Arc::new(
            HttpGraphClient::new(
                &format!("{public_url}{}/graph", sandbox::MOUNT),
                &config.graph_version,
            )
            .context("could not build the sandbox client")?,
        )),
        None => None,
    };
    crate::bootstrap::run(&config, &pool, &public_url).await?;
    let token_cipher = crate::token_key::cipher(&config)?;
    let sessions = PostgresStore::new(pool.clone());
    let app = AppState {
        pool,
        graph: GraphClients {
            meta,
            sandbox: sandbox_client,
        },
        live: LiveBus::default(),
        sandbox_control: match &sandbox_state {
            Some(_) => Some(
                app::simulator::SandboxControl::new(&format!(
                    "{public_url}{}/control",
                    sandbox::MOUNT
                ))
                .map_err(|_| anyhow::anyhow!("could not build the sandbox control client"))?,
            ),
            None => None,
        },
        auth: Arc::new(AuthSettings {
            public_url: public_url.clone(),
            absolute_timeout: config.access.session_absolute,
            join_demo_tenant: config.sandbox,
            oidc: match &config.access.oidc {
                Some(settings) => Some(Arc::new(
                    OidcProvider::new(settings.clone(), &public_url)
                        .context("could not build the OpenID Connect client")?,
                )),
                None => None,
            },
        }),
        signup: Arc::new(app::numbers::signup::SignupSettings {
            app_id: config.app_id.clone(),
            config_id: config.es_config_id.clone(),
            app_secret: config.app_secret.clone(),
            graph_version: config.graph_version.clone(),
        }),
        token_cipher,
        leptos_options,
        outbox_wake: Arc::new(Notify::new()),
        media: app::chat::media_store::MediaStore::open(&config.media_store)
            .context("could not open the media store named by MEDIA_STORE")?,
    };
    let state = ServerState::new(Shared {
        app: app.clone(),
        webhooks: Arc::new(WebhookSettings {
            app_secrets: vec![config.app_secret.clone()],
            verify_token: config.verify_token.clone(),
            max_body_bytes: config.webhook_max_body_bytes,
        }),
        web: Arc::new(WebSettings {
            public_origin: crate::guard::origin_of(&public_url),
            session_idle: config.access.session_idle,
            secure_cookies: config.https(),
        }),
        sessions: sessions.clone(),
        ingest: crate::ingest::Ingest::start(app.pool.clone()),
        wake_worker: Arc::new(Notify::new()),
        shutdown: shutdown.clone(),
    });
    let sweeper = tokio::spawn(sweep_expired_sessions(sessions, shutdown.clone()));

    let relay = tokio::spawn(crate::live::relay(
        app.pool.clone(),
        app.live.clone(),
        shutdown.clone(),
    ));
    // Several workers share the queue (FOR UPDATE SKIP LOCKED), so their commits overlap.
    let workers: Vec<_> = (0..worker::CONCURRENCY)
        .map(|_| {
            tokio::spawn(worker::run(
                app.clone(),
                state.wake_worker.clone(),
                state.ingest.pressure(),
                shutdown.clone(),
            ))
        })
        .collect();
    let outbox = tokio::spawn(crate::outbox::run(
        app.clone(),
        config.outbox,
        shutdown.clone(),
    ));
    let invites = tokio::spawn(crate::invite_sender::run(
        app.clone(),
        config.outbox,
        shutdown.clone(),
    ));
    let media_fetch = tokio::spawn(crate::media_fetch::run(app.clone(), shutdown.clone()));
    let sync = tokio::spawn(crate::sync::run(
        app.clone(),
        config.sync_page_size,
        shutdown.clone(),
    ));
    let deliverer = sandbox_state
        .clone()
        .map(|sandbox| tokio::spawn(sandbox::deliver::run(sandbox, shutdown.clone())));
    let router = routes::router(state, sandbox_state);

    let stop = shutdown.clone();
    let handle = tokio::spawn(async move {
        let served = axum::serve(
            axum::serve::ListenerExt::tap_io(listener, no_delay),
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move { stop.cancelled().await })
        .await;
        if let Err(error) = served {
            tracing::error!(error = %error, "server stopped with an error");
        }
        for worker in workers {
            let _ = worker.await;
        }
        let _ = outbox.await;
        let _ = invites.await;
        let _ = media_fetch.await;
        let _ = sync.await;
        let _ = relay.await;
        let _ = sweeper.await;
        if let Some(deliverer) = deliverer {
            let _ = deliverer.await;
        }
    });
    Ok(Running {
        addr,
        public_url,
        shutdown,
        handle,
    })
}

/// Serves only the sandbox (Graph API emulator, control API, webhook deliverer) on `listener`,
/// for running it beside a GroupDesk elsewhere: webhooks go to `SANDBOX_CALLBACK_URL`.
pub async fn start_sandbox_only(
    config: Config,
    listener: TcpListener,
    pool: PgPool,
) -> anyhow::Result<Running> {
    let addr = listener.local_addr().context("listener has no address")?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let callback_url = config
        .sandbox_callback_url
        .clone()
        .context("SANDBOX_CALLBACK_URL is not set: the standalone sandbox needs to know where to send webhooks")?;
    let shutdown = CancellationToken::new();
    let state = SandboxState {
        pool,
        settings: Arc::new(SandboxSettings {
            app_secret: config.app_secret.clone(),
            callback_url,
            webhook_delay: config.sandbox_webhook_delay,
            public_url: public_url.clone(),
        }),
        wake: Arc::new(Notify::new()),
    };
    let deliverer = tokio::spawn(sandbox::deliver::run(state.clone(), shutdown.clone()));
    let router = axum::Router::new()
        .nest(sandbox::MOUNT, sandbox::router(state))
        .route("/healthz", axum::routing::get(crate::health::healthz));
    let stop = shutdown.clone();
    let handle = tokio::spawn(async move {
        let served = axum::serve(axum::serve::ListenerExt::tap_io(listener, no_delay), router)
            .with_graceful_shutdown(async move { stop.cancelled().await })
            .await;
        if let Err(error) = served {
            tracing::error!(error = %error, "sandbox stopped with an error");
        }
        let _ = deliverer.await;
    });
    Ok(Running {
        addr,
        public_url,
        shutdown,
        handle,
    })
}

/// Deletes expired sessions every few minutes until shutdown.
async fn sweep_expired_sessions(store: PostgresStore, shutdown: CancellationToken) {
    use tower_sessions::ExpiredDeletion;
    loop {
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(error = %error, "could not delete expired sessions");
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(300)) => {}
            () = shutdown.cancelled() => return,
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn termination() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Sends small writes at once (`TCP_NODELAY`): a live event or the last chunk of a streamed page
/// is a small write that Nagle's algorithm would otherwise hold until the browser acknowledges
/// the previous one, which a delayed acknowledgement makes take up to 40 ms.
fn no_delay(stream: &mut tokio::net::TcpStream) {
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(error = %error, "could not set TCP_NODELAY");
    }
}
