//! `POST /<PNID>/messages`: group sends, pins, and the 1:1 invite template, with the status
//! webhooks that follow (SPEC §2.9, §3.1–§3.5, §7, §8 rules 11–13).

use super::body::JsonBody;
use super::error::MetaError;
use super::lookup::{self, Number, internal};
use super::{SandboxState, deliver, ids, statuses, template_check};
use axum::Json;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// Types Meta lists as not supported in groups, or does not list at all (SPEC §3.6, §9 q.10).
const UNSUPPORTED: [&str; 9] = [
    "interactive",
    "location",
    "contacts",
    "sticker",
    "reaction",
    "order",
    "product",
    "call",
    "view_once",
];
/// Most pins a group keeps (SPEC §3.5).
const PIN_CAP: i64 = 3;

/// Sends a message; the answer carries the wamid and statuses follow by webhook.
pub async fn send(
    state: &SandboxState,
    number: &Number,
    bytes: &[u8],
) -> Result<Json<Value>, MetaError> {
    let body = JsonBody::parse(bytes)?;
    body.require_whatsapp()?;
    let to = body
        .string("to")?
        .ok_or_else(|| super::body::missing("to", "Param to is required."))?;
    let kind = body
        .string("type")?
        .ok_or_else(|| super::body::missing("type", "Param type is required."))?;
    let recipient_type = body
        .string("recipient_type")?
        .unwrap_or_else(|| "individual".to_owned());
    match recipient_type.as_str() {
        "group" => send_to_group(state, number, &body, &to, &kind).await,
        "individual" => send_individual(state, number, &body, &to, &kind).await,
        _ => Err(MetaError::invalid_parameter(
            "Param recipient_type must be individual or group.",
        )),
    }
}

fn unsupported(kind: &str) -> MetaError {
    MetaError::new(
        StatusCode::BAD_REQUEST,
        131051,
        "Unsupported message type",
        format!("Messages of type {kind} cannot be sent to groups."),
    )
}

async fn send_to_group(
    state: &SandboxState,
    number: &Number,
    body: &JsonBody,
    to: &str,
    kind: &str,
) -> Result<Json<Value>, MetaError> {
    number.require_eligible()?;
    let group = match lookup::group(state, to).await? {
        Some(group) if group.number.phone_number_id == number.phone_number_id => group,
        Some(_) => return Err(lookup::group_unknown()),
        None if to
            .trim_start_matches('+')
            .chars()
            .all(|c| c.is_ascii_digit()) =>
        {
            return Err(MetaError::invalid_parameter(
                "recipient_type group needs a group ID in to, not a phone number.",
            ));
        }
        None => return Err(lookup::group_unknown()),
    };
    if group.suspended {
        return Err(lookup::group_suspended());
    }
    if UNSUPPORTED.contains(&kind) {
        return Err(unsupported(kind));
    }
    let content = body.get(kind).cloned().unwrap_or(Value::Null);
    let template_category = validate(state, number, &group.wa_group_id, kind, &content).await?;
    if lookup::participant_count(state, &group.wa_group_id).await? == 0 {
        return Err(MetaError::new(
            StatusCode::BAD_REQUEST,
            131020,
            "Bad Group",
            "Cannot send messages to a group that has only one member.",
        ));
    }

    // Echoed in every status of the message, like Meta does.
    let tag = body.string("biz_opaque_callback_data")?;
    if tag.as_ref().is_some_and(|tag| tag.chars().count() > 512) {
        return Err(MetaError::invalid_parameter(
            "Param biz_opaque_callback_data must be at most 512 characters.",
        ));
    }
    let wamid = ids::wamid();
    let category = pricing_category(template_category.as_deref());
    let mut tx = state.pool.begin().await.map_err(internal)?;
    sqlx::query!(
        r#"insert into sandbox.message (wamid, wa_group_id, direction, message_type, content, pricing_category)
           values ($1, $2, 'outbound', $3, $4, $5)"#,
        wamid,
        group.wa_group_id,
        kind,
        content,
        category,
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    if kind == "pin" {
        apply_pin(&mut tx, &group.wa_group_id, &content).await?;
    }
    statuses::schedule_outbound(state, &mut tx, &group, &wamid, category, tag.as_deref()).await?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();

    let mut message = json!({ "id": wamid });
    if kind != "pin" {
        message["group_id"] = json!(group.wa_group_id);
    }
    Ok(Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{ "input": group.wa_group_id, "wa_id": group.wa_group_id }],
        "messages": [message],
    })))
}

/// Checks the content object of a group message by type; for a template, answers its category.
async fn validate(
    state: &SandboxState,
    number: &Number,
    wa_group_id: &str,
    kind: &str,
    content: &Value,
) -> Result<Option<String>, MetaError> {
    match kind {
        "text" => {
            let text = content.get("body").and_then(Value::as_str).unwrap_or("");
            if text.trim().is_empty() {
                return Err(super::body::missing(
                    "text.body",
                    "Param text.body is required.",
                ));
            }
            if text.chars().count() > 4096 {
                return Err(MetaError::invalid_parameter(
                    "Param text.body must be at most 4096 characters.",
                ));
            }
        }
        "image" | "video" | "audio" | "document" => {
            let id = content.get("id").and_then(Value::as_str);
            let link = content.get("link").and_then(Value::as_str);
            match (id, link) {
                (Some(id), _) => {
                    let known = sqlx::query_scalar!(
                        r#"select exists(select 1 from sandbox.media where media_id = $1 and phone_number_id = $2) as "e!""#,
                        id,
                        number.phone_number_id
                    )
                    .fetch_one(&state.pool)
                    .await
                    .map_err(internal)?;
                    if !known {
                        return Err(MetaError::invalid_parameter(format!(
                            "Media {id} does not exist."
                        )));
                    }
                }
                (None, Some(link))
                    if link.starts_with("https://") || link.starts_with("http://") => {}
                _ => {
                    return Err(super::body::missing(
                        kind,
                        "The media object needs an id or an http(s) link.",
                    ));
                }
            }
        }
        "template" => {
            require_template_name(content)?;
            let category = template_check::check(state, number, content, true).await?;
            return Ok(Some(category));
        }
        "pin" => validate_pin(state, wa_group_id, content).await?,
        _ => {
            return Err(MetaError::invalid_parameter(format!(
                "Param type {kind} is not a valid message type."
            )));
        }
    }
    Ok(None)
}

