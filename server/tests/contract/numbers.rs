//! Numbers and the rest: onboarding, the invite template, injected faults, unknown objects.

use super::*;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn onboarding_calls_read_facts_subscribe_and_exchange_codes(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();

    let facts = graph.phone_number(&demo_access()).await.unwrap();
    assert_eq!(facts.is_official_business_account, Some(true));
    assert_eq!(facts.platform_type.as_deref(), Some("CLOUD_API"));
    assert_eq!(facts.throughput.unwrap().level, "STANDARD");

    assert!(
        graph
            .subscribe_app("200000000000001", &SecretString::from("t"))
            .await
            .unwrap()
    );
    assert_eq!(
        code(
            graph
                .subscribe_app("999", &SecretString::from("t"))
                .await
                .unwrap_err()
        ),
        100
    );

    let (status, signup) = app
        .control(reqwest::Method::POST, "/signup", serde_json::json!({}))
        .await;
    assert_eq!(status, 200);
    let signup_code = SecretString::from(signup["code"].as_str().unwrap().to_owned());
    // The oauth2 crate posts a form; Meta's documented call is a GET (both are accepted).
    let token = graph
        .exchange_code("app", &SecretString::from("secret"), &signup_code)
        .await
        .unwrap();
    assert!(token.expose_secret().starts_with("sandbox-es-"));
    let again = graph
        .exchange_code("app", &SecretString::from("secret"), &signup_code)
        .await;
    assert_eq!(code(again.unwrap_err()), 100, "a code works once");
    let wrong = graph
        .exchange_code(
            "app",
            &SecretString::from("secret"),
            &SecretString::from("old"),
        )
        .await;
    assert_eq!(code(wrong.unwrap_err()), 100);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_invite_template_goes_one_to_one_and_tokens_are_checked(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("auto_approve").await;

    let sent = graph
        .send_invite_template(
            &demo_access(),
            "+1 555 000 9001",
            "group_invite_link",
            "en_US",
            &group,
        )
        .await
        .unwrap();
    assert!(sent.wamid().is_some());
    let bad = graph
        .send_invite_template(&demo_access(), "12", "group_invite_link", "en_US", &group)
        .await;
    assert_eq!(code(bad.unwrap_err()), 100);

    app.control(
        Method::POST,
        "/numbers",
        json!({"phone_number_id": DEMO_PNID, "waba_id": "200000000000001",
               "display_phone_number": "15550100001", "access_token": "the-real-one"}),
    )
    .await;
    assert_eq!(
        code(graph.invite_link(&demo_access(), &group).await.unwrap_err()),
        190
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn injected_faults_reach_the_client_as_meta_errors(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, link) = app.sandbox_group("auto_approve").await;
    app.join(&link, "15550010001").await;
    let (_, mut behaviour) = app.control(Method::GET, "/behaviour", json!({})).await;

    behaviour["throughput_rate"] = json!(1.0);
    behaviour["group_rate_limit_rate"] = json!(1.0);
    assert_eq!(
        app.control(Method::PUT, "/behaviour", behaviour.clone())
            .await
            .0,
        200
    );
    let throttled = graph
        .send_to_group(&demo_access(), &group, &text("hi"))
        .await
        .unwrap_err();
    assert_eq!(code(throttled.clone()), 130429);
    assert!(throttled.is_rate_limit());
    let limited = graph
        .reset_invite_link(&demo_access(), &group)
        .await
        .unwrap_err();
    assert_eq!(code(limited), 131208);

    behaviour["throughput_rate"] = json!(0.0);
    behaviour["group_rate_limit_rate"] = json!(0.0);
    behaviour["error_5xx_rate"] = json!(1.0);
    app.control(Method::PUT, "/behaviour", behaviour.clone())
        .await;
    let failed = graph.invite_link(&demo_access(), &group).await.unwrap_err();
    assert!(failed.is_retryable());
    assert_eq!(code(failed), 131000);

    behaviour["error_5xx_rate"] = json!(2.0);
    assert_eq!(
        app.control(Method::PUT, "/behaviour", behaviour).await.0,
        422
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn calls_on_unknown_objects_get_meta_errors(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let graph = app.graph();
    let (group, _) = app.sandbox_group("approval_required").await;
    let nobody = app::graph::NumberAccess {
        phone_number_id: app::ids::PhoneNumberId::from("555"),
        token: SecretString::from("t"),
    };

    assert_eq!(
        code(
            graph
                .delete_invite_link(&demo_access(), "no-such-group")
                .await
                .unwrap_err()
        ),
        131041
    );
    assert_eq!(
        code(
            graph
                .join_requests(&demo_access(), "no-such-group", &PageRequest::default())
                .await
                .unwrap_err()
        ),
        131041
    );
    let stale = PageRequest {
        after: Some("stale".into()),
        ..PageRequest::default()
    };
    assert_eq!(
        code(
            graph
                .join_requests(&demo_access(), &group, &stale)
                .await
                .unwrap_err()
        ),
        131059
    );
    let rejected = graph
        .reject_join_requests(&demo_access(), &group, &["gone".into()])
        .await
        .unwrap();
    assert_eq!(
        rejected.failed_join_requests[0].errors[0].code,
        Some(131213)
    );
    assert_eq!(
        code(graph.media_info(&demo_access(), "123").await.unwrap_err()),
        100
    );
    let missing = format!("{}/sandbox/media/123", app.url);
    assert_eq!(
        code(
            graph
                .download_media(&demo_access(), &missing)
                .await
                .unwrap_err()
        ),
        100
    );
    assert_eq!(code(graph.phone_number(&nobody).await.unwrap_err()), 100);
    app.stop().await;
}
