//! The one error type shared by server functions, routes and the browser.

#[cfg(feature = "ssr")]
mod ssr;
mod text;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything that can go wrong, in the words a person should read.
///
/// `Internal` carries nothing: its cause is logged once on the server and never sent to a browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A field of the input is not acceptable.
    Validation {
        /// The form field, as named in the form.
        field: String,
        /// Why, in plain words.
        message: String,
    },
    /// The thing does not exist, or is not visible to the caller.
    NotFound,
    /// The caller must sign in first.
    SignInRequired,
    /// The caller is signed in but may not do this.
    Forbidden,
    /// Too many attempts in a short time; try again later.
    RateLimited,
    /// The request conflicts with the current state.
    Conflict {
        /// What conflicts, in plain words.
        message: String,
    },
    /// Meta's Graph API refused or failed; `message` explains the code for a person.
    Upstream {
        /// Meta's error code (0 when the API could not be reached).
        code: i64,
        /// The explanation a person reads.
        message: String,
    },
    /// Something failed on the server; details are in the server log.
    Internal,
    /// The browser could not reach the server.
    Transport {
        /// What the transport layer reported (for debugging; never shown).
        detail: String,
    },
    /// The server answered, but the browser could not read the answer: most often the page was
    /// loaded before GroupDesk was updated.
    UnreadableAnswer {
        /// What the decoder reported (for debugging; never shown).
        detail: String,
    },
}

impl AppError {
    /// A validation error for one field.
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// The field a validation error points at, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Validation { message, .. } => f.write_str(message),
            Self::NotFound => f.write_str(text::NOT_FOUND),
            Self::SignInRequired => f.write_str(text::SIGN_IN_REQUIRED),
            Self::Forbidden => f.write_str(text::FORBIDDEN),
            Self::RateLimited => f.write_str(text::RATE_LIMITED),
            Self::Conflict { message } => f.write_str(message),
            Self::Upstream { code, message } => write!(f, "{} (Meta error {code})", message),
            Self::Internal => f.write_str(text::INTERNAL),
            Self::Transport { .. } => f.write_str(text::TRANSPORT),
            Self::UnreadableAnswer { .. } => f.write_str(text::UNREADABLE_ANSWER),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => {
                Self::validation("", format!("{}: {detail}", text::BAD_REQUEST))
            }
            ServerFnErrorErr::Request(detail)
            | ServerFnErrorErr::Serialization(detail)
            | ServerFnErrorErr::UnsupportedRequestMethod(detail) => Self::Transport { detail },
            ServerFnErrorErr::Response(detail) | ServerFnErrorErr::Deserialization(detail) => {
                Self::UnreadableAnswer { detail }
            }
            _ => Self::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_answer_says_to_reload_and_hides_the_decoders_words() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(
            "expected value at line 1 column 1".to_owned(),
        ));
        assert!(matches!(error, AppError::UnreadableAnswer { .. }));
        let shown = error.to_string();
        assert_eq!(shown, text::UNREADABLE_ANSWER);
        assert!(!shown.contains("line 1"));
    }

    #[test]
    fn an_unreachable_server_says_so_in_plain_words() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Request(
            "TypeError: Failed to fetch".to_owned(),
        ));
        assert!(matches!(error, AppError::Transport { .. }));
        assert_eq!(error.to_string(), text::TRANSPORT);
    }
}
