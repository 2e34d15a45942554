//! Errors of Graph API calls, typed with Meta's code, and explained for a person.

use super::text;
use super::types::ErrorBody;
use crate::AppError;

/// A failed Graph API call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum GraphError {
    /// Meta answered with its error envelope.
    #[error("graph api error {code} (http {status}, subcode {subcode:?}, fbtrace {fbtrace_id:?})")]
    Api {
        /// The HTTP status.
        status: u16,
        /// Meta's `code`.
        code: i64,
        /// Meta's `error_subcode`, if any.
        subcode: Option<i64>,
        /// Meta's trace ID, for support.
        fbtrace_id: Option<String>,
        /// Meta's `error_data.details` (or `message`).
        details: String,
    },
    /// The call did not complete (connection refused or reset). It did not reach Meta.
    #[error("graph api unreachable: {0}")]
    Transport(String),
    /// No answer in time: the call may or may not have taken effect.
    #[error("graph api timed out")]
    Timeout,
    /// A server error without Meta's envelope.
    #[error("graph api server error (http {status})")]
    Server {
        /// The HTTP status.
        status: u16,
    },
    /// Meta answered something we could not read.
    #[error("graph api answered unreadably (http {status}): {detail}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What failed to parse.
        detail: String,
    },
}

impl GraphError {
    /// Builds the typed error from an HTTP status and Meta's envelope.
    pub fn from_envelope(status: u16, body: ErrorBody) -> Self {
        let details = body
            .error_data
            .and_then(|data| data.details)
            .filter(|details| !details.is_empty())
            .unwrap_or(body.message);
        Self::Api {
            status,
            code: body.code.unwrap_or(0),
            subcode: body.error_subcode,
            fbtrace_id: body.fbtrace_id,
            details,
        }
    }

    /// Whether repeating a read may succeed: transport trouble, server errors, rate limits.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(_) | Self::Timeout | Self::Server { .. } => true,
            Self::Api { status, code, .. } => {
                *status >= 500 || RATE_LIMITS.contains(code) || TRANSIENT.contains(code)
            }
            Self::Decode { .. } => false,
        }
    }

    /// Whether a write may have taken effect although it failed: the answer was lost (timeout, a
    /// connection that broke after sending) or unreadable although successful. Such a write must
    /// not be repeated blindly.
    pub fn may_have_acted(&self) -> bool {
        match self {
            Self::Timeout => true,
            Self::Transport(detail) => detail != super::http::NOT_CONNECTED,
            Self::Decode { status, .. } => (200..300).contains(status),
            Self::Api { .. } | Self::Server { .. } => false,
        }
    }

    /// Whether Meta said to slow down (SPEC §1.7).
    pub fn is_rate_limit(&self) -> bool {
        matches!(self, Self::Api { code, .. } if RATE_LIMITS.contains(code))
    }

    /// How long to wait before attempt `attempt + 1`: longer for rate limits.
    pub fn backoff(&self, attempt: u32) -> std::time::Duration {
        let base_ms: u64 = if self.is_rate_limit() { 1_000 } else { 200 };
        std::time::Duration::from_millis(base_ms.saturating_mul(1 << attempt.min(6)))
    }

    /// Meta's code, or 0 when Meta did not answer with one.
    pub fn code(&self) -> i64 {
        match self {
            Self::Api { code, .. } => *code,
            _ => 0,
        }
    }
}

impl From<GraphError> for AppError {
    fn from(error: GraphError) -> Self {
        tracing::warn!(error = %error, "graph api call failed");
        match &error {
            GraphError::Api { code, .. } => AppError::Upstream {
                code: *code,
                message: explain(*code).to_owned(),
            },
            GraphError::Transport(_)
            | GraphError::Timeout
            | GraphError::Server { .. }
            | GraphError::Decode { .. } => AppError::Upstream {
                code: 0,
                message: text::UNREACHABLE.to_owned(),
            },
        }
    }
}

/// Codes that mean "too fast": app, WABA, throughput, pair and group-operation limits.
const RATE_LIMITS: [i64; 5] = [4, 80007, 130429, 131056, 131208];
/// Codes that mean "try again shortly".
const TRANSIENT: [i64; 5] = [1, 2, 131000, 131016, 131057];

/// A plain-language explanation of a Meta error code (SPEC §1.5).
pub fn explain(code: i64) -> &'static str {
    match code {
        0 | 190 => text::TOKEN,
        10 | 200..=299 => text::PERMISSION,
        4 | 80007 => text::APP_RATE_LIMIT,
        131056 => text::PAIR_RATE_LIMIT,
        131051 => text::UNSUPPORTED_TYPE,
        131047 => text::REENGAGEMENT,
        132000 => text::TEMPLATE_PARAMETERS,
        132001 => text::TEMPLATE_MISSING,
        132015 | 132016 => text::TEMPLATE_PAUSED,
        132018 => text::TEMPLATE_PARAMETER_FORMAT,
        131052 | 131053 => text::MEDIA,
        368 | 131031 | 130497 => text::BLOCKED,
        130429 => text::THROUGHPUT,
        131208 => text::GROUP_RATE_LIMIT,
        100 | 33 | 131008 | 131009 => text::INVALID_PARAMETER,
        1 | 2 | 131000 | 131016 | 131057 => text::TEMPORARY,
        131020 => text::GROUP_TOO_SMALL,
        131041 => text::GROUP_UNKNOWN,
        131059 => text::INVALID_CURSOR,
        131201 => text::PARTIAL,
        131202 => text::DUPLICATE_PARTICIPANT,
        131203 => text::CANNOT_ADD,
        131204 => text::GROUP_FULL,
        131207 => text::SUSPENDED,
        131209 => text::PICTURE_NOT_SQUARE,
        131210 => text::PICTURE_TOO_SMALL,
        131211 => text::GROUP_LIMIT,
        131212 => text::NOT_A_PARTICIPANT,
        131213 => text::JOIN_REQUEST_GONE,
        131214 => text::CREATION_DISABLED,
        131215 => text::NOT_ELIGIBLE,
        _ => text::UNKNOWN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_groups_code_has_its_own_explanation() {
        for code in [
            131020, 131041, 131059, 131201, 131202, 131203, 131204, 131207, 131208, 131209, 131210,
            131211, 131212, 131213, 131214, 131215, 132000, 132001,
        ] {
            assert_ne!(explain(code), text::UNKNOWN, "code {code}");
        }
        assert_ne!(
            explain(132000),
            explain(132001),
            "each template error says what is wrong"
        );
    }

    #[test]
    fn an_upstream_error_carries_code_and_explanation_but_not_meta_details() {
        let error = GraphError::Api {
            status: 400,
            code: 131215,
            subcode: None,
            fbtrace_id: Some("trace".into()),
            details: "internal detail".into(),
        };
        let AppError::Upstream { code, message } = AppError::from(error) else {
            panic!("expected an upstream error");
        };
        assert_eq!(code, 131215);
        assert_eq!(message, text::NOT_ELIGIBLE);
    }
}
