//! Chat test helpers shared by the chat test files.

use super::TestApp;

/// An active group made through the app, with `members` simulated participants.
pub struct Group {
    pub id: String,
    pub wa_group_id: String,
    pub members: Vec<String>,
}

/// Their numbers are `prefix` followed by four digits.
pub async fn active_group(app: &TestApp, subject: &str, members: usize, prefix: &str) -> Group {
    let response = app.create_group(subject, "", "auto_approve").await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    app.eventually("the group is active", || async {
        sqlx::query_scalar!(
            "select state = 'active' as \"a!\" from whatsapp_group where subject = $1",
            subject
        )
        .fetch_optional(&app.pool)
        .await
        .unwrap()
        .unwrap_or(false)
    })
    .await;
    let row = sqlx::query!(
        "select group_id, wa_group_id, invite_link from whatsapp_group where subject = $1",
        subject
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let members: Vec<String> = (0..members).map(|n| format!("{prefix}{n:04}")).collect();
    for member in &members {
        let (status, _) = app.join(row.invite_link.as_deref().unwrap(), member).await;
        assert_eq!(status, 200);
    }
    let (group_id, expected) = (row.group_id, members.len() as i64);
    app.eventually("the participants are known", || async {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from participant where group_id = $1 and left_at is null"#,
            group_id
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
            == expected
    })
    .await;
    Group {
        id: group_id.to_string(),
        wa_group_id: row.wa_group_id.unwrap(),
        members,
    }
}
