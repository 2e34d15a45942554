//! Signing in through an OpenID Connect provider, against a small provider served in-process
//! (common/oidc_provider.rs): real HTTP from a cookie-keeping client through the real server to
//! the provider and back. Covers the happy path (by email, then by subject), invitations, and
//! every refusal: provider error, wrong or replayed state, wrong nonce, bad signature, wrong
//! audience, expired token, unverified email, unknown person.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;
#[path = "common/oidc_provider.rs"]
mod oidc_provider;

use app::ids::UserId;
use app::tenants::Role;
use common::{TestApp, browser, call};
use oidc_provider::{Account, CLIENT_SECRET, FakeProvider};
use sqlx::PgPool;

const ANA: &str = "ana@example.org";

/// The app, configured for `provider`.
async fn spawn(pool: PgPool, provider: &FakeProvider) -> TestApp {
    TestApp::spawn(pool, &provider.settings()).await
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("groupdesk_session="))
        .map(|value| value.split(';').next().unwrap().to_owned())
}

/// One sign-in as far as the provider's redirect back: `client` opens the start route, the
/// person signs in at the provider, and the callback URL it sends them to is returned (not yet
/// opened), with the session cookie the start set.
async fn to_callback(app: &TestApp, client: &reqwest::Client) -> (String, String) {
    let start = client
        .get(format!("{}/auth/oidc/start", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 303);
    let cookie = session_cookie(&start).expect("the start keeps its state in a session");
    let authorize = location(&start);
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    assert!(authorize.contains("nonce="), "{authorize}");
    assert!(authorize.contains("state="), "{authorize}");
    // The provider's pages are another site: no GroupDesk cookie goes there.
    let at_provider = browser().get(&authorize).send().await.unwrap();
    assert_eq!(
        at_provider.status(),
        303,
        "{}",
        at_provider.text().await.unwrap()
    );
    let callback = location(&at_provider);
    assert!(
        callback.starts_with(&format!("{}/auth/oidc/callback?", app.url)),
        "{callback}"
    );
    (callback, cookie)
}

/// Opens the callback; returns where GroupDesk sends the browser, and the new session cookie.
async fn finish(client: &reqwest::Client, callback: &str) -> (String, Option<String>) {
    let response = client.get(callback).send().await.unwrap();
    assert_eq!(response.status(), 303);
    (location(&response), session_cookie(&response))
}

/// A full sign-in; returns where it ended.
async fn sign_in(app: &TestApp, client: &reqwest::Client) -> String {
    let (callback, _) = to_callback(app, client).await;
    finish(client, &callback).await.0
}

/// Who `client`'s session belongs to, if anyone.
async fn who(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    let response = call(client, &app.url, "current_user", &[]).await;
    assert_eq!(response.status(), 200);
    let me: serde_json::Value = response.json().await.unwrap();
    me.get("user_id")
        .and_then(|id| id.as_str())
        .map(str::to_owned)
}

/// The audit reasons of refused OIDC sign-ins, oldest first.
async fn refusals(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "select detail->>'reason' from audit_log
         where action = 'auth.sign_in' and outcome = 'failure' and detail->>'method' = 'oidc'
         order by audit_log_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn links(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from oidc_identity")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Signs in with the provider as it is configured, expecting a refusal shown as
/// `code` on the sign-in page and audited with `reason`; nobody is signed in afterwards.
async fn refused(app: &TestApp, code: &str, reason: &str) {
    let client = browser();
    let ended = sign_in(app, &client).await;
    assert_eq!(ended, format!("/login?oidc={code}"));
    assert_eq!(who(app, &client).await, None);
    assert_eq!(refusals(app).await.last().map(String::as_str), Some(reason));
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_person_signs_in_by_verified_email_then_by_subject_with_a_new_session_id(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    let app = spawn(pool, &provider).await;
    let ana = app
        .create_user(ANA, Some((app.demo_tenant().await, Role::Staff)))
        .await;
    let client = browser();

    let (callback, before) = to_callback(&app, &client).await;
    let (ended, after) = finish(&client, &callback).await;
    assert_eq!(ended, "/groups");
    let after = after.expect("signing in sets a new session cookie");
    assert_ne!(before, after, "the session ID changes at sign-in");
    assert_eq!(who(&app, &client).await, Some(ana.to_string()));
    let groups = call(&client, &app.url, "list_groups", &[]).await;
    assert_eq!(groups.status(), 200, "signed in to the demo tenant");

    // The provider's answer works once.
    let again = browser();
    let (replayed, _) = finish(&again, &callback).await;
    assert_eq!(replayed, "/login?oidc=state");
    assert_eq!(who(&app, &again).await, None);

    // Later sign-ins go by subject: a changed (even unconfirmed) address at the provider is fine.
    provider.behave(|b| {
        b.account.email = Some("ana.new@example.org".to_owned());
        b.account.email_verified = false;
    });
    let later = browser();
    assert_eq!(sign_in(&app, &later).await, "/groups");
    assert_eq!(who(&app, &later).await, Some(ana.to_string()));
    assert_eq!(links(&app).await, 1);

    let successes: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'auth.sign_in' and outcome = 'success'
           and detail->>'method' = 'oidc' and actor_user_id = $1",
    )
    .bind(ana.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(successes, 2);
    let audit_text: String = sqlx::query_scalar(
        "select coalesce(string_agg(detail::text || coalesce(target, ''), ' '), '') from audit_log",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!audit_text.contains(CLIENT_SECRET));
    assert!(
        !audit_text.contains("eyJ"),
        "no token in the audit log: {audit_text}"
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_email_can_come_from_userinfo(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    provider.behave(|b| b.email_only_in_userinfo = true);
    let app = spawn(pool, &provider).await;
    let ana = app.create_user(ANA, None).await;
    let client = browser();
    assert_eq!(sign_in(&app, &client).await, "/groups");
    assert_eq!(who(&app, &client).await, Some(ana.to_string()));
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_invited_address_gets_an_account_and_the_invitations_memberships(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-new", "newcomer@example.org")).await;
    let app = spawn(pool, &provider).await;
    let admin = app
        .user("admin@example.org", app.demo_tenant().await, Role::Admin)
        .await;
    let invite = call(
        &admin.client,
        &app.url,
        "create_invitation",
        &[("email", "Newcomer@example.org"), ("role", "support")],
    )
    .await;
    assert_eq!(invite.status(), 200);

    let client = browser();
    assert_eq!(sign_in(&app, &client).await, "/groups");
    let row: (uuid::Uuid, String, String) = sqlx::query_as(
        "select u.app_user_id, u.display_name, m.role
         from app_user u join membership m using (app_user_id)
         where lower(u.email) = 'newcomer@example.org'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(who(&app, &client).await, Some(row.0.to_string()));
    assert_eq!(
        (row.1.as_str(), row.2.as_str()),
        ("Ana Provider", "support")
    );
    let open: i64 = sqlx::query_scalar("select count(*) from invitation where accepted_at is null")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(open, 0, "the invitation link is used up");
    let password: i64 =
        sqlx::query_scalar("select count(*) from local_credential where app_user_id = $1")
            .bind(row.0)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(password, 0, "no password was made up");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_unknown_person_is_told_to_ask_for_an_invitation(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-x", "stranger@example.org")).await;
    let app = spawn(pool, &provider).await;
    let users_before: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    refused(&app, "not_invited", "not_invited").await;
    let users_after: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users_after, users_before, "no account was created");
    assert_eq!(links(&app).await, 0);

    let page = browser()
        .get(format!("{}/login?oidc=not_invited", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ask your admin to invite you"), "{page}");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_unverified_email_does_not_sign_in(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    provider.behave(|b| b.account.email_verified = false);
    let app = spawn(pool, &provider).await;
    app.create_user(ANA, None).await;
    refused(&app, "unverified", "email_unverified").await;
    assert_eq!(links(&app).await, 0);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_state_is_refused_before_the_code_is_used(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    let app = spawn(pool, &provider).await;
    app.create_user(ANA, None).await;
    let client = browser();
    let (callback, _) = to_callback(&app, &client).await;
    let (base, query) = callback.split_once('?').unwrap();
    let forged: String = query
        .split('&')
        .map(|pair| {
            if pair.starts_with("state=") {
                "state=forged".to_owned()
            } else {
                pair.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("&");
    let (ended, _) = finish(&client, &format!("{base}?{forged}")).await;
    assert_eq!(ended, "/login?oidc=state");
    assert_eq!(who(&app, &client).await, None);
    assert_eq!(provider.token_requests(), 0, "the code was never exchanged");
    assert_eq!(refusals(&app).await, ["state_mismatch"]);

    // A callback in a browser that never started a sign-in (login CSRF) is refused too.
    let (callback, _) = to_callback(&app, &browser()).await;
    let stranger = browser();
    assert_eq!(finish(&stranger, &callback).await.0, "/login?oidc=state");
    assert_eq!(who(&app, &stranger).await, None);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_error_from_the_provider_ends_on_the_sign_in_page(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    let app = spawn(pool, &provider).await;
    let client = browser();
    let (callback, _) = to_callback(&app, &client).await;
    let state = callback.split("state=").nth(1).unwrap();
    let denied = format!(
        "{}/auth/oidc/callback?error=access_denied&error_description=no&state={state}",
        app.url
    );
    assert_eq!(finish(&client, &denied).await.0, "/login?oidc=denied");
    assert_eq!(refusals(&app).await, ["provider_error:access_denied"]);
    // The started sign-in is gone: the real answer cannot be used afterwards either.
    assert_eq!(finish(&client, &callback).await.0, "/login?oidc=state");
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_nonce_is_refused(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    provider.behave(|b| b.wrong_nonce = true);
    let app = spawn(pool, &provider).await;
    app.create_user(ANA, None).await;
    refused(&app, "token", "token_nonce").await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_bad_signature_is_refused(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    provider.behave(|b| b.bad_signature = true);
    let app = spawn(pool, &provider).await;
    app.create_user(ANA, None).await;
    refused(&app, "token", "token_signature").await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_token_for_another_client_is_refused(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    provider.behave(|b| b.audience = Some("another-client".to_owned()));
    let app = spawn(pool, &provider).await;
    app.create_user(ANA, None).await;
    refused(&app, "token", "token_audience").await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_expired_token_is_refused(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    provider.behave(|b| b.expired = true);
    let app = spawn(pool, &provider).await;
    app.create_user(ANA, None).await;
    refused(&app, "token", "token_expired").await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_disabled_account_is_refused(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    let app = spawn(pool, &provider).await;
    let ana: UserId = app.create_user(ANA, None).await;
    sqlx::query("update app_user set disabled_at = now() where app_user_id = $1")
        .bind(ana.0)
        .execute(&app.pool)
        .await
        .unwrap();
    refused(&app, "disabled", "disabled").await;
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_button_shows_only_when_a_provider_is_configured(pool: PgPool) {
    let provider = FakeProvider::start(Account::verified("sub-ana", ANA)).await;
    let app = spawn(pool.clone(), &provider).await;
    let page = |app: &TestApp| {
        let url = format!("{}/login", app.url);
        async move {
            browser()
                .get(url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let with = page(&app).await;
    assert!(with.contains("Sign in with Test IdP"), "{with}");
    assert!(with.contains("href=\"/auth/oidc/start\""), "{with}");
    assert!(!with.contains(CLIENT_SECRET));
    app.stop().await;

    let plain = TestApp::spawn(pool, &[]).await;
    let without = page(&plain).await;
    assert!(!without.contains("Sign in with"), "{without}");
    let start = browser()
        .get(format!("{}/auth/oidc/start", plain.url))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&start), "/login?oidc=unavailable");
    plain.stop().await;
}
