//! Media in the chat, for the browser and the server alike: which files WhatsApp takes in group
//! messages (types and sizes: Meta's limits, as the sandbox enforces them), the checks both sides
//! run before anything is stored, and how a message's media is shown.

use super::text;
use crate::AppError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One mebibyte, the unit of Meta's limits.
pub const MB: u64 = 1024 * 1024;
/// The most characters a caption may have.
pub const CAPTION_MAX_CHARS: usize = 1024;
/// The most characters of a file name that are kept.
pub const FILE_NAME_MAX_CHARS: usize = 240;
/// The largest file of any kind (a document): the bound of an upload request.
pub const LARGEST: u64 = 100 * MB;
/// Where the browser posts a file to send (multipart: `group_id`, `caption`, then `file`).
pub const UPLOAD_PATH: &str = "/api/media";
/// Where stored media is served: `/media/<id>`.
pub const SERVE_PREFIX: &str = "/media/";

/// What kind of media a message carries; each has its own limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// JPEG or PNG, up to 5 MB.
    Image,
    /// MP4 or 3GPP, up to 16 MB.
    Video,
    /// AAC, AMR, MP3, M4A or OGG, up to 16 MB.
    Audio,
    /// PDF, text and Office files, up to 100 MB.
    Document,
}

impl MediaKind {
    /// Every kind, in the order the rules are explained.
    pub const ALL: [Self; 4] = [Self::Image, Self::Video, Self::Audio, Self::Document];

    /// The stored name, which is also the message type sent to WhatsApp.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Document => "document",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// The largest file of this kind WhatsApp accepts, in bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            Self::Image => 5 * MB,
            Self::Video | Self::Audio => 16 * MB,
            Self::Document => 100 * MB,
        }
    }

    /// WhatsApp shows captions on images, videos and documents, not on audio.
    pub fn has_caption(self) -> bool {
        self != Self::Audio
    }

    /// How the kind is named in explanations ("images").
    pub fn plural(self) -> &'static str {
        match self {
            Self::Image => text::KIND_IMAGES,
            Self::Video => text::KIND_VIDEOS,
            Self::Audio => text::KIND_AUDIO,
            Self::Document => text::KIND_DOCUMENTS,
        }
    }
}

/// The media types WhatsApp accepts in group messages, with a short name for people.
pub const ACCEPTED: &[(&str, MediaKind, &str)] = &[
    ("image/jpeg", MediaKind::Image, "JPEG"),
    ("image/png", MediaKind::Image, "PNG"),
    ("video/mp4", MediaKind::Video, "MP4"),
    ("video/3gpp", MediaKind::Video, "3GPP"),
    ("audio/aac", MediaKind::Audio, "AAC"),
    ("audio/amr", MediaKind::Audio, "AMR"),
    ("audio/mpeg", MediaKind::Audio, "MP3"),
    ("audio/mp4", MediaKind::Audio, "M4A"),
    ("audio/ogg", MediaKind::Audio, "OGG"),
    ("application/pdf", MediaKind::Document, "PDF"),
    ("text/plain", MediaKind::Document, "TXT"),
    ("application/msword", MediaKind::Document, "DOC"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        MediaKind::Document,
        "DOCX",
    ),
    ("application/vnd.ms-excel", MediaKind::Document, "XLS"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        MediaKind::Document,
        "XLSX",
    ),
    ("application/vnd.ms-powerpoint", MediaKind::Document, "PPT"),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        MediaKind::Document,
        "PPTX",
    ),
];

/// A media type as browsers report it, made comparable: lower case, without parameters, with
/// common aliases replaced (`image/jpg`, `audio/mp3`, `audio/x-m4a`, ...).
pub fn normalize_mime(raw: &str) -> String {
    let base = raw
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match base.as_str() {
        "image/jpg" | "image/pjpeg" => "image/jpeg".to_owned(),
        "audio/mp3" | "audio/mpeg3" | "audio/x-mpeg" => "audio/mpeg".to_owned(),
        "audio/x-m4a" | "audio/m4a" => "audio/mp4".to_owned(),
        "audio/x-aac" => "audio/aac".to_owned(),
        "audio/opus" => "audio/ogg".to_owned(),
        "video/3gp" => "video/3gpp".to_owned(),
        _ => base,
    }
}