/// `template.name` and `template.language.code` must be given (131008).
fn require_template_name(template: &Value) -> Result<(), MetaError> {
    let name = template.get("name").and_then(Value::as_str).unwrap_or("");
    let language = template
        .pointer("/language/code")
        .and_then(Value::as_str)
        .unwrap_or("");
    if name.is_empty() || language.is_empty() {
        return Err(super::body::missing(
            "template",
            "Params template.name and template.language.code are required.",
        ));
    }
    Ok(())
}

async fn validate_pin(
    state: &SandboxState,
    wa_group_id: &str,
    pin: &Value,
) -> Result<(), MetaError> {
    let action = pin.get("type").and_then(Value::as_str).unwrap_or("");
    let message_id = pin.get("message_id").and_then(Value::as_str).unwrap_or("");
    if action != "pin" && action != "unpin" {
        return Err(MetaError::invalid_parameter(
            "Param pin.type must be pin or unpin.",
        ));
    }
    if message_id.is_empty() {
        return Err(super::body::missing(
            "pin.message_id",
            "Param pin.message_id is required.",
        ));
    }
    if action == "pin" {
        let days = pin.get("expiration_days").and_then(Value::as_i64);
        if !days.is_some_and(|days| (1..=30).contains(&days)) {
            return Err(MetaError::invalid_parameter(
                "Param pin.expiration_days must be between 1 and 30.",
            ));
        }
    }
    let known = sqlx::query_scalar!(
        r#"select exists(select 1 from sandbox.message where wamid = $1 and wa_group_id = $2 and message_type <> 'pin') as "e!""#,
        message_id,
        wa_group_id
    )
    .fetch_one(&state.pool)
    .await
    .map_err(internal)?;
    if known {
        Ok(())
    } else {
        Err(MetaError::invalid_parameter(format!(
            "Message {message_id} is not a message of this group."
        )))
    }
}

/// Pins (dropping the oldest beyond three) or unpins.
async fn apply_pin(
    tx: &mut sqlx::PgConnection,
    wa_group_id: &str,
    pin: &Value,
) -> Result<(), MetaError> {
    let message_id = pin.get("message_id").and_then(Value::as_str).unwrap_or("");
    if pin.get("type").and_then(Value::as_str) == Some("unpin") {
        sqlx::query!(
            "delete from sandbox.pin where wa_group_id = $1 and wamid = $2",
            wa_group_id,
            message_id
        )
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        return Ok(());
    }
    let days = pin
        .get("expiration_days")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    sqlx::query!(
        r#"insert into sandbox.pin (wa_group_id, wamid, expires_at)
           values ($1, $2, now() + make_interval(days => $3::int))
           on conflict (wa_group_id, wamid) do update set pinned_at = now(), expires_at = excluded.expires_at"#,
        wa_group_id,
        message_id,
        i32::try_from(days).unwrap_or(1),
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    sqlx::query!(
        r#"delete from sandbox.pin where wa_group_id = $1 and wamid in (
             select wamid from sandbox.pin where wa_group_id = $1
             order by pinned_at desc offset $2)"#,
        wa_group_id,
        PIN_CAP
    )
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    Ok(())
}

/// The pricing category of an outbound message (SPEC §7): marketing templates are marketing,
/// other templates utility, everything else service.
fn pricing_category(template_category: Option<&str>) -> &'static str {
    match template_category {
        None => "group_service",
        Some("MARKETING") => "group_marketing",
        Some(_) => "group_utility",
    }
}

/// A 1:1 send: the group invite template (SPEC §2.9) or a plain message.
async fn send_individual(
    state: &SandboxState,
    number: &Number,
    body: &JsonBody,
    to: &str,
    kind: &str,
) -> Result<Json<Value>, MetaError> {
    if lookup::group(state, to).await?.is_some() {
        return Err(MetaError::invalid_parameter(
            "A group ID needs recipient_type group.",
        ));
    }
    let digits: String = to.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 6 || digits.len() > 20 {
        return Err(MetaError::invalid_parameter(
            "Param to must be a phone number in international format.",
        ));
    }
    if kind != "template" && kind != "text" {
        return Err(unsupported(kind));
    }
    let content = body.get(kind).cloned().unwrap_or(Value::Null);
    if kind == "template" {
        require_template_name(&content)?;
        template_check::check(state, number, &content, false).await?;
        super::invite_check::check(state, number, &content).await?;
    }
    let wamid = ids::wamid();
    let status = json!({
        "id": wamid,
        "status": "sent",
        "timestamp": deliver::timestamp(),
        "recipient_id": digits,
    });
    let envelope = deliver::messages_envelope(number, json!({ "statuses": [status] }));
    let mut tx = state.pool.begin().await.map_err(internal)?;
    deliver::enqueue(&mut tx, &envelope, state.settings.webhook_delay)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    state.wake.notify_one();
    Ok(Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{ "input": to, "wa_id": digits }],
        "messages": [{ "id": wamid }],
    })))
}
