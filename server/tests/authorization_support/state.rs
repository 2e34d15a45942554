//! The state of tenant A a denied call must not change, and the wait for a call's asynchronous
//! work to end.

use crate::common::TestApp;
use app::ids::TenantId;

/// Everything of tenant A that an endpoint could change, as one string.
pub async fn snapshot(app: &TestApp, tenant: TenantId) -> String {
    sqlx::query_scalar(
        r#"select concat_ws(' | ',
             (select name || coalesce(suspended_at::text, '-') from tenant where tenant_id = $1),
             (select count(*) || '/' || coalesce(max(updated_at)::text, '-')
                from whatsapp_group where tenant_id = $1),
             (select count(*) from operation where tenant_id = $1),
             (select count(*) || '/' || count(disabled_at) || '/'
                     || coalesce(string_agg(encode(access_token_nonce, 'hex'), ',' order by business_number_id), '-')
                from business_number where tenant_id = $1),
             (select string_agg(app_user_id::text || ':' || role, ',' order by app_user_id)
                from membership where tenant_id = $1),
             (select count(*) from invitation where tenant_id = $1),
             (select count(*) from password_reset),
             (select count(*) || '/' || count(disabled_at) from app_user),
             (select count(*) from local_credential),
             (select count(*) from sandbox.wa_group),
             (select string_agg(state, ',' order by wa_id) from join_request where tenant_id = $1),
             (select count(*) || '/' || count(left_at) from participant where tenant_id = $1),
             (select count(*) from sandbox.participant),
             (select count(*) from sandbox.message),
             (select string_agg(suspended::text, ',') from sandbox.wa_group),
             (select count(*) || ':' || coalesce(string_agg(coalesce(send_state, '-'), ','
                order by message_id), '-') from message where tenant_id = $1),
             (select count(*) from outbox),
             (select count(*) from message_template where tenant_id = $1),
             (select count(*) from media where tenant_id = $1),
             (select count(*) from sync_job where tenant_id = $1),
             (select count(*) from invite_recipient where tenant_id = $1))"#,
    )
    .bind(tenant.0)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// Waits until asynchronous work a call started (Meta's webhook, its processing) is done, so it
/// cannot change the next endpoint's snapshot.
pub async fn settle(app: &TestApp) {
    app.eventually("webhooks are delivered and applied", || async {
        let busy: i64 = sqlx::query_scalar(
            "select (select count(*) from operation where state = 'pending')
                  + (select count(*) from sandbox.outbound_webhook where delivered_at is null)
                  + (select count(*) from webhook_event where processed_at is null)
                  + (select count(*) from outbox)
                  + (select count(*) from sync_job where state = 'running')
                  + (select count(*) from invite_recipient where state in ('queued', 'sending'))
                  + (select count(*) from message where send_state in ('sending', 'accepted', 'unknown'))",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        busy == 0
    })
    .await;
}
