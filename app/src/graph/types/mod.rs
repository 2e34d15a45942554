//! Request and response bodies of the Graph API calls GroupDesk makes (SPEC §1–§6).
//!
//! Responses are read leniently: unknown fields are ignored, numbers and booleans may come as
//! strings, and unknown values keep their text.

mod error;
mod groups;
mod media;
mod messages;
mod numbers;
mod templates;

pub use error::{ErrorBody, ErrorData, ErrorEnvelope};
pub use groups::*;
pub use media::*;
pub use messages::*;
pub use numbers::*;
pub use templates::*;

use serde::{Deserialize, Serialize};

pub use crate::webhooks::payload::UserIdentity;

/// Graph cursor paging (SPEC §1.6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Paging {
    /// The cursors of this page.
    #[serde(default)]
    pub cursors: Cursors,
    /// Present only when there is a next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Present only when there is a previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// `paging.cursors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Cursors {
    /// Cursor for the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor for the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl Paging {
    /// The cursor of the next page, if there is one (no `next` means the last page).
    pub fn next_cursor(&self) -> Option<&str> {
        self.next.as_ref().and(self.cursors.after.as_deref())
    }
}

/// One page of a list and where to go next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// The paging block.
    pub paging: Paging,
}

/// Which page to ask for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    /// Page size (the API's default when `None`).
    pub limit: Option<u32>,
    /// Continue after this cursor.
    pub after: Option<String>,
    /// Go back before this cursor.
    pub before: Option<String>,
}

/// `{"success": true}`, with `success` possibly a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuccessResponse {
    /// Whether the call succeeded.
    #[serde(default, deserialize_with = "crate::webhooks::lenient::bool_or_string")]
    pub success: bool,
    /// Some asynchronous calls add a request ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}
