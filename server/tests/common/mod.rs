//! A typed helper that runs the whole server on port 0 against a fresh test database.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helper"
)]

pub mod chat;
pub mod sandbox;

use app::auth::domain::{DisplayName, Email, NewPassword};
use app::ids::{TenantId, UserId};
use app::tenants::Role;
use app::webhooks::signature;
use secrecy::ExposeSecret;
use server::config::Config;
use server::serve::{self, Running};
use sqlx::PgPool;
use std::collections::HashMap;
use std::time::Duration;

/// The demo number's phone number ID (seeded in sandbox mode).
pub const DEMO_PNID: &str = "100000000000001";

/// The password of every test user.
pub const PASSWORD: &str = "correct horse battery staple";

/// A person with an account and their own signed-in HTTP client.
pub struct TestUser {
    pub user_id: UserId,
    pub email: String,
    pub client: reqwest::Client,
}

/// A client that keeps cookies, like a browser.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A running GroupDesk with the sandbox on.
pub struct TestApp {
    /// The public URL (what links and the sandbox use).
    pub url: String,
    /// Where the server listens, whatever the public URL says.
    pub local_url: String,
    pub pool: PgPool,
    pub config: Config,
    pub http: reqwest::Client,
    running: Running,
}

impl TestApp {
    /// Starts the server with the sandbox on; `extra` overrides settings.
    pub async fn spawn(pool: PgPool, extra: &[(&str, &str)]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::spawn_on(listener, pool, extra).await
    }