/// The kind of an accepted (normalized) media type.
pub fn kind_of(mime: &str) -> Option<MediaKind> {
    ACCEPTED
        .iter()
        .find(|(accepted, ..)| *accepted == mime)
        .map(|(_, kind, _)| *kind)
}

/// The `accept` attribute of the file picker.
pub fn accept_attribute() -> String {
    ACCEPTED
        .iter()
        .map(|(mime, ..)| *mime)
        .collect::<Vec<_>>()
        .join(",")
}

/// Which types are allowed, for the "wrong type" error: "images (JPEG, PNG), videos (...)...".
pub fn allowed_types() -> String {
    MediaKind::ALL
        .into_iter()
        .map(|kind| {
            let names: Vec<&str> = ACCEPTED
                .iter()
                .filter(|(_, of, _)| *of == kind)
                .map(|(.., name)| *name)
                .collect();
            format!("{} ({})", kind.plural(), names.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file that may be sent: its normalized type and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The normalized media type.
    pub mime_type: String,
    /// Its kind.
    pub kind: MediaKind,
}

/// Checks a file's type (as reported) and size against WhatsApp's limits. The browser runs this
/// before uploading; the server runs it again on what actually arrives.
pub fn check_type(raw_mime: &str) -> Result<Accepted, AppError> {
    let mime_type = normalize_mime(raw_mime);
    match kind_of(&mime_type) {
        Some(kind) => Ok(Accepted { mime_type, kind }),
        None => Err(AppError::validation(
            "file",
            text::wrong_type(&mime_type, &allowed_types()),
        )),
    }
}

/// Checks that `size` bytes fit the kind's limit.
pub fn check_size(kind: MediaKind, size: u64) -> Result<(), AppError> {
    if size == 0 {
        return Err(AppError::validation("file", text::FILE_EMPTY));
    }
    if size > kind.max_bytes() {
        return Err(too_large(kind, Some(size)));
    }
    Ok(())
}

/// The "file too large" error, with the size when known.
pub fn too_large(kind: MediaKind, size: Option<u64>) -> AppError {
    AppError::validation(
        "file",
        text::file_too_large(
            size.map(format_size).as_deref(),
            kind.plural(),
            &format_size(kind.max_bytes()),
        ),
    )
}

/// Checks a file before it is sent: type, then size.
pub fn check_file(raw_mime: &str, size: u64) -> Result<Accepted, AppError> {
    let accepted = check_type(raw_mime)?;
    check_size(accepted.kind, size)?;
    Ok(accepted)
}

/// A caption: trimmed, empty means none, at most 1024 characters, and none on audio.
pub fn check_caption(kind: MediaKind, raw: &str) -> Result<Option<String>, AppError> {
    let caption = raw.trim();
    if caption.is_empty() {
        return Ok(None);
    }
    if !kind.has_caption() {
        return Err(AppError::validation("caption", text::NO_AUDIO_CAPTION));
    }
    if caption.chars().count() > CAPTION_MAX_CHARS {
        return Err(AppError::validation("caption", text::CAPTION_TOO_LONG));
    }
    Ok(Some(caption.to_owned()))
}

/// A file name as shown and sent with documents: without any folder part or control
/// characters, at most [`FILE_NAME_MAX_CHARS`] characters; `None` when nothing is left.
pub fn clean_file_name(raw: &str) -> Option<String> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(FILE_NAME_MAX_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty() && cleaned != "." && cleaned != "..").then(|| cleaned.to_owned())
}

/// A size for people: "812 bytes", "14 KB", "4.2 MB", "5 MB".
pub fn format_size(bytes: u64) -> String {
    if bytes < 1024 {
        return format!("{bytes} {}", text::BYTES);
    }
    let (value, unit) = if bytes < MB {
        (bytes as f64 / 1024.0, "KB")
    } else {
        (bytes as f64 / MB as f64, "MB")
    };
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {unit}")
    } else {
        format!("{rounded:.1} {unit}")
    }
}

/// Whether the first bytes of a file look like its declared type, for the types with a clear
/// signature (the server checks this; a browser's type is only a claim).
pub fn content_matches(mime: &str, head: &[u8]) -> bool {
    match mime {
        "image/jpeg" => head.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/png" => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "video/mp4" | "video/3gpp" | "audio/mp4" => head.get(4..8) == Some(b"ftyp"),
        "application/pdf" => head.starts_with(b"%PDF-"),
        "audio/ogg" => head.starts_with(b"OggS"),
        "audio/amr" => head.starts_with(b"#!AMR"),
        _ => true,
    }
}

/// Whether media can be shown yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaState {
    /// Stored: served at [`MediaView::url`].
    Stored,
    /// A participant's file still being downloaded from WhatsApp.
    Pending,
    /// WhatsApp's file could not be downloaded.
    Failed,
}

