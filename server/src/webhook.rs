//! The webhook endpoint Meta calls (SPEC §1.8): the `GET` handshake and signed `POST`s.
//!
//! A `POST` is verified over the raw bytes, then parsed and split into its events, then stored
//! durably (with group commit, [`crate::ingest`]) before the 200. A bad or missing signature, an
//! oversized body or a body that is not a webhook envelope is refused with nothing stored.

use crate::state::ServerState;
use app::webhooks::payload::Envelope;
use app::webhooks::signature::{self, SignatureError};
use app::webhooks::store::split;
use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret;
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// The handshake's query string.
#[derive(Debug, Deserialize)]
pub struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// `GET`: answers `hub.challenge` when the mode is `subscribe` and the token matches; else 403.
pub async fn verify(State(state): State<ServerState>, Query(query): Query<Handshake>) -> Response {
    let expected = state.webhooks.verify_token.expose_secret().as_bytes();
    let token_ok = query
        .verify_token
        .as_deref()
        .is_some_and(|token| bool::from(token.as_bytes().ct_eq(expected)));
    match (query.mode.as_deref(), query.challenge) {
        (Some("subscribe"), Some(challenge)) if token_ok => {
            (StatusCode::OK, challenge).into_response()
        }
        _ => refuse(StatusCode::FORBIDDEN, "the verify token or mode is wrong"),
    }
}

/// `POST`: verify, parse, store, then answer 200.
pub async fn receive(State(state): State<ServerState>, headers: HeaderMap, body: Body) -> Response {
    let Ok(bytes) = axum::body::to_bytes(body, state.webhooks.max_body_bytes).await else {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the body is larger than this endpoint accepts",
        );
    };
    let secrets: Vec<&[u8]> = state
        .webhooks
        .app_secrets
        .iter()
        .map(|secret| secret.expose_secret().as_bytes())
        .collect();
    let header = headers
        .get(signature::HEADER)
        .and_then(|value| value.to_str().ok());
    if let Err(error) = signature::verify(&secrets, header, &bytes) {
        tracing::warn!(%error, "webhook refused");
        let status = match error {
            SignatureError::Missing | SignatureError::Malformed => StatusCode::UNAUTHORIZED,
            SignatureError::Mismatch => StatusCode::FORBIDDEN,
        };
        return refuse(status, &error.to_string());
    }
    let parsed = serde_json::from_slice::<serde_json::Value>(&bytes)
        .and_then(|value| Envelope::deserialize(&value).map(|_| value));
    let value = match parsed {
        Ok(value) => value,
        Err(error) => {
            tracing::warn!(%error, "webhook body is not an envelope");
            return refuse(
                StatusCode::BAD_REQUEST,
                "the body is not a WhatsApp webhook envelope (JSON with object and entry)",
            );
        }
    };
    match state.ingest.store(split(&value)).await {
        Ok(new) => {
            let stored = new.iter().filter(|new| **new).count();
            tracing::debug!(events = new.len(), new = stored, "webhook stored");
            if stored > 0 {
                state.wake_worker.notify_one();
            }
            StatusCode::OK.into_response()
        }
        Err(error) => {
            // Not stored: a 5xx makes Meta deliver it again later.
            tracing::error!(error = %error, "webhook could not be stored");
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "the event could not be stored; retry later",
            )
        }
    }
}

fn refuse(status: StatusCode, reason: &str) -> Response {
    (status, Json(serde_json::json!({ "error": reason }))).into_response()
}
