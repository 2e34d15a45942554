//! Onboarding with a token: checked, subscribed, stored encrypted, replaced, and never shown.

use super::*;

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn onboarding_checks_the_token_subscribes_and_stores_it_encrypted(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;

    let (status, body) = onboard(&app, PNID, TOKEN).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["refused"], Value::Null);
    assert_eq!(answer["facts"]["official_business_account"], true);
    assert_eq!(answer["facts"]["platform_type"], "CLOUD_API");
    assert_eq!(stored_numbers(&app, PNID).await, 1);
    assert!(subscribed(&app, PNID).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["success"]);
    // The sandbox accepts only TOKEN for this number, so a group call proves it is decrypted.
    let response = create_group_on(&app, &number_id(&app, PNID).await).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_wrong_token_is_explained_and_nothing_is_saved(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;

    let (status, body) = onboard(&app, PNID, WRONG_TOKEN).await;

    assert_eq!(status, 502, "{body}");
    let error: app::AppError = serde_json::from_str(&body).unwrap();
    assert_eq!(
        error,
        app::AppError::Upstream {
            code: 190,
            message: app::graph::explain(190).to_owned()
        }
    );
    assert_eq!(stored_numbers(&app, PNID).await, 0);
    assert!(!subscribed(&app, PNID).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["failure"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_ineligible_number_is_refused_with_its_facts_and_nothing_is_saved(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, false).await;
    app.sign_in(Role::Admin).await;

    let (status, body) = onboard(&app, PNID, TOKEN).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["facts"]["official_business_account"], false);
    let refused = answer["refused"].as_str().unwrap();
    assert!(refused.contains(app::numbers::text::NOT_OBA), "{refused}");
    assert!(refused.contains(app::graph::explain(131215)), "{refused}");
    assert_eq!(stored_numbers(&app, PNID).await, 0);
    assert!(!subscribed(&app, PNID).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["failure"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_token_is_replaced_only_by_one_that_works_and_a_disabled_number_is_not_used(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;
    assert_eq!(onboard(&app, PNID, TOKEN).await.0, 200);
    let number = number_id(&app, PNID).await;
    let rotate = |token: &'static str| {
        let number = number.clone();
        let app = &app;
        async move {
            app.server_fn(
                "rotate_number_token",
                &[("number_id", &number), ("access_token", token)],
            )
            .await
            .status()
            .as_u16()
        }
    };

    assert_eq!(rotate(WRONG_TOKEN).await, 502);
    assert_eq!(create_group_on(&app, &number).await.status(), 200);
    app.control(
        reqwest::Method::POST,
        "/numbers",
        json!({ "phone_number_id": PNID, "waba_id": WABA, "display_phone_number": "15550100077",
                "eligible": true, "access_token": OTHER_TOKEN }),
    )
    .await;
    assert_eq!(rotate(OTHER_TOKEN).await, 200);
    assert_eq!(create_group_on(&app, &number).await.status(), 200);
    assert_eq!(
        audit_outcomes(&app, "number.rotate_token").await,
        ["failure", "success"]
    );

    let response = app
        .server_fn("disable_number", &[("number_id", &number)])
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(create_group_on(&app, &number).await.status(), 422);
    let listed = app
        .server_fn("list_numbers", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(!listed.contains(&number), "{listed}");
    assert_eq!(audit_outcomes(&app, "number.disable").await, ["success"]);
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_token_never_appears_in_logs_answers_pages_or_stored_rows(pool: PgPool) {
    let logs = captured_logs();
    let app = TestApp::spawn(pool, &[]).await;
    sandbox_number(&app, PNID, true).await;
    sandbox_number(&app, "300000000000002", false).await;
    app.sign_in(Role::Admin).await;
    let mut answers = Vec::new();

    answers.push(onboard(&app, PNID, WRONG_TOKEN).await.1);
    answers.push(onboard(&app, "300000000000002", TOKEN).await.1);
    answers.push(onboard(&app, PNID, TOKEN).await.1);
    answers.push(onboard(&app, PNID, TOKEN).await.1);
    let number = number_id(&app, PNID).await;
    for token in [WRONG_TOKEN, TOKEN] {
        let response = app
            .server_fn(
                "rotate_number_token",
                &[("number_id", &number), ("access_token", token)],
            )
            .await;
        answers.push(response.text().await.unwrap());
    }
    answers.push(create_group_on(&app, &number).await.text().await.unwrap());
    for name in ["list_business_numbers", "list_numbers"] {
        answers.push(app.server_fn(name, &[]).await.text().await.unwrap());
    }
    let page = app
        .http
        .get(format!("{}/numbers", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    answers.push(page.text().await.unwrap());
    let rows: Vec<String> = sqlx::query_scalar(
        "select row_to_json(n)::text from business_number n
         union all select row_to_json(a)::text from audit_log a",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    app.stop().await;

    let logs = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logs.contains("business number onboarded"),
        "logs are captured"
    );
    assert!(answers[2].contains("official_business_account"));
    for token in [TOKEN, WRONG_TOKEN] {
        assert!(!logs.contains(token), "a token is in the logs");
        for answer in &answers {
            assert!(!answer.contains(token), "a token is in an answer: {answer}");
        }
        for row in &rows {
            assert!(!row.contains(token), "a token is in a stored row: {row}");
        }
    }
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn a_real_number_is_onboarded_and_its_stored_token_is_used_for_groups(pool: PgPool) {
    // "Meta" is this server's own sandbox, so the real-number path runs end to end.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let meta = format!("http://{}/sandbox/graph", listener.local_addr().unwrap());
    let app = TestApp::spawn_on(listener, pool, &[("GRAPH_API_BASE_URL", &meta)]).await;
    sandbox_number(&app, PNID, true).await;
    app.sign_in(Role::Admin).await;

    let response = app
        .server_fn(
            "onboard_number",
            &[
                ("phone_number_id", PNID),
                ("waba_id", WABA),
                ("access_token", TOKEN),
            ],
        )
        .await;

    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let sandbox_flag: bool = sqlx::query_scalar!(
        "select sandbox from business_number where phone_number_id = $1",
        PNID
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!sandbox_flag, "stored as a real number");
    let created = create_group_on(&app, &number_id(&app, PNID).await).await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    app.stop().await;
}
