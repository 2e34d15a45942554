//! Signing in and out, sessions, the first platform admin, and the CSRF origin check.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::auth::bootstrap::{Bootstrap, ensure_admin};
use app::tenants::Role;
use common::{PASSWORD, TestApp, browser, call};
use sqlx::PgPool;

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("groupdesk_session="))
        .map(str::to_owned)
}

async fn audit_count(app: &TestApp, action: &str, outcome: &str) -> i64 {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where action = $1 and outcome = $2"#,
        action,
        outcome
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_anonymous_caller_gets_401_and_pages_redirect_to_login(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;

    let response = app.server_fn("list_groups", &[]).await;
    assert_eq!(response.status(), 401);

    let page = app
        .http
        .get(format!("{}/groups", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/login");

    let login = app
        .http
        .get(format!("{}/login", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn signing_in_sets_a_safe_cookie_with_a_new_id_each_time_and_is_audited(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let demo = app.demo_tenant().await;
    app.create_user("ana@example.org", Some((demo, Role::Staff)))
        .await;
    let client = browser();
    let form = [("email", "Ana@Example.org"), ("password", PASSWORD)];

    let first = call(&client, &app.url, "login", &form).await;
    let second = call(&client, &app.url, "login", &form).await;

    assert_eq!(first.status(), 200);
    let first = session_cookie(&first).expect("a session cookie");
    let second = session_cookie(&second).expect("a session cookie");
    assert!(first.contains("HttpOnly"), "{first}");
    assert!(first.contains("SameSite=Lax"), "{first}");
    assert!(
        !first.contains("Secure"),
        "plain http gets no Secure: {first}"
    );
    assert_ne!(
        first.split(';').next(),
        second.split(';').next(),
        "the id rotates at sign-in"
    );
    let groups = call(&client, &app.url, "list_groups", &[]).await;
    assert_eq!(groups.status(), 200);
    assert_eq!(audit_count(&app, "auth.sign_in", "success").await, 2);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn over_https_the_cookie_is_secure(pool: PgPool) {
    let app = TestApp::spawn(pool, &[("GROUPDESK_PUBLIC_URL", "https://gd.example.org")]).await;
    app.create_user("ana@example.org", None).await;

    let response = call(
        &browser(),
        &app.local_url,
        "login",
        &[("email", "ana@example.org"), ("password", PASSWORD)],
    )
    .await;

    let cookie = session_cookie(&response).unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_password_is_refused_audited_and_rate_limited(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.create_user("ana@example.org", None).await;
    let client = browser();
    let wrong = [
        ("email", "ana@example.org"),
        ("password", "not the password"),
    ];

    for _ in 0..app::auth::rate_limit::PER_EMAIL {
        let response = call(&client, &app.url, "login", &wrong).await;
        assert_eq!(response.status(), 422);
        assert!(session_cookie(&response).is_none());
    }
    let right = [("email", "ana@example.org"), ("password", PASSWORD)];
    let limited = call(&client, &app.url, "login", &right).await;

    assert_eq!(limited.status(), 429);
    assert_eq!(
        audit_count(&app, "auth.sign_in", "failure").await,
        app::auth::rate_limit::PER_EMAIL
    );
    let unknown = [("email", "nobody@example.org"), ("password", PASSWORD)];
    assert_eq!(
        call(&client, &app.url, "login", &unknown).await.status(),
        422
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn signing_out_destroys_the_session(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;
    assert_eq!(app.server_fn("list_groups", &[]).await.status(), 200);

    let response = app.server_fn("logout", &[]).await;

    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(app.server_fn("list_groups", &[]).await.status(), 401);
    // The store's own table: not part of the app's migrations, so not checked at compile time.
    let sessions: i64 = sqlx::query_scalar("select count(*) from tower_sessions.session")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    assert_eq!(audit_count(&app, "auth.sign_out", "success").await, 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_disabled_account_loses_its_session_and_cannot_sign_in(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let user = app.sign_in(Role::Admin).await;

    sqlx::query!(
        "update app_user set disabled_at = now() where app_user_id = $1",
        user.0
    )
    .execute(&app.pool)
    .await
    .unwrap();

    assert_eq!(app.server_fn("list_groups", &[]).await.status(), 401);
    let again = call(
        &browser(),
        &app.url,
        "login",
        &[("email", "admin@demo.test"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(again.status(), 422);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_suspended_tenant_refuses_its_members(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;

    sqlx::query!("update tenant set suspended_at = now()")
        .execute(&app.pool)
        .await
        .unwrap();

    assert_eq!(app.server_fn("list_groups", &[]).await.status(), 403);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_post_from_another_origin_is_refused(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.create_user("ana@example.org", None).await;
    let form = [("email", "ana@example.org"), ("password", PASSWORD)];

    let foreign = app
        .http
        .post(format!("{}/api/login", app.url))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    let own = app
        .http
        .post(format!("{}/api/login", app.url))
        .header("origin", app.url.as_str())
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();

    assert_eq!(foreign.status(), 403);
    assert_eq!(own.status(), 200);
    assert_eq!(audit_count(&app, "auth.sign_in", "success").await, 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_setup_link_creates_the_platform_admin_once(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let demo = app.demo_tenant().await;
    // Start-up printed a link; issuing again replaces it, and gives the test the token.
    let Bootstrap::SetupLink(token) = ensure_admin(&app.pool, None, Some(demo)).await.unwrap()
    else {
        panic!("no platform admin exists, so a setup link is issued");
    };
    let form = [
        ("token", token.as_str()),
        ("email", "root@example.org"),
        ("display_name", "Root"),
        ("password", "a long enough password"),
    ];

    let created = app.server_fn("complete_setup", &form).await;
    let reused = call(&browser(), &app.url, "complete_setup", &form).await;

    assert_eq!(created.status(), 200);
    assert_eq!(reused.status(), 409);
    let admin = sqlx::query!(
        r#"select u.platform_admin, m.role from app_user u join membership m using (app_user_id)
           where u.email = 'root@example.org'"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(admin.platform_admin);
    assert_eq!(admin.role, "admin");
    assert_eq!(app.server_fn("list_groups", &[]).await.status(), 200);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_configured_bootstrap_admin_can_sign_in_to_the_demo_tenant(pool: PgPool) {
    let app = TestApp::spawn(
        pool,
        &[
            ("GROUPDESK_BOOTSTRAP_ADMIN_EMAIL", "boot@example.org"),
            ("GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD),
        ],
    )
    .await;

    app.login(&app.http, "boot@example.org").await;

    assert_eq!(app.server_fn("list_groups", &[]).await.status(), 200);
    let open_links = sqlx::query_scalar!(r#"select count(*) as "n!" from setup_token"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(open_links, 0, "no setup link when an admin is configured");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_audit_log_cannot_be_changed_or_emptied(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;

    let update = sqlx::query!("update audit_log set outcome = 'failure'")
        .execute(&app.pool)
        .await;
    let delete = sqlx::query!("delete from audit_log")
        .execute(&app.pool)
        .await;

    assert!(update.is_err());
    assert!(delete.is_err());
    assert_eq!(audit_count(&app, "auth.sign_in", "success").await, 1);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_unknown_page_renders_the_not_found_page_for_a_signed_in_person(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Staff).await;

    let page = app
        .http
        .get(format!("{}/no-such-page", app.url))
        .send()
        .await
        .unwrap();

    assert_eq!(page.status(), 404);
    assert!(page.text().await.unwrap().contains("Page not found"));
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_webhook_endpoint_is_exempt_from_the_origin_check(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let header = app::webhooks::signature::sign(b"test-app-secret", body);

    let response = app
        .http
        .post(format!("{}/webhooks/whatsapp", app.url))
        .header("origin", "https://graph.facebook.com")
        .header("content-type", "application/json")
        .header(app::webhooks::signature::HEADER, header)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    app.stop().await;
}
