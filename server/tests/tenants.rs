//! A platform admin manages tenants: create, rename, invite the first admin, suspend, reactivate.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use common::{TestApp, browser, call};
use sqlx::PgPool;

async fn actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar!(
        "select action from audit_log where action like 'tenant.%' order by audit_log_id"
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_platform_admin_creates_a_tenant_whose_invited_admin_works_until_it_is_suspended(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[]).await;
    let platform = app.platform_admin("root@platform.test").await;
    let fn_call = |name: &'static str, form: Vec<(&'static str, String)>| {
        let client = platform.client.clone();
        let url = app.url.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(&client, &url, name, &form).await
        }
    };

    let created = fn_call(
        "create_tenant",
        vec![("name", " Acme ".into()), ("slug", "Acme".into())],
    )
    .await;
    assert_eq!(created.status(), 200);
    let tenant: String = created.json().await.unwrap();
    let renamed = fn_call(
        "rename_tenant",
        vec![("tenant_id", tenant.clone()), ("name", "Acme Ltd".into())],
    )
    .await;
    assert_eq!(renamed.status(), 200);
    let invited = fn_call(
        "invite_tenant_admin",
        vec![
            ("tenant_id", tenant.clone()),
            ("email", "boss@acme.test".into()),
        ],
    )
    .await;
    assert_eq!(invited.status(), 200);
    let link: String = invited.json().await.unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();
    let boss = browser();
    let accepted = call(
        &boss,
        &app.url,
        "accept_invitation",
        &[
            ("token", token.as_str()),
            ("display_name", "Boss"),
            ("password", "a long enough password"),
        ],
    )
    .await;
    assert_eq!(accepted.status(), 200);
    assert_eq!(
        call(&boss, &app.url, "list_people", &[]).await.status(),
        200,
        "the invited person is admin of the new tenant"
    );
    let listed = fn_call("list_tenants", vec![]).await.text().await.unwrap();
    assert!(
        listed.contains("Acme Ltd") && listed.contains("\"acme\""),
        "{listed}"
    );

    let suspended = fn_call("suspend_tenant", vec![("tenant_id", tenant.clone())]).await;
    assert_eq!(suspended.status(), 200);
    assert_eq!(
        call(&boss, &app.url, "list_people", &[]).await.status(),
        403
    );
    let reactivated = fn_call("reactivate_tenant", vec![("tenant_id", tenant.clone())]).await;
    assert_eq!(reactivated.status(), 200);
    assert_eq!(
        call(&boss, &app.url, "list_people", &[]).await.status(),
        200
    );

    assert_eq!(
        actions(&app).await,
        [
            "tenant.create",
            "tenant.rename",
            "tenant.invite_admin",
            "tenant.suspend",
            "tenant.reactivate"
        ]
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_taken_slug_or_an_unknown_tenant_is_refused_and_nothing_changes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let platform = app.platform_admin("root@platform.test").await;

    let taken = call(
        &platform.client,
        &app.url,
        "create_tenant",
        &[("name", "Another demo"), ("slug", "demo")],
    )
    .await;
    let unknown = call(
        &platform.client,
        &app.url,
        "suspend_tenant",
        &[("tenant_id", "00000000-0000-0000-0000-000000000000")],
    )
    .await;

    assert_eq!(taken.status(), 422);
    assert!(
        taken
            .text()
            .await
            .unwrap()
            .contains(app::platform::text::SLUG_TAKEN)
    );
    assert_eq!(unknown.status(), 422);
    let tenants: i64 = sqlx::query_scalar!(r#"select count(*) as "n!" from tenant"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(tenants, 1);
    assert!(actions(&app).await.is_empty());
    app.stop().await;
}
