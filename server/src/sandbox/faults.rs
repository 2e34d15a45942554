//! Fault injection on the Graph routes: latency, 5xx, throughput and group rate limits, and
//! timeouts that act but answer late (so the caller cannot know whether they took effect).

use super::SandboxState;
use super::error::MetaError;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use std::time::Duration;

/// Applies the configured faults around one Graph request.
pub async fn layer(State(state): State<SandboxState>, request: Request, next: Next) -> Response {
    let Ok(behaviour) = sqlx::query!(
        r#"select error_5xx_rate, throughput_rate, group_rate_limit_rate, timeout_rate,
                  latency_ms, timeout_delay_ms from sandbox.behaviour"#
    )
    .fetch_one(&state.pool)
    .await
    else {
        return next.run(request).await;
    };
    if behaviour.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(
            u64::try_from(behaviour.latency_ms).unwrap_or(0),
        ))
        .await;
    }
    let path = request.uri().path().to_owned();
    let is_send = request.method() == Method::POST && path.ends_with("/messages");
    let is_group_op = request.method() != Method::GET && !is_send && !path.ends_with("/media");
    let (fail_5xx, throttle, group_limit, time_out) = {
        let mut rng = rand::rng();
        (
            rng.random::<f64>() < behaviour.error_5xx_rate,
            is_send && rng.random::<f64>() < behaviour.throughput_rate,
            is_group_op && rng.random::<f64>() < behaviour.group_rate_limit_rate,
            rng.random::<f64>() < behaviour.timeout_rate,
        )
    };
    if fail_5xx {
        return MetaError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            131000,
            "Something went wrong",
            "Injected fault: the service failed.",
        )
        .into_response();
    }
    if throttle {
        return MetaError::new(
            StatusCode::BAD_REQUEST,
            130429,
            "Rate limit hit",
            "Cloud API message throughput has been reached.",
        )
        .with_subcode(2_494_055)
        .into_response();
    }
    if group_limit {
        return MetaError::new(
            StatusCode::TOO_MANY_REQUESTS,
            131208,
            "Group Rate Limit Hit",
            "Too many group operations from this phone number in a short time.",
        )
        .into_response();
    }
    let response = next.run(request).await;
    if time_out {
        tokio::time::sleep(Duration::from_millis(
            u64::try_from(behaviour.timeout_delay_ms).unwrap_or(0),
        ))
        .await;
    }
    response
}
