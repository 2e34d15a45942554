//! Invitations by link, password-reset links and the tenant switcher.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod common;

use app::tenants::Role;
use common::{PASSWORD, TestApp, browser, call};
use sqlx::PgPool;

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

async fn link(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 200);
    response.json::<String>().await.unwrap()
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_invited_person_joins_with_the_role_and_the_link_works_once(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let admin = app
        .user("admin@demo.test", app.demo_tenant().await, Role::Admin)
        .await;
    let invite = call(
        &admin.client,
        &app.url,
        "create_invitation",
        &[("email", "Newcomer@Example.org"), ("role", "support")],
    )
    .await;
    let invite = link(invite).await;
    assert!(
        invite.starts_with(&format!("{}/invite/", app.url)),
        "{invite}"
    );
    let newcomer = browser();
    let page = newcomer.get(&invite).send().await.unwrap();
    assert_eq!(page.status(), 200, "the invitation page is public");
    let form = [
        ("token", token_of(&invite)),
        ("display_name", "New Comer"),
        ("password", "my own long password"),
    ];

    let accepted = call(&newcomer, &app.url, "accept_invitation", &form).await;
    let again = call(&browser(), &app.url, "accept_invitation", &form).await;

    assert_eq!(accepted.status(), 200);
    assert_eq!(again.status(), 409);
    let role = sqlx::query_scalar!(
        "select m.role from membership m join app_user u using (app_user_id)
         where lower(u.email) = 'newcomer@example.org'"
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(role, "support");
    assert_eq!(
        call(&newcomer, &app.url, "list_groups", &[]).await.status(),
        200
    );
    let number = app.demo_number_id().await;
    let create = [
        ("subject", "Not mine to make"),
        ("description", ""),
        ("join_approval_mode", "auto_approve"),
        ("number_id", number.as_str()),
    ];
    assert_eq!(
        call(&newcomer, &app.url, "create_group", &create)
            .await
            .status(),
        403,
        "support may not create groups"
    );
    let people: serde_json::Value = call(&admin.client, &app.url, "list_people", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(people["members"].as_array().unwrap().len(), 2);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_existing_account_joins_a_second_tenant_and_can_switch(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let demo = app.demo_tenant().await;
    let other = app.create_tenant("Other", "other").await;
    let other_admin = app.user("boss@other.test", other, Role::Admin).await;
    let staff = app.user("staff@demo.test", demo, Role::Staff).await;
    let invite = call(
        &other_admin.client,
        &app.url,
        "create_invitation",
        &[("email", "staff@demo.test"), ("role", "staff")],
    )
    .await;
    let invite = link(invite).await;

    let wrong = call(
        &staff.client,
        &app.url,
        "accept_invitation",
        &[
            ("token", token_of(&invite)),
            ("display_name", ""),
            ("password", "not it"),
        ],
    )
    .await;
    let right = call(
        &staff.client,
        &app.url,
        "accept_invitation",
        &[
            ("token", token_of(&invite)),
            ("display_name", ""),
            ("password", PASSWORD),
        ],
    )
    .await;

    assert_eq!(wrong.status(), 422);
    assert_eq!(right.status(), 200);
    let me: serde_json::Value = call(&staff.client, &app.url, "current_user", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["memberships"].as_array().unwrap().len(), 2);
    assert_eq!(me["current_tenant"], other.to_string());
    let back = call(
        &staff.client,
        &app.url,
        "switch_tenant",
        &[("tenant_id", &demo.to_string())],
    )
    .await;
    assert_eq!(back.status(), 200);
    let me: serde_json::Value = call(&staff.client, &app.url, "current_user", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["current_tenant"], demo.to_string());
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_reset_link_sets_a_new_password_once(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let demo = app.demo_tenant().await;
    let admin = app.user("admin@demo.test", demo, Role::Admin).await;
    let staff = app
        .create_user("staff@demo.test", Some((demo, Role::Staff)))
        .await;
    let reset = call(
        &admin.client,
        &app.url,
        "create_password_reset",
        &[("user_id", &staff.to_string())],
    )
    .await;
    let reset = link(reset).await;
    let form = [
        ("token", token_of(&reset)),
        ("password", "a brand new password"),
    ];

    let used = call(&browser(), &app.url, "reset_password", &form).await;
    let reused = call(&browser(), &app.url, "reset_password", &form).await;

    assert_eq!(used.status(), 200);
    assert_eq!(reused.status(), 409);
    let old = call(
        &browser(),
        &app.url,
        "login",
        &[("email", "staff@demo.test"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(old.status(), 422);
    let new = call(
        &browser(),
        &app.url,
        "login",
        &[
            ("email", "staff@demo.test"),
            ("password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(new.status(), 200);
    let audited = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_log where action in ('people.reset_create', 'people.reset_use')"#
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_tenant_admin_cannot_reset_someone_who_has_power_elsewhere(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let demo = app.demo_tenant().await;
    let other = app.create_tenant("Other", "other").await;
    let admin = app.user("admin@demo.test", demo, Role::Admin).await;
    let both = app
        .create_user("both@demo.test", Some((demo, Role::Staff)))
        .await;
    app::auth::db::add_membership(&app.pool, both, other, Role::Admin)
        .await
        .unwrap();

    let response = call(
        &admin.client,
        &app.url,
        "create_password_reset",
        &[("user_id", &both.to_string())],
    )
    .await;

    assert_eq!(response.status(), 409);
    let resets = sqlx::query_scalar!(r#"select count(*) as "n!" from password_reset"#)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(resets, 0);
    app.stop().await;
}