impl MediaState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stored => "stored",
            Self::Pending => "pending",
            Self::Failed => "failed",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Stored, Self::Pending, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == raw)
    }
}

/// A message's media, as the chat shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaView {
    /// GroupDesk's ID of the file.
    pub id: Uuid,
    /// Image, video, audio or document.
    pub kind: MediaKind,
    /// Its type, for example `image/png`.
    pub mime_type: String,
    /// The file's name, when known.
    pub file_name: Option<String>,
    /// Its size, once stored.
    pub byte_size: Option<i64>,
    /// Whether it can be shown.
    pub state: MediaState,
}

impl MediaView {
    /// Where the browser loads it.
    pub fn url(&self) -> String {
        format!("{SERVE_PREFIX}{}", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_normalized_and_checked_against_the_kind_limits() {
        assert_eq!(normalize_mime("Image/JPG"), "image/jpeg");
        assert_eq!(normalize_mime("audio/ogg; codecs=opus"), "audio/ogg");
        assert_eq!(
            check_file("image/png", 5 * MB).unwrap().kind,
            MediaKind::Image
        );
        let large = check_file("image/png", 5 * MB + 1).unwrap_err().to_string();
        assert!(
            large.contains("too large") && large.contains("5 MB"),
            "{large}"
        );
        assert!(check_file("video/mp4", 16 * MB).is_ok());
        assert!(check_file("application/pdf", 100 * MB).is_ok());
        assert!(check_file("application/pdf", 100 * MB + 1).is_err());
        let wrong = check_file("text/html", 10).unwrap_err().to_string();
        assert!(
            wrong.contains("text/html") && wrong.contains("JPEG, PNG"),
            "{wrong}"
        );
        assert!(
            check_file("image/webp", 10).is_err(),
            "webp is for stickers"
        );
        assert!(check_file("image/png", 0).is_err());
    }

    #[test]
    fn captions_and_file_names_are_cleaned() {
        assert_eq!(
            check_caption(MediaKind::Image, "  hi ").unwrap().as_deref(),
            Some("hi")
        );
        assert_eq!(check_caption(MediaKind::Audio, " ").unwrap(), None);
        assert!(check_caption(MediaKind::Audio, "hi").is_err());
        assert!(check_caption(MediaKind::Video, &"x".repeat(1025)).is_err());
        assert_eq!(
            clean_file_name("C:\\x\\report.pdf").as_deref(),
            Some("report.pdf")
        );
        assert_eq!(clean_file_name("../a\u{7}b.txt").as_deref(), Some("ab.txt"));
        assert_eq!(clean_file_name("dir/.."), None);
    }

    #[test]
    fn sizes_read_well_and_signatures_are_checked() {
        assert_eq!(format_size(812), "812 bytes");
        assert_eq!(format_size(5 * MB), "5 MB");
        assert_eq!(format_size(1536), "1.5 KB");
        assert!(content_matches("image/png", b"\x89PNG\r\n\x1a\n...."));
        assert!(!content_matches("image/png", b"<html>"));
        assert!(content_matches("text/plain", b"anything"));
    }
}
