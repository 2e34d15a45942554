//! Media upload, lookup and download (`POST /<PNID>/media`, `GET /<MEDIA_ID>`).

use super::error::MetaError;
use super::lookup::{Number, internal};
use super::{SandboxState, ids};
use axum::Json;
use axum::body::Body;
use axum::extract::Multipart;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The most bytes Meta accepts for a media type, or `None` when the type is not accepted.
pub fn max_bytes(mime_type: &str) -> Option<usize> {
    const MB: usize = 1024 * 1024;
    match mime_type {
        "image/jpeg" | "image/png" => Some(5 * MB),
        "image/webp" => Some(500 * 1024),
        "video/mp4" | "video/3gpp" => Some(16 * MB),
        "audio/aac" | "audio/amr" | "audio/mpeg" | "audio/mp4" | "audio/ogg" => Some(16 * MB),
        "text/plain"
        | "application/pdf"
        | "application/msword"
        | "application/vnd.ms-excel"
        | "application/vnd.ms-powerpoint"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            Some(100 * MB)
        }
        _ => None,
    }
}

/// Stores uploaded media for a number and answers its ID.
pub async fn upload(
    state: &SandboxState,
    number: &Number,
    mut form: Multipart,
) -> Result<Json<Value>, MetaError> {
    let mut product = None;
    let mut declared_type = None;
    let mut file: Option<(Option<String>, Vec<u8>)> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| MetaError::invalid_parameter("The multipart body could not be read."))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let content_type = field.content_type().map(str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|_| MetaError::invalid_parameter("The multipart body could not be read."))?;
        match name.as_str() {
            "messaging_product" => product = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "type" => declared_type = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "file" => file = Some((content_type, bytes.to_vec())),
            _ => {}
        }
    }
    if product.as_deref() != Some("whatsapp") {
        return Err(super::body::missing(
            "messaging_product",
            "Param messaging_product must be 'whatsapp'.",
        ));
    }
    let Some((part_type, bytes)) = file else {
        return Err(super::body::missing("file", "Param file is required."));
    };
    let mime_type = declared_type.or(part_type).unwrap_or_default();
    let Some(limit) = max_bytes(&mime_type) else {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131053,
            "Media upload error",
            format!("Media type {mime_type:?} is not supported."),
        ));
    };
    if bytes.len() > limit {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131053,
            "Media upload error",
            format!("The file is larger than the {limit} bytes allowed for {mime_type}."),
        ));
    }
    let media_id = ids::media_id();
    let sha = hex::encode(Sha256::digest(&bytes));
    sqlx::query!(
        "insert into sandbox.media (media_id, phone_number_id, mime_type, sha256, content) values ($1, $2, $3, $4, $5)",
        media_id,
        number.phone_number_id,
        mime_type,
        sha,
        bytes,
    )
    .execute(&state.pool)
    .await
    .map_err(internal)?;
    Ok(Json(json!({ "id": media_id })))
}

/// `GET /<MEDIA_ID>`: the download URL and facts, if the media exists.
pub async fn info(
    state: &SandboxState,
    media_id: &str,
    public_url: &str,
) -> Result<Option<Json<Value>>, MetaError> {
    let row = sqlx::query!(
        r#"select mime_type, sha256, octet_length(content) as "size!" from sandbox.media where media_id = $1"#,
        media_id
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)?;
    Ok(row.map(|row| {
        Json(json!({
            "messaging_product": "whatsapp",
            "url": format!("{public_url}/sandbox/media/{media_id}"),
            "mime_type": row.mime_type,
            "sha256": row.sha256,
            "file_size": row.size,
            "id": media_id,
        }))
    }))
}

/// The media's bytes (the download URL), for any bearer token.
pub async fn download(state: &SandboxState, media_id: &str) -> Result<Response, MetaError> {
    let row = sqlx::query!(
        "select mime_type, content from sandbox.media where media_id = $1",
        media_id
    )
    .fetch_optional(&state.pool)
    .await
    .map_err(internal)?
    .ok_or_else(|| super::lookup::unknown_object(media_id, "get"))?;
    Ok((
        [(header::CONTENT_TYPE, row.mime_type)],
        Body::from(row.content),
    )
        .into_response())
}