    /// Starts the server on `listener`, whose address a test may need in a setting beforehand.
    pub async fn spawn_on(
        listener: tokio::net::TcpListener,
        pool: PgPool,
        extra: &[(&str, &str)],
    ) -> Self {
        let mut settings: HashMap<String, String> = [
            ("DATABASE_URL", "postgres://unused-the-pool-is-given"),
            ("GROUPDESK_SANDBOX", "true"),
            ("GROUPDESK_ADDR", "127.0.0.1:0"),
            ("SANDBOX_WEBHOOK_DELAY_MS", "20"),
            ("META_APP_SECRET", "test-app-secret"),
            ("WEBHOOK_VERIFY_TOKEN", "test-verify-token"),
            ("WEBHOOK_MAX_BODY_BYTES", "65536"),
            // Not the default folder: tests must not write into the source tree.
            ("MEDIA_STORE", "memory://"),
            // Not the dev key file: tests must not write into the source tree.
            (
                "GROUPDESK_TOKEN_KEY",
                "dGVzdC10b2tlbi1rZXktMzItYnl0ZXMtbG9uZy4uLi4=",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for (key, value) in extra {
            settings.insert((*key).to_owned(), (*value).to_owned());
        }
        let config = Config::from_lookup(|name| settings.get(name).cloned()).unwrap();
        serve::prepare(&config, &pool).await.unwrap();
        let running = serve::start(config.clone(), listener, pool.clone())
            .await
            .unwrap();
        Self {
            url: running.public_url.clone(),
            local_url: format!("http://{}", running.addr),
            pool,
            config,
            http: browser(),
            running,
        }
    }

    /// Stops the server and waits for it and its workers to end.
    pub async fn stop(self) {
        self.running.shutdown.cancel();
        tokio::time::timeout(Duration::from_secs(10), self.running.handle)
            .await
            .expect("the server stops within 10 s")
            .unwrap();
    }

    /// Calls a server function with form fields, answering in JSON.
    pub async fn server_fn(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        call(&self.http, &self.url, name, form).await
    }

    /// The demo tenant's ID.
    pub async fn demo_tenant(&self) -> TenantId {
        app::tenants::db::demo_tenant_id(&self.pool)
            .await
            .unwrap()
            .unwrap()
    }

    /// A new tenant with one sandbox-less number-free setup.
    pub async fn create_tenant(&self, name: &str, slug: &str) -> TenantId {
        sqlx::query_scalar!(
            r#"insert into tenant (name, slug) values ($1, $2) returning tenant_id as "id: TenantId""#,
            name,
            slug
        )
        .fetch_one(&self.pool)
        .await
        .unwrap()
    }

    /// Creates an account (through the app's own functions) with [`PASSWORD`], a member of
    /// `tenant` with `role` when given. Not signed in.
    pub async fn create_user(&self, email: &str, membership: Option<(TenantId, Role)>) -> UserId {
        let email = Email::parse(email).unwrap();
        let name = DisplayName::parse("Test person").unwrap();
        let hash = app::auth::password::hash(&NewPassword::parse(PASSWORD).unwrap())
            .await
            .unwrap();
        let mut tx = self.pool.begin().await.unwrap();
        let user_id = app::auth::db::create_user(&mut tx, &email, &name, &hash, false)
            .await
            .unwrap();
        if let Some((tenant, role)) = membership {
            app::auth::db::add_membership(&mut *tx, user_id, tenant, role)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        user_id
    }

    /// Signs `client` in through the login server function; panics unless it works.
    pub async fn login(&self, client: &reqwest::Client, email: &str) {
        let response = call(
            client,
            &self.url,
            "login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "login failed: {}",
            response.status()
        );
    }

    /// A new person with `role` in `tenant`, signed in with their own client.
    pub async fn user(&self, email: &str, tenant: TenantId, role: Role) -> TestUser {
        let user_id = self.create_user(email, Some((tenant, role))).await;
        let client = browser();
        self.login(&client, email).await;
        TestUser {
            user_id,
            email: email.to_owned(),
            client,
        }
    }

    /// A new platform admin who belongs to no tenant, signed in with their own client.
    pub async fn platform_admin(&self, email: &str) -> TestUser {
        let parsed = Email::parse(email).unwrap();
        let name = DisplayName::parse("Platform admin").unwrap();
        let hash = app::auth::password::hash(&NewPassword::parse(PASSWORD).unwrap())
            .await
            .unwrap();
        let mut tx = self.pool.begin().await.unwrap();
        let user_id = app::auth::db::create_user(&mut tx, &parsed, &name, &hash, true)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let client = browser();
        self.login(&client, email).await;
        TestUser {
            user_id,
            email: email.to_owned(),
            client,
        }
    }

    /// Signs the default client (`http`) in as a new member of the demo tenant with `role`.
    pub async fn sign_in(&self, role: Role) -> UserId {
        let email = format!("{}@demo.test", role.as_str());
        let user_id = self
            .create_user(&email, Some((self.demo_tenant().await, role)))
            .await;
        self.login(&self.http, &email).await;
        user_id
    }

    /// The demo number's GroupDesk ID.
    pub async fn demo_number_id(&self) -> String {
        sqlx::query_scalar!(
            "select business_number_id from business_number where phone_number_id = $1",
            DEMO_PNID
        )
        .fetch_one(&self.pool)
        .await
        .unwrap()
        .to_string()
    }

    /// Creates a group through the server function and returns the HTTP response.
    pub async fn create_group(
        &self,
        subject: &str,
        description: &str,
        mode: &str,
    ) -> reqwest::Response {
        let number = self.demo_number_id().await;
        self.server_fn(
            "create_group",
            &[
                ("subject", subject),
                ("description", description),
                ("join_approval_mode", mode),
                ("number_id", &number),
            ],
        )
        .await
    }

    /// Posts a webhook body signed with the configured app secret.
    pub async fn post_signed_webhook(&self, body: &[u8]) -> reqwest::Response {
        let header = signature::sign(self.config.app_secret.expose_secret().as_bytes(), body);
        self.post_webhook(body, Some(&header)).await
    }

    /// Posts a webhook body with the given signature header (or none).
    pub async fn post_webhook(
        &self,
        body: &[u8],
        signature_header: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .post(format!("{}/webhooks/whatsapp", self.url))
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(header) = signature_header {
            request = request.header(signature::HEADER, header);
        }
        request.send().await.unwrap()
    }

    /// How many webhook events are stored.
    pub async fn stored_events(&self) -> i64 {
        sqlx::query_scalar!(r#"select count(*) as "n!" from webhook_event"#)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// How many groups GroupDesk has.
    pub async fn group_count(&self) -> i64 {
        sqlx::query_scalar!(r#"select count(*) as "n!" from whatsapp_group"#)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Waits until `check` holds, polling; panics after 15 s.
    pub async fn eventually<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        while !check().await {
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for: {what}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// Calls a server function with form fields as `client`, answering in JSON.
pub async fn call(
    client: &reqwest::Client,
    url: &str,
    name: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{url}/api/{name}"))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

/// A `group_lifecycle_update` / `group_create` success webhook, shaped as in SPEC §4.1.
pub fn create_succeeded(
    pnid: &str,
    request_id: &str,
    group_id: &str,
    link: &str,
) -> serde_json::Value {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550100001", "phone_number_id": pnid},
            "groups": [{"timestamp": "1761000000", "group_id": group_id, "type": "group_create",
                "request_id": request_id, "subject": "Book club", "invite_link": link,
                "join_approval_mode": "auto_approve"}]},
            "field": "group_lifecycle_update"}]}]
    })
}
