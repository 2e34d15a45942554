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
    /// The call did not complete (connection refused, reset, timed out).
    #[error("graph api unreachable: {0}")]
    Transport(String),
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
            GraphError::Transport(_) | GraphError::Decode { .. } => AppError::Upstream {
                code: 0,
                message: text::UNREACHABLE.to_owned(),
            },
        }
    }
}

/// A plain-language explanation of a Meta error code (SPEC §1.5).
pub fn explain(code: i64) -> &'static str {
    match code {
        0 | 190 => text::TOKEN,
        10 | 200..=299 => text::PERMISSION,
        4 | 80007 => text::APP_RATE_LIMIT,
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
            131211, 131212, 131213, 131214, 131215,
        ] {
            assert_ne!(explain(code), text::UNKNOWN, "code {code}");
        }
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
