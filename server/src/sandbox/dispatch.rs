//! Graph paths name nodes by opaque ID (`/<ID>`, `/<ID>/<edge>`); this resolves what an ID is
//! (group, phone number, WABA, media) and hands the request to the right handler.

use super::error::MetaError;
use super::lookup::{self, Group, Number};
use super::{
    BODY_LIMIT, SandboxState, groups, join_requests, links, media, messages, numbers, participants,
    settings, templates,
};
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;

fn ok(json: axum::Json<serde_json::Value>) -> Result<Response, MetaError> {
    Ok(json.into_response())
}

async fn body_bytes(request: Request) -> Result<Vec<u8>, MetaError> {
    axum::body::to_bytes(request.into_body(), BODY_LIMIT)
        .await
        .map(|bytes| bytes.to_vec())
        .map_err(|_| MetaError::invalid_parameter("The request body could not be read."))
}

/// The query and the `application/x-www-form-urlencoded` body of a request, body winning.
async fn form_params(request: Request) -> Result<HashMap<String, String>, MetaError> {
    let mut params = Query::<HashMap<String, String>>::try_from_uri(request.uri())
        .map(|Query(query)| query)
        .unwrap_or_default();
    let axum::Form(body) = axum::Form::<HashMap<String, String>>::from_request(request, &())
        .await
        .map_err(|_| {
            MetaError::invalid_parameter("The parameters must be a query or a URL-encoded form.")
        })?;
    params.extend(body);
    Ok(params)
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"))
}

/// A group addressed by a Groups call: known (or 131041), token, eligibility.
async fn group_for(
    state: &SandboxState,
    token: &str,
    id: &str,
) -> Result<Option<Group>, MetaError> {
    match lookup::group(state, id).await? {
        Some(group) => {
            group.number.authorize(token)?;
            group.number.require_eligible()?;
            Ok(Some(group))
        }
        None if lookup::group_ever_existed(state, id).await? => Err(lookup::group_unknown()),
        None => Ok(None),
    }
}

async fn number_for(
    state: &SandboxState,
    token: &str,
    id: &str,
) -> Result<Option<Number>, MetaError> {
    match lookup::number(state, id).await? {
        Some(number) => {
            number.authorize(token)?;
            Ok(Some(number))
        }
        None => Ok(None),
    }
}

fn graph_url(state: &SandboxState, version: &str, node: &str, edge: &str) -> String {
    format!(
        "{}{}/graph/{version}/{node}/{edge}",
        state.settings.public_url,
        super::MOUNT
    )
}

/// `GET /<ID>`: group info, phone number fields, or media info.
pub async fn node_get(
    State(state): State<SandboxState>,
    Path((version, node)): Path<(String, String)>,
    Query(query): Params,
    headers: HeaderMap,
) -> Result<Response, MetaError> {
    lookup::version(&version)?;
    let token = lookup::token(&headers)?;
    if let Some(group) = group_for(&state, &token, &node).await? {
        return ok(groups::info(&state, &group, query.get("fields").map(String::as_str)).await?);
    }
    if let Some(number) = number_for(&state, &token, &node).await? {
        return ok(numbers::get(&state, &number, query.get("fields").map(String::as_str)).await?);
    }
    if let Some(info) = media::info(&state, &node, &state.settings.public_url).await? {
        return ok(info);
    }
    Err(lookup::unknown_object(&node, "get"))
}

/// `POST /<ID>`: group settings (JSON or multipart with `file`), or a number's settings.
pub async fn node_post(
    State(state): State<SandboxState>,
    Path((version, node)): Path<(String, String)>,
    request: Request,
) -> Result<Response, MetaError> {
    lookup::version(&version)?;
    let token = lookup::token(request.headers())?;
    if let Some(group) = group_for(&state, &token, &node).await? {
        let change = if is_multipart(request.headers()) {
            let form = Multipart::from_request(request, &()).await.map_err(|_| {
                MetaError::invalid_parameter("The multipart body could not be read.")
            })?;
            settings_from_form(form).await?
        } else {
            settings::settings_from_json(&body_bytes(request).await?)?
        };
        return ok(settings::apply_settings(&state, &group, change).await?);
    }
    if number_for(&state, &token, &node).await?.is_some() {
        return ok(axum::Json(serde_json::json!({ "success": true })));
    }
    Err(lookup::unknown_object(&node, "post"))
}

async fn settings_from_form(mut form: Multipart) -> Result<settings::SettingsChange, MetaError> {
    let unreadable = || MetaError::invalid_parameter("The multipart body could not be read.");
    let mut change = settings::SettingsChange::default();
    let mut product = None;
    while let Some(field) = form.next_field().await.map_err(|_| unreadable())? {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| unreadable())?;
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "messaging_product" => product = Some(text()),
            "subject" => change.subject = Some(text()),
            "description" => change.description = Some(text()),
            "file" => change.picture = Some(bytes.to_vec()),
            "join_approval_mode" => change.join_approval_mode = Some(text()),
            _ => {}
        }
    }
    if product.as_deref() != Some("whatsapp") {
        return Err(super::body::missing(
            "messaging_product",
            "Param messaging_product must be 'whatsapp'.",
        ));
    }
    if change.subject.is_none()
        && change.description.is_none()
        && change.picture.is_none()
        && change.join_approval_mode.is_none()
    {
        return Err(super::body::missing(
            "file",
            "Give at least one of subject, description or file.",
        ));
    }
    Ok(change)
}

