//! Media upload and download (`POST /<PNID>/media`, `GET /<MEDIA_ID>`).

use crate::webhooks::lenient::opt_i64;
use serde::{Deserialize, Serialize};

/// The answer to an upload: `{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MediaUploadResponse {
    /// The media ID to send.
    pub id: String,
}

/// The answer to `GET /<MEDIA_ID>`: where to download it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MediaInfo {
    /// A short-lived URL; download it with the same bearer token.
    pub url: String,
    /// For example `image/jpeg`.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Hex SHA-256 of the content.
    #[serde(default)]
    pub sha256: Option<String>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "opt_i64")]
    pub file_size: Option<i64>,
    /// The media ID.
    #[serde(default)]
    pub id: Option<String>,
}
