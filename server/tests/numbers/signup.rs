//! Embedded Signup: the code exchanged for a token, refused when expired, used, wrong or ineligible.

use super::*;

/// A number that finished the sandbox's Embedded Signup: its code, IDs and (hidden) token.
struct Signup {
    code: String,
    pnid: String,
    waba: String,
    token: String,
}

async fn sandbox_signup(app: &TestApp, eligible: bool) -> Signup {
    let (status, signup) = app
        .control(
            reqwest::Method::POST,
            "/signup",
            json!({ "eligible": eligible }),
        )
        .await;
    assert_eq!(status, 200, "{signup}");
    let pnid = signup["phone_number_id"].as_str().unwrap().to_owned();
    let token = sqlx::query_scalar!(
        r#"select access_token as "t!" from sandbox.phone_number where phone_number_id = $1"#,
        pnid
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    Signup {
        code: signup["code"].as_str().unwrap().to_owned(),
        waba: signup["waba_id"].as_str().unwrap().to_owned(),
        pnid,
        token,
    }
}

async fn complete_signup(app: &TestApp, signup: &Signup) -> (u16, String) {
    let response = app
        .server_fn(
            "complete_embedded_signup",
            &[
                ("code", &signup.code),
                ("phone_number_id", &signup.pnid),
                ("waba_id", &signup.waba),
                ("sandbox", "on"),
            ],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn embedded_signup_exchanges_the_code_and_onboards_with_the_token(pool: PgPool) {
    let logs = captured_logs();
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let signup = sandbox_signup(&app, true).await;

    let (status, body) = complete_signup(&app, &signup).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["refused"], Value::Null);
    assert_eq!(answer["facts"]["official_business_account"], true);
    assert_eq!(stored_numbers(&app, &signup.pnid).await, 1);
    assert!(subscribed(&app, &signup.pnid).await);
    assert_eq!(audit_outcomes(&app, "number.onboard").await, ["success"]);
    // The sandbox accepts only the exchanged token for this number: a group call proves that it
    // was the one stored.
    let response = create_group_on(&app, &number_id(&app, &signup.pnid).await).await;
    let group_status = response.status().as_u16();
    let group = response.text().await.unwrap();
    let rows: Vec<String> = sqlx::query_scalar(
        "select row_to_json(n)::text from business_number n
         union all select row_to_json(a)::text from audit_log a",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    app.stop().await;
    assert_eq!(group_status, 200, "{group}");
    let logs = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logs.contains("business number onboarded"),
        "logs are captured"
    );
    for secret in [&signup.token, &signup.code] {
        assert!(!logs.contains(secret.as_str()), "a secret is in the logs");
        assert!(!body.contains(secret.as_str()), "a secret is in the answer");
        for row in &rows {
            assert!(!row.contains(secret.as_str()), "a secret is stored: {row}");
        }
    }
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn an_expired_used_or_wrong_code_is_refused_plainly_and_nothing_is_saved(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let expired = sandbox_signup(&app, true).await;
    sqlx::query!(
        "update sandbox.signup_code set issued_at = now() - make_interval(secs => $2) where code = $1",
        expired.code,
        f64::from(server::sandbox::CODE_LIFETIME_SECONDS + 1),
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let used = sandbox_signup(&app, true).await;
    let first = exchange_by_get(&app, &used.code).await;
    assert_eq!(first.0, 200, "{}", first.1);
    let mut wrong = sandbox_signup(&app, true).await;
    wrong.code = "not-a-code-from-facebook".to_owned();

    for signup in [&expired, &used, &wrong] {
        let (status, body) = complete_signup(&app, signup).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains(app::numbers::text::CODE_REFUSED), "{body}");
        assert!(!body.contains(&signup.token));
        assert_eq!(stored_numbers(&app, &signup.pnid).await, 0);
        assert!(!subscribed(&app, &signup.pnid).await);
    }
    assert_eq!(
        audit_outcomes(&app, "number.onboard").await,
        ["failure", "failure", "failure"]
    );
    app.stop().await;
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn embedded_signup_refuses_an_ineligible_number_with_its_facts(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    app.sign_in(Role::Admin).await;
    let signup = sandbox_signup(&app, false).await;

    let (status, body) = complete_signup(&app, &signup).await;

    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    let refused = answer["refused"].as_str().unwrap();
    assert!(refused.contains(app::graph::explain(131215)), "{body}");
    assert_eq!(stored_numbers(&app, &signup.pnid).await, 0);
    app.stop().await;
}

async fn exchange_by_get(app: &TestApp, code: &str) -> (u16, String) {
    let response = app
        .http
        .get(format!(
            "{}/sandbox/graph/v25.0/oauth/access_token",
            app.url
        ))
        .query(&[
            ("client_id", "groupdesk-app"),
            ("client_secret", "app-secret"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn exchange_by_form(app: &TestApp, code: &str) -> (u16, String) {
    let response = app
        .http
        .post(format!(
            "{}/sandbox/graph/v25.0/oauth/access_token",
            app.url
        ))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "groupdesk-app"),
            ("client_secret", "app-secret"),
            ("code", code),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[sqlx::test(migrator = "server::serve::MIGRATOR")]
async fn the_sandbox_exchanges_a_code_once_by_get_as_in_the_spec_or_by_posted_form(pool: PgPool) {
    let app = TestApp::spawn(pool, &[]).await;
    let by_get = sandbox_signup(&app, true).await;
    let by_form = sandbox_signup(&app, true).await;

    let (status, body) = exchange_by_get(&app, &by_get.code).await;
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["access_token"], by_get.token.as_str());
    assert_eq!(answer["token_type"], "bearer");
    let (status, body) = exchange_by_form(&app, &by_form.code).await;
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["access_token"], by_form.token.as_str());

    for code in [&by_get.code, &by_form.code] {
        let (status, body) = exchange_by_form(&app, code).await;
        assert_eq!(status, 400, "a code works once: {body}");
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()["error"]["code"],
            100
        );
        assert_eq!(exchange_by_get(&app, code).await.0, 400);
    }
    app.stop().await;
}
