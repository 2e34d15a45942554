//! `POST /api/group_picture`: a new group picture (multipart `group_id`, then `file`), checked
//! and sent to WhatsApp. Answers JSON to scripts and sends a browser back to the group.
//! `GET /group-pictures/{id}`: a picture sent, for the group page.

use crate::state::ServerState;
use app::AppError;
use app::groups::picture::PICTURE_MAX_BYTES;
use app::groups::{picture_service, text};
use app::ids::GroupId;
use app::tenants::{Role, member_of};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The largest request: the largest picture plus the form around it.
pub const BODY_LIMIT: usize = PICTURE_MAX_BYTES + 64 * 1024;

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
        let form = form.map_err(|_| AppError::validation("file", text::PICTURE_CHOOSE))?;
        let (group_id, bytes) = read(form).await?;
        picture_service::update_picture(&state.app, &member, group_id, bytes).await?;
        Ok::<_, AppError>(group_id)
    }
    .await;
    match received {
        Ok(_) if wants_json => Json(serde_json::json!({ "ok": true })).into_response(),
        Ok(group_id) => Redirect::to(&format!("/groups/{group_id}")).into_response(),
        Err(error) => {
            let status = error.status();
            let message = error.to_string();
            if wants_json {
                (
                    status,
                    Json(serde_json::json!({ "error": error, "message": message })),
                )
                    .into_response()
            } else {
                (status, message).into_response()
            }
        }
    }
}

/// Reads `group_id` and `file`; a picture over 5 MB is refused as too large.
async fn read(mut form: Multipart) -> Result<(GroupId, Vec<u8>), AppError> {
    let too_large = || {
        AppError::validation(
            "file",
            app::groups::picture::PictureProblem::TooLarge.reason(),
        )
    };
    let mut group_id = None;
    let mut file = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large());
            }
            Err(_) => return Err(AppError::validation("file", text::PICTURE_CHOOSE)),
        };
        match field.name() {
            Some("group_id") => {
                let raw = field.text().await.map_err(|_| AppError::NotFound)?;
                group_id = Some(raw.trim().parse().map_err(|_| AppError::NotFound)?);
            }
            Some("file") => {
                let bytes = field.bytes().await.map_err(|_| too_large())?;
                file = Some(bytes.to_vec());
            }
            _ => {}
        }
    }
    let group_id = group_id.ok_or(AppError::NotFound)?;
    let file = file
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| AppError::validation("file", text::PICTURE_CHOOSE))?;
    Ok((group_id, file))
}

/// `GET /group-pictures/{id}`: a picture GroupDesk sent, to a signed-in member of its group's
/// tenant; 404 for anyone else. Pictures never change, so browsers may keep them.
pub async fn serve(
    State(state): State<ServerState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let (user_id, picture_id) = match crate::media_routes::reader(&state, &session, &id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let key = match picture_service::readable(&state.app.pool, user_id, picture_id).await {
        Ok(Some(key)) => key,
        Ok(None) => return AppError::NotFound.into_response(),
        Err(error) => return AppError::from(error).into_response(),
    };
    match state.app.media.get(&key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "private, max-age=86400, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => AppError::NotFound.into_response(),
    }
}