/// `DELETE /<GROUP_ID>`.
pub async fn node_delete(
    State(state): State<SandboxState>,
    Path((version, node)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, MetaError> {
    lookup::version(&version)?;
    let token = lookup::token(&headers)?;
    match group_for(&state, &token, &node).await? {
        Some(group) => ok(groups::delete(&state, &group).await?),
        None => Err(lookup::unknown_object(&node, "delete")),
    }
}

/// `GET /<ID>/<edge>`.
pub async fn edge_get(
    State(state): State<SandboxState>,
    Path((version, node, edge)): Path<(String, String, String)>,
    Query(query): Params,
    headers: HeaderMap,
) -> Result<Response, MetaError> {
    lookup::version(&version)?;
    if node == "oauth" && edge == "access_token" {
        return ok(numbers::exchange(&state, &query).await?);
    }
    let token = lookup::token(&headers)?;
    let base = graph_url(&state, &version, &node, &edge);
    match edge.as_str() {
        "groups" => {
            let number = number_for(&state, &token, &node)
                .await?
                .ok_or_else(|| lookup::unknown_object(&node, "get"))?;
            ok(groups::active(&state, &number, &query, &base).await?)
        }
        "invite_link" => ok(links::get(&required_group(&state, &token, &node).await?)?),
        "join_requests" => {
            let group = required_group(&state, &token, &node).await?;
            ok(join_requests::list(&state, &group, &query, &base).await?)
        }
        "subscribed_apps" => {
            require_waba(&state, &node).await?;
            ok(numbers::subscriptions(&state, &node).await?)
        }
        "message_templates" => {
            let numbers = templates::waba(&state, &node, "get").await?;
            templates::authorize(&numbers, &token)?;
            ok(templates::list(&state, &node, &query, &base).await?)
        }
        _ => Err(lookup::unknown_object(&node, "get")),
    }
}

async fn required_group(state: &SandboxState, token: &str, id: &str) -> Result<Group, MetaError> {
    group_for(state, token, id)
        .await?
        .ok_or_else(lookup::group_unknown)
}

async fn require_waba(state: &SandboxState, waba_id: &str) -> Result<(), MetaError> {
    if lookup::waba_numbers(state, waba_id).await?.is_empty() {
        Err(lookup::unknown_object(waba_id, "post"))
    } else {
        Ok(())
    }
}

/// `POST /<ID>/<edge>`.
pub async fn edge_post(
    State(state): State<SandboxState>,
    Path((version, node, edge)): Path<(String, String, String)>,
    request: Request,
) -> Result<Response, MetaError> {
    lookup::version(&version)?;
    if node == "oauth" && edge == "access_token" {
        return ok(numbers::exchange(&state, &form_params(request).await?).await?);
    }
    let token = lookup::token(request.headers())?;
    match edge.as_str() {
        "groups" | "messages" | "media" | "register" => {
            let number = number_for(&state, &token, &node)
                .await?
                .ok_or_else(|| lookup::unknown_object(&node, "post"))?;
            match edge.as_str() {
                "groups" => ok(groups::create(&state, &number, &body_bytes(request).await?).await?),
                "messages" => {
                    ok(messages::send(&state, &number, &body_bytes(request).await?).await?)
                }
                "media" => {
                    let form = Multipart::from_request(request, &()).await.map_err(|_| {
                        MetaError::invalid_parameter(
                            "Media must be uploaded as multipart/form-data.",
                        )
                    })?;
                    ok(media::upload(&state, &number, form).await?)
                }
                _ => ok(numbers::register(&body_bytes(request).await?)?),
            }
        }
        "invite_link" => {
            let group = required_group(&state, &token, &node).await?;
            ok(links::reset(&state, &group, &body_bytes(request).await?).await?)
        }
        "join_requests" => {
            let group = required_group(&state, &token, &node).await?;
            ok(join_requests::approve(&state, &group, &body_bytes(request).await?).await?)
        }
        "participants" => {
            required_group(&state, &token, &node).await?;
            Err(participants::add())
        }
        "subscribed_apps" => {
            require_waba(&state, &node).await?;
            ok(numbers::subscribe(&state, &node).await?)
        }
        _ => Err(lookup::unknown_object(&node, "post")),
    }
}

/// `DELETE /<ID>/<edge>` (remove participants and reject join requests carry a JSON body).
pub async fn edge_delete(
    State(state): State<SandboxState>,
    Path((version, node, edge)): Path<(String, String, String)>,
    request: Request,
) -> Result<Response, MetaError> {
    lookup::version(&version)?;
    let token = lookup::token(request.headers())?;
    match edge.as_str() {
        "invite_link" => {
            ok(links::delete(&state, &required_group(&state, &token, &node).await?).await?)
        }
        "participants" => {
            let group = required_group(&state, &token, &node).await?;
            ok(participants::remove(&state, &group, &body_bytes(request).await?).await?)
        }
        "join_requests" => {
            let group = required_group(&state, &token, &node).await?;
            ok(join_requests::reject(&state, &group, &body_bytes(request).await?).await?)
        }
        "subscribed_apps" => {
            require_waba(&state, &node).await?;
            ok(axum::Json(serde_json::json!({ "success": true })))
        }
        "message_templates" => {
            let numbers = templates::waba(&state, &node, "delete").await?;
            templates::authorize(&numbers, &token)?;
            let Query(query) = Query::<HashMap<String, String>>::try_from_uri(request.uri())
                .map_err(|_| MetaError::invalid_parameter("The query could not be read."))?;
            ok(templates::delete(&state, &node, &query).await?)
        }
        _ => Err(lookup::unknown_object(&node, "delete")),
    }
}

/// The download URL of media: the bytes, for any bearer token.
pub async fn media_download(
    State(state): State<SandboxState>,
    Path(media_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, MetaError> {
    lookup::token(&headers)?;
    media::download(&state, &media_id).await
}
