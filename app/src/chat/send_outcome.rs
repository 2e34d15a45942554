//! What one send attempt came to, and what to do next: accept, retry after a backoff, give up,
//! or wait for status webhooks when the answer was lost. Shared by the chat outbox, media sends
//! and the invitation sender.

use crate::graph::GraphError;
use crate::graph::types::SendMessageResponse;
use std::time::Duration;

/// Sends of one message are given up after this many attempts.
pub const MAX_ATTEMPTS: i32 = 10;

/// What one send attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// WhatsApp took it and named it.
    Accepted {
        /// The wamid.
        wamid: String,
    },
    /// WhatsApp certainly did not take it; try again after `after`.
    Retry {
        /// How long to wait.
        after: Duration,
        /// Meta said to slow down (130429, 131208): the whole number should pause.
        slow_down: bool,
        /// Meta's code, if it gave one.
        code: Option<i64>,
    },
    /// It will not be sent.
    Failed {
        /// Meta's code, if it gave one.
        code: Option<i64>,
        /// Meta's details, or GroupDesk's marker for its own reasons.
        detail: String,
    },
    /// The answer was lost: WhatsApp may have taken it. Status webhooks will tell.
    Unknown,
}

pub(crate) fn failed(code: Option<i64>, detail: &str) -> Outcome {
    Outcome::Failed {
        code,
        detail: detail.to_owned(),
    }
}

pub(crate) fn retry(code: Option<i64>, attempts: i32, slow_down: bool) -> Outcome {
    if attempts >= MAX_ATTEMPTS {
        return Outcome::Failed {
            code,
            detail: "gave up".to_owned(),
        };
    }
    Outcome::Retry {
        after: backoff(attempts, slow_down),
        slow_down,
        code,
    }
}

/// How long to wait before attempt `attempts + 1`: 0.2 s doubling (1 s for rate limits), at
/// most 30 s.
pub fn backoff(attempts: i32, slow_down: bool) -> Duration {
    let base_ms: u64 = if slow_down { 1_000 } else { 200 };
    let exponent = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::from_millis((base_ms << exponent).min(30_000))
}

/// Sorts an answer into accepted, retry, failed or unknown.
pub fn classify(sent: Result<SendMessageResponse, GraphError>, attempts: i32) -> Outcome {
    match sent {
        Ok(response) => match response.wamid() {
            Some(wamid) => Outcome::Accepted {
                wamid: wamid.to_owned(),
            },
            // Taken (2xx) but unnamed: only a status webhook can tell which message it is.
            None => Outcome::Unknown,
        },
        Err(error) if error.may_have_acted() => Outcome::Unknown,
        Err(error) if error.is_rate_limit() => retry(Some(error.code()), attempts, true),
        Err(error) if error.is_retryable() => {
            let code = Some(error.code()).filter(|code| *code != 0);
            retry(code, attempts, false)
        }
        Err(GraphError::Api { code, details, .. }) => Outcome::Failed {
            code: Some(code),
            detail: details,
        },
        Err(error) => Outcome::Failed {
            code: None,
            detail: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::types::SentMessage;

    fn api(status: u16, code: i64) -> GraphError {
        GraphError::Api {
            status,
            code,
            subcode: None,
            fbtrace_id: None,
            details: "details".into(),
        }
    }

    #[test]
    fn only_certain_refusals_are_retried_and_lost_answers_are_never_resent() {
        let accepted = SendMessageResponse {
            contacts: Vec::new(),
            messages: vec![SentMessage {
                id: "wamid.A".into(),
                group_id: None,
                message_status: None,
            }],
        };
        assert_eq!(
            classify(Ok(accepted), 1),
            Outcome::Accepted {
                wamid: "wamid.A".into()
            }
        );
        let unnamed = SendMessageResponse {
            contacts: Vec::new(),
            messages: Vec::new(),
        };
        assert_eq!(classify(Ok(unnamed), 1), Outcome::Unknown);
        assert_eq!(classify(Err(GraphError::Timeout), 1), Outcome::Unknown);
        assert_eq!(
            classify(Err(GraphError::Transport("request failed".into())), 1),
            Outcome::Unknown
        );
        assert!(matches!(
            classify(Err(GraphError::Transport("could not connect".into())), 1),
            Outcome::Retry {
                slow_down: false,
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(400, 130_429)), 1),
            Outcome::Retry {
                slow_down: true,
                code: Some(130_429),
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(429, 131_208)), 1),
            Outcome::Retry {
                slow_down: true,
                ..
            }
        ));
        assert!(matches!(
            classify(Err(GraphError::Server { status: 502 }), 1),
            Outcome::Retry {
                slow_down: false,
                code: None,
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(500, 131_000)), MAX_ATTEMPTS),
            Outcome::Failed {
                code: Some(131_000),
                ..
            }
        ));
        assert!(matches!(
            classify(Err(api(400, 131_020)), 1),
            Outcome::Failed {
                code: Some(131_020),
                ..
            }
        ));
    }

    #[test]
    fn backoff_doubles_and_is_longer_for_rate_limits() {
        assert_eq!(backoff(1, false), Duration::from_millis(200));
        assert_eq!(backoff(2, false), Duration::from_millis(400));
        assert_eq!(backoff(1, true), Duration::from_secs(1));
        assert_eq!(backoff(9, true), Duration::from_secs(30));
    }
}
