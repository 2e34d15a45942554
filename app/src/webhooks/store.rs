//! Durable storage of verified webhooks, before the sender is answered.
//!
//! A body is split into its events (one row each): an event of a `groups` list, one inbound
//! message, or one status. Each row keeps its envelope, entry and change around the one event, so
//! it reads like a webhook of its own and nothing Meta sent is lost. Each event gets a dedup key
//! (SPEC §1.8: `request_id` + `type` + group for group events, `id` + `status` + participant for
//! statuses, the message `id` for messages; otherwise a hash of the event), so a redelivery is a
//! no-op even when Meta batches it with other events the second time. Each row also gets a lane:
//! events of one group share a lane, and a lane is applied by one worker at a time, in order.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// How many lanes the queue has; events of one group always land in the same one.
pub const LANES: i16 = 16;

/// One event of a webhook, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// Makes a redelivery a no-op.
    pub dedup_key: String,
    /// The event inside its envelope, entry and change, as JSON.
    pub body: Vec<u8>,
    /// The business number it is for, which routes it to a tenant.
    pub phone_number_id: Option<String>,
    /// Its queue lane (see [`LANES`]).
    pub lane: i16,
}

/// Splits a verified webhook body (already known to be JSON) into its events.
pub fn split(body: &Value) -> Vec<EventRow> {
    let mut rows = Vec::new();
    let top = without(body, &["entry"]);
    for entry in list(body.get("entry")) {
        let entry_shell = without(entry, &["changes"]);
        for change in list(entry.get("changes")) {
            let field = change.get("field").and_then(Value::as_str).unwrap_or("");
            let change_shell = without(change, &["value"]);
            let value = change.get("value").unwrap_or(&Value::Null);
            let pnid = value
                .get("metadata")
                .and_then(|metadata| metadata.get("phone_number_id"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            let number = pnid.as_deref().unwrap_or("");
            for (event, key, group) in events_of(field, value) {
                let mut change = change_shell.clone();
                change.insert("value".into(), event);
                let mut entry = entry_shell.clone();
                entry.insert("changes".into(), Value::Array(vec![Value::Object(change)]));
                let mut unit = top.clone();
                unit.insert("entry".into(), Value::Array(vec![Value::Object(entry)]));
                let bytes = Value::Object(unit).to_string().into_bytes();
                let dedup_key = match key {
                    Some(key) => format!("{number}/{field}/{key}"),
                    None => format!("{number}/{field}/sha256:{}", sha256(&bytes)),
                };
                rows.push(EventRow {
                    dedup_key,
                    lane: lane(&format!("{number}/{}", group.unwrap_or_default())),
                    phone_number_id: pnid.clone(),
                    body: bytes,
                });
            }
        }
    }
    rows
}

/// A copy of an object without some keys (an empty object for anything else).
fn without(value: &Value, keys: &[&str]) -> Map<String, Value> {
    value
        .as_object()
        .map(|map| {
            map.iter()
                .filter(|(key, _)| !keys.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The events of one change value: `(value with only that event, dedup key, group)`. A change
/// this version does not split is one event, keyed by its hash.
fn events_of(field: &str, value: &Value) -> Vec<(Value, Option<String>, Option<String>)> {
    let shell = without(value, &["groups", "messages", "statuses"]);
    let with = |key: &str, items: Vec<Value>| {
        let mut value = shell.clone();
        value.insert(key.into(), Value::Array(items));
        Value::Object(value)
    };
    let mut events = Vec::new();
    match field {
        "group_lifecycle_update"
        | "group_participants_update"
        | "group_settings_update"
        | "group_status_update" => {
            let items = list(value.get("groups"));
            for (index, item) in items.iter().enumerate() {
                if is_stray_initiator(item) {
                    continue;
                }
                let mut own = vec![item.clone()];
                // `{"initiated_by"}` standing alone covers the events before it (SPEC §9.16).
                if let Some(stray) = items[index..].iter().find(|item| is_stray_initiator(item)) {
                    own.push(stray.clone());
                }
                let key = text(item, "request_id")
                    .or_else(|| text(item, "join_request_id"))
                    .map(|id| {
                        let kind = text(item, "type").unwrap_or_default();
                        let group = text(item, "group_id").unwrap_or_default();
                        format!("{kind}/{group}/{id}")
                    });
                events.push((with("groups", own), key, text(item, "group_id")));
            }
        }
        "messages" => {
            for message in list(value.get("messages")) {
                let key = text(message, "id").map(|id| format!("message/{id}"));
                let group = text(message, "group_id");
                events.push((with("messages", vec![message.clone()]), key, group));
            }
            for status in list(value.get("statuses")) {
                let participant = [
                    "recipient_participant_id",
                    "participant_recipient_id",
                    "recipient_participant_user_id",
                    "recipient_user_id",
                ]
                .iter()
                .find_map(|key| text(status, key))
                .unwrap_or_default();
                let key = text(status, "id").map(|id| {
                    let state = text(status, "status").unwrap_or_default();
                    format!("status/{id}/{state}/{participant}")
                });
                let group = text(status, "recipient_id");
                events.push((with("statuses", vec![status.clone()]), key, group));
            }
        }
        _ => {}
    }
    if events.is_empty() {
        events.push((value.clone(), None, None));
    }
    events
}

fn list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn is_stray_initiator(item: &Value) -> bool {
    item.as_object()
        .is_some_and(|map: &Map<String, Value>| map.len() == 1 && map.contains_key("initiated_by"))
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The lane of a group (a stable hash, the same in every process and version).
fn lane(group: &str) -> i16 {
    let digest = Sha256::digest(group.as_bytes());
    let n = u16::from_be_bytes([digest[0], digest[1]]);
    (n % LANES.unsigned_abs()) as i16
}

/// Stores the events of many webhooks in one multi-row insert and one transaction (group
/// commit). Returns, per row, whether it was new (false: stored before, or earlier in `rows`).
/// Commits before returning, so `Ok` means every row is durable.
pub async fn store_rows(pool: &PgPool, rows: &[EventRow]) -> Result<Vec<bool>, sqlx::Error> {
    let keys: Vec<&str> = rows.iter().map(|row| row.dedup_key.as_str()).collect();
    let bodies: Vec<&[u8]> = rows.iter().map(|row| row.body.as_slice()).collect();
    let numbers: Vec<Option<&str>> = rows
        .iter()
        .map(|row| row.phone_number_id.as_deref())
        .collect();
    let lanes: Vec<i16> = rows.iter().map(|row| row.lane).collect();
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query_scalar!(
        r#"insert into webhook_event (dedup_key, raw_body, phone_number_id, lane)
           select * from unnest($1::text[], $2::bytea[], $3::text[], $4::int2[])
           on conflict (dedup_key) do nothing
           returning dedup_key"#,
        &keys as &[&str],
        &bodies as &[&[u8]],
        &numbers as &[Option<&str>],
        &lanes,
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let mut new: std::collections::HashSet<String> = inserted.into_iter().collect();
    Ok(rows.iter().map(|row| new.remove(&row.dedup_key)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn statuses(items: Value) -> Value {
        json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{
            "field": "messages", "value": {"messaging_product": "whatsapp",
            "metadata": {"phone_number_id": "P"}, "statuses": items}}]}]})
    }

    #[test]
    fn a_status_redelivered_in_another_batch_has_the_same_key_and_row() {
        let read = |who: &str| {
            json!({"id": "wamid.1", "status": "read", "timestamp": "1", "recipient_id": "G",
                   "recipient_type": "group", "recipient_participant_id": who})
        };

        let first = split(&statuses(json!([read("A"), read("B")])));
        let again = split(&statuses(json!([read("C"), read("B")])));

        assert_eq!(first.len(), 2);
        assert_eq!(first[1], again[1]);
        assert_eq!(first[1].dedup_key, "P/messages/status/wamid.1/read/B");
        assert_ne!(first[0].dedup_key, again[0].dedup_key);
        assert_eq!(first[0].lane, first[1].lane, "one group, one lane");
    }

    #[test]
    fn a_group_event_is_keyed_by_request_type_and_group_and_keeps_its_stray_initiator() {
        let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "W", "changes": [{
            "field": "group_participants_update", "value": {"metadata": {"phone_number_id": "P"},
            "groups": [{"type": "group_participants_remove", "group_id": "G", "request_id": "R1"},
                       {"initiated_by": "business"}]}}]}]});

        let rows = split(&body);

        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].dedup_key,
            "P/group_participants_update/group_participants_remove/G/R1"
        );
        let stored: Value = serde_json::from_slice(&rows[0].body).unwrap();
        assert_eq!(
            stored["entry"][0]["changes"][0]["value"]["groups"][1],
            json!({"initiated_by": "business"})
        );
    }

    #[test]
    fn an_event_without_an_id_is_keyed_by_its_content_and_unknown_keys_are_kept() {
        let body = json!({"object": "whatsapp_business_account", "shiny": 1, "entry": [{"id": "W",
            "time": 5, "changes": [{"field": "brand_new", "value": {"x": [1, 2]}}]}]});

        let rows = split(&body);

        assert_eq!(rows.len(), 1);
        assert!(rows[0].dedup_key.starts_with("/brand_new/sha256:"));
        let stored: Value = serde_json::from_slice(&rows[0].body).unwrap();
        assert_eq!(stored["shiny"], json!(1));
        assert_eq!(stored["entry"][0]["time"], json!(5));
        assert_eq!(
            stored["entry"][0]["changes"][0]["value"],
            json!({"x": [1, 2]})
        );
    }
}
