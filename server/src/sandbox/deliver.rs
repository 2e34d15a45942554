//! Outgoing webhooks: queued in `sandbox.outbound_webhook`, signed with the app secret, and
//! retried with backoff until the receiver answers 200 (SPEC §8 rule 15). Faults can duplicate
//! them or let later ones overtake earlier ones.

use super::SandboxState;
use super::lookup::Number;
use app::webhooks::signature;
use rand::Rng;
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use sqlx::PgConnection;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long a claimed delivery is held before another deliverer may try it.
const LEASE_SECONDS: f64 = 30.0;
/// How often an idle deliverer looks for due webhooks.
const IDLE_POLL: Duration = Duration::from_millis(100);

/// Now, as Meta writes webhook timestamps: Unix seconds in a string.
pub fn timestamp() -> String {
    chrono::Utc::now().timestamp().to_string()
}

fn envelope(number: &Number, field: &str, value: Value) -> Value {
    let mut value = value;
    if let Some(object) = value.as_object_mut() {
        object.insert("messaging_product".to_owned(), json!("whatsapp"));
        object.insert(
            "metadata".to_owned(),
            json!({
                "display_phone_number": number.display_phone_number,
                "phone_number_id": number.phone_number_id,
            }),
        );
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": number.waba_id, "changes": [{ "value": value, "field": field }] }],
    })
}

/// The envelope for one of the four group fields (SPEC §4).
pub fn groups_envelope(number: &Number, field: &str, groups: Vec<Value>) -> Value {
    envelope(number, field, json!({ "groups": groups }))
}

/// The envelope for the `messages` field: `contacts`, `messages` and/or `statuses` (SPEC §3.3, §3.4).
pub fn messages_envelope(number: &Number, value: Value) -> Value {
    envelope(number, "messages", value)
}

/// Queues a webhook, due after `delay`, in the caller's transaction. Fault settings may queue it
/// twice, or add a random delay so that later webhooks overtake it.
pub async fn enqueue(
    tx: &mut PgConnection,
    envelope: &Value,
    delay: Duration,
) -> Result<(), sqlx::Error> {
    let body =
        serde_json::to_vec(envelope).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
    let behaviour =
        sqlx::query!("select duplicate_webhook_rate, reorder_webhooks from sandbox.behaviour")
            .fetch_one(&mut *tx)
            .await?;
    let (copies, jitter) = {
        let mut rng = rand::rng();
        let copies = if rng.random::<f64>() < behaviour.duplicate_webhook_rate {
            2
        } else {
            1
        };
        let jitter = if behaviour.reorder_webhooks {
            rng.random_range(0.0..1.0)
        } else {
            0.0
        };
        (copies, jitter)
    };
    for copy in 0..copies {
        let seconds = delay.as_secs_f64() * (1.0 + 3.0 * jitter) + f64::from(copy) * 0.05;
        sqlx::query!(
            "insert into sandbox.outbound_webhook (body, due_at) values ($1, now() + make_interval(secs => $2))",
            body,
            seconds,
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Seconds before the next try after `attempts` failures: 1 s doubling, at most 5 minutes.
fn backoff_seconds(attempts: i32) -> f64 {
    2_f64.powi(attempts.clamp(0, 16)).min(300.0)
}

/// Delivers due webhooks until `shutdown` is cancelled.
pub async fn run(state: SandboxState, shutdown: CancellationToken) {
    let http = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(http) => http,
        Err(error) => {
            tracing::error!(error = %error, "sandbox webhook deliverer could not start");
            return;
        }
    };
    loop {
        let delivered = match deliver_due(&state, &http).await {
            Ok(count) => count,
            Err(error) => {
                tracing::error!(error = %error, "sandbox webhook delivery failed");
                0
            }
        };
        if delivered == 0 {
            tokio::select! {
                () = state.wake.notified() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
                () = shutdown.cancelled() => return,
            }
        }
        if shutdown.is_cancelled() {
            return;
        }
    }
}

async fn deliver_due(state: &SandboxState, http: &reqwest::Client) -> Result<usize, sqlx::Error> {
    let due = sqlx::query!(
        r#"update sandbox.outbound_webhook set due_at = now() + make_interval(secs => $1)
           where outbound_webhook_id in (
               select outbound_webhook_id from sandbox.outbound_webhook
               where delivered_at is null and due_at <= now()
               order by due_at limit 16
               for update skip locked)
           returning outbound_webhook_id, body, attempts"#,
        LEASE_SECONDS
    )
    .fetch_all(&state.pool)
    .await?;
    let count = due.len();
    let secret = state.settings.app_secret.expose_secret().as_bytes();
    for row in due {
        let result = http
            .post(&state.settings.callback_url)
            .header("content-type", "application/json")
            .header(signature::HEADER, signature::sign(secret, &row.body))
            .body(row.body)
            .send()
            .await;
        let failure = match result {
            Ok(response) if response.status().as_u16() == 200 => None,
            Ok(response) => Some(format!("answered HTTP {}", response.status().as_u16())),
            Err(error) if error.is_timeout() => Some("timed out".to_owned()),
            Err(_) => Some("could not connect".to_owned()),
        };
        match failure {
            None => {
                sqlx::query!(
                    "update sandbox.outbound_webhook set delivered_at = now(), attempts = attempts + 1 where outbound_webhook_id = $1",
                    row.outbound_webhook_id
                )
                .execute(&state.pool)
                .await?;
            }
            Some(reason) => {
                tracing::warn!(
                    reason,
                    attempts = row.attempts + 1,
                    "sandbox webhook not accepted; will retry"
                );
                sqlx::query!(
                    r#"update sandbox.outbound_webhook
                       set attempts = attempts + 1, last_error = $2,
                           due_at = now() + make_interval(secs => $3)
                       where outbound_webhook_id = $1"#,
                    row.outbound_webhook_id,
                    reason,
                    backoff_seconds(row.attempts + 1),
                )
                .execute(&state.pool)
                .await?;
            }
        }
    }
    Ok(count)
}
