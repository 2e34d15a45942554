//! `POST /api/media`: a file to send to a group, streamed into the media store while its type,
//! signature and size are checked (the browser checked them too, but is never trusted), then
//! queued like a text message. `GET /media/{id}`: a stored file, for members of its tenant only.

use crate::state::ServerState;
use app::AppError;
use app::chat::media::{self, Accepted, LARGEST, MB};
use app::chat::media_send::{StoredUpload, check_target, send_media};
use app::chat::media_store::{MediaStore, StoreError, WriteError};
use app::chat::text;
use app::ids::GroupId;
use app::tenants::{Role, TenantMember, member_of};
use axum::Json;
use axum::body::Body;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

/// The largest upload request: the largest file WhatsApp accepts plus the form around it.
pub const BODY_LIMIT: usize = (LARGEST + MB) as usize;

/// An upload refused with a status and the reason.
struct Refused(StatusCode, AppError);

impl From<AppError> for Refused {
    fn from(error: AppError) -> Self {
        Self(error.status(), error)
    }
}

fn too_large_request() -> Refused {
    Refused(
        StatusCode::PAYLOAD_TOO_LARGE,
        AppError::validation("file", text::UPLOAD_TOO_LARGE),
    )
}

fn bad_upload() -> Refused {
    Refused(
        StatusCode::BAD_REQUEST,
        AppError::validation("file", text::BAD_UPLOAD),
    )
}

fn read_error(error: &MultipartError) -> Refused {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large_request()
    } else {
        bad_upload()
    }
}

/// Receives a file and queues it; answers JSON to scripts (`Accept: application/json`), and
/// sends a browser without JavaScript back to the group.
pub async fn upload(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"));
    let received = async {
        let member = member_of(&state.app, &session, &[Role::Admin, Role::Staff]).await?;
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
            return Err(too_large_request());
        }
        let mut form = form.map_err(|_| bad_upload())?;
        let result = receive(&state, &member, &mut form).await;
        if result.is_err() {
            // Read what is left, so the client gets the answer instead of a broken connection.
            drain(&mut form).await;
        }
        result
    }
    .await;
    match received {
        Ok((message_id, media_id, group_id)) if wants_json => Json(serde_json::json!({
            "message_id": message_id, "media_id": media_id, "group_id": group_id,
        }))
        .into_response(),
        Ok((.., group_id)) => Redirect::to(&format!("/groups/{group_id}")).into_response(),
        Err(Refused(status, error)) if wants_json => {
            let message = error.to_string();
            (
                status,
                Json(serde_json::json!({ "error": error, "message": message })),
            )
                .into_response()
        }
        Err(Refused(status, error)) => (status, error.to_string()).into_response(),
    }
}

/// Reads `group_id`, `caption`, then `file`; stores the file and queues the message.
async fn receive(
    state: &ServerState,
    member: &TenantMember,
    form: &mut Multipart,
) -> Result<(Uuid, Uuid, GroupId), Refused> {
    let mut group_id = None;
    let mut caption = String::new();
    while let Some(field) = form.next_field().await.map_err(|e| read_error(&e))? {
        let name = field.name().map(str::to_owned);
        match name.as_deref() {
            Some("group_id") => {
                let raw = field.text().await.map_err(|e| read_error(&e))?;
                let id: GroupId = raw.trim().parse().map_err(|_| AppError::NotFound)?;
                check_target(&state.app, member, id).await?;
                group_id = Some(id);
            }
            Some("caption") => caption = field.text().await.map_err(|e| read_error(&e))?,
            Some("file") => {
                let group_id = group_id.ok_or_else(bad_upload)?;
                let upload = store(state, member, group_id, &caption, field).await?;
                let message_id = match send_media(&state.app, member, &upload).await {
                    Ok(id) => id,
                    Err(error) => {
                        forget(&state.app.media, &upload.storage_key).await;
                        return Err(error.into());
                    }
                };
                return Ok((message_id, upload.media_id, group_id));
            }
            _ => {}
        }
    }
    Err(AppError::validation("file", text::CHOOSE_FILE).into())
}

/// Streams the file part into the store, checking its type, signature and size as it arrives.
async fn store(
    state: &ServerState,
    member: &TenantMember,
    group_id: GroupId,
    caption: &str,
    mut field: Field<'_>,
) -> Result<StoredUpload, Refused> {
    let accepted: Accepted = media::check_type(field.content_type().unwrap_or_default())
        .map_err(|error| Refused(StatusCode::UNSUPPORTED_MEDIA_TYPE, error))?;
    let caption = media::check_caption(accepted.kind, caption)?;
    let file_name = field.file_name().and_then(media::clean_file_name);
    let media_id = Uuid::new_v4();
    let storage_key = MediaStore::key(member.tenant_id().0, media_id);
    let mut writer = state
        .app
        .media
        .writer(&storage_key, accepted.kind.max_bytes());
    let mut head: Vec<u8> = Vec::with_capacity(16);
    let streamed: Result<(), Refused> = async {
        while let Some(chunk) = field.chunk().await.map_err(|e| read_error(&e))? {
            if head.len() < 16 {
                let wanted = (16 - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..wanted]);
                if head.len() == 16 && !media::content_matches(&accepted.mime_type, &head) {
                    return Err(mismatch(&accepted));
                }
            }
            match writer.write(&chunk).await {
                Ok(()) => {}
                Err(WriteError::TooLarge) => {
                    let error = media::too_large(accepted.kind, None);
                    return Err(Refused(StatusCode::PAYLOAD_TOO_LARGE, error));
                }
                Err(WriteError::Store(error)) => return Err(AppError::internal(error).into()),
            }
        }
        media::check_size(accepted.kind, writer.size())?;
        if !media::content_matches(&accepted.mime_type, &head) {
            return Err(mismatch(&accepted));
        }
        Ok(())
    }
    .await;
    if let Err(refused) = streamed {
        writer.abort().await;
        return Err(refused);
    }
    let (byte_size, sha256) = writer.finish().await.map_err(AppError::internal)?;
    Ok(StoredUpload {
        media_id,
        group_id,
        accepted,
        caption,
        file_name,
        storage_key,
        byte_size,
        sha256,
    })
}

fn mismatch(accepted: &Accepted) -> Refused {
    Refused(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        AppError::validation("file", text::content_mismatch(&accepted.mime_type)),
    )
}

async fn forget(store: &MediaStore, key: &str) {
    if let Err(error) = store.delete(key).await {
        tracing::warn!(error = %error, "could not delete an unsent upload");
    }
}

async fn drain(form: &mut Multipart) {
    while let Ok(Some(mut field)) = form.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// Who asks for the stored file `id`: the signed-in user and the file's ID, else the answer (401
/// for nobody signed in, 404 for an ID that cannot be one).
pub(crate) async fn reader(
    state: &ServerState,
    session: &Session,
    id: &str,
) -> Result<(app::ids::UserId, Uuid), Response> {
    let user = app::auth::session::require_user(&state.app, session)
        .await
        .map_err(IntoResponse::into_response)?;
    let id = id
        .parse::<Uuid>()
        .map_err(|_| AppError::NotFound.into_response())?;
    Ok((user.user_id, id))
}

/// Serves a stored file to a signed-in member of the tenant that owns it; 404 for anyone else.
pub async fn serve(
    State(state): State<ServerState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let (user_id, media_id) = match reader(&state, &session, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let file = match app::chat::media_db::readable(&state.app.pool, user_id, media_id).await {
        Ok(Some(file)) => file,
        Ok(None) => return AppError::NotFound.into_response(),
        Err(error) => return AppError::from(error).into_response(),
    };
    let (size, chunks) = match state.app.media.stream(&file.storage_key).await {
        Ok(found) => found,
        Err(StoreError::NotFound { .. }) => return AppError::NotFound.into_response(),
        Err(error) => return AppError::internal(error).into_response(),
    };
    let inline = file.inline();
    let content_type = if inline || media::kind_of(&file.mime_type).is_some() {
        file.mime_type.clone()
    } else {
        "application/octet-stream".to_owned()
    };
    let mut response = Body::from_stream(chunks).into_response();
    let headers = response.headers_mut();
    let mut set = |name, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_TYPE, content_type);
    set(header::CONTENT_LENGTH, size.to_string());
    set(
        header::CONTENT_DISPOSITION,
        disposition(inline, file.file_name.as_deref()),
    );
    set(header::CACHE_CONTROL, "private, max-age=3600".to_owned());
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned());
    set(
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; sandbox".to_owned(),
    );
    response
}

/// `inline` or `attachment`, with the file name (ASCII fallback and RFC 5987 UTF-8 form).
fn disposition(inline: bool, name: Option<&str>) -> String {
    let kind = if inline { "inline" } else { "attachment" };
    let Some(name) = name else {
        return kind.to_owned();
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn file_names_are_quoted_safely() {
        assert_eq!(disposition(true, None), "inline");
        assert_eq!(
            disposition(false, Some("Résumé \"v2\".pdf")),
            "attachment; filename=\"R_sum_ _v2_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22v2%22.pdf"
        );
    }
}
