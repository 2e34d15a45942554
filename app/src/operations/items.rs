//! Per-item outcomes: which participant of a removal, which setting of a change, succeeded or
//! failed and why, read from what was asked and what the webhook reported.

use super::list::OperationItem;
use super::text;
use serde_json::Value;

const PENDING: &str = "pending";
const DONE: &str = "done";
const FAILED: &str = "failed";

/// The items of an operation; empty for kinds without items or operations asked before items
/// were recorded.
pub fn items(
    kind: &str,
    state: &str,
    asked: Option<&Value>,
    errors: Option<&Value>,
) -> Vec<OperationItem> {
    let Some(asked) = asked else {
        return Vec::new();
    };
    match kind {
        "participants_remove" => removal_items(state, asked, errors),
        "group_settings_update" => settings_items(state, asked, errors),
        _ => Vec::new(),
    }
}

/// The explanation of the first error code in `errors` (a list of Meta error objects).
fn reason(errors: Option<&Value>) -> Option<String> {
    let code = errors?.as_array()?.iter().find_map(|error| {
        let code = error.get("code")?;
        code.as_i64()
            .or_else(|| code.as_str().and_then(|text| text.parse().ok()))
    });
    Some(match code {
        Some(code) => format!("{} (Meta error {code})", crate::graph::explain(code)),
        None => crate::graph::explain(-1).to_owned(),
    })
}

fn same_user(input: &str, asked: &str) -> bool {
    input == asked
        || matches!(
            (crate::ids::phone_digits(input), crate::ids::phone_digits(asked)),
            (Some(a), Some(b)) if a == b
        )
}

fn removal_items(state: &str, asked: &Value, failed: Option<&Value>) -> Vec<OperationItem> {
    let users = asked["participants"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let failed: Vec<Value> = failed
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    users
        .iter()
        .filter_map(Value::as_str)
        .map(|user| {
            let failure = failed.iter().find(|item| {
                item["input"]
                    .as_str()
                    .or_else(|| item["wa_id"].as_str())
                    .is_some_and(|input| same_user(input, user))
            });
            let (state, reason) = match (state, failure) {
                (PENDING, _) => (PENDING, None),
                (_, Some(item)) => (FAILED, reason(item.get("errors"))),
                ("failed", None) => (FAILED, reason(None)),
                _ => (DONE, None),
            };
            OperationItem {
                label: user.to_owned(),
                state: state.to_owned(),
                reason,
            }
        })
        .collect()
}

fn settings_items(state: &str, asked: &Value, event: Option<&Value>) -> Vec<OperationItem> {
    [
        ("subject", "group_subject", text::ITEM_SUBJECT),
        ("description", "group_description", text::ITEM_DESCRIPTION),
        ("picture", "profile_picture", text::ITEM_PICTURE),
        // No outcome object of its own: it follows the operation (see webhooks::apply::settings).
        (
            "join_approval_mode",
            "join_approval_mode",
            text::ITEM_APPROVAL_MODE,
        ),
    ]
    .into_iter()
    .filter_map(|(asked_key, event_key, label)| {
        let value = asked.get(asked_key)?.as_str()?;
        let value = crate::groups::domain::JoinApprovalMode::parse(value)
            .map(|mode| mode.label())
            .unwrap_or(value);
        let outcome = event.and_then(|event| event.get(event_key));
        let failed = outcome
            .and_then(|outcome| outcome.get("update_successful"))
            .and_then(|ok| ok.as_bool().or_else(|| ok.as_str().map(|s| s == "true")))
            .map(|ok| !ok);
        let (state, reason) = match (state, failed) {
            (PENDING, _) => (PENDING, None),
            (_, Some(true)) => (FAILED, reason(outcome.and_then(|o| o.get("errors")))),
            ("failed", None) => (FAILED, reason(event.and_then(|e| e.get("errors")))),
            _ => (DONE, None),
        };
        Some(OperationItem {
            label: format!("{label}: {value}"),
            state: state.to_owned(),
            reason,
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_partial_removal_explains_each_failed_participant() {
        let asked = json!({ "participants": ["15550001", "15550002"] });
        let failed = json!([{ "input": "+15550002", "errors": [{ "code": 131212 }] }]);
        let items = items(
            "participants_remove",
            "partially_failed",
            Some(&asked),
            Some(&failed),
        );
        assert_eq!(items[0].state, "done");
        assert_eq!(items[1].state, "failed");
        assert!(items[1].reason.as_deref().unwrap().contains("131212"));
        let pending = items_of("pending", &asked);
        assert!(pending.iter().all(|item| item.state == "pending"));
    }

    fn items_of(state: &str, asked: &Value) -> Vec<OperationItem> {
        items("participants_remove", state, Some(asked), None)
    }

    #[test]
    fn a_settings_change_reports_each_setting() {
        let asked = json!({ "subject": "New", "description": "Words" });
        let event = json!({
            "group_subject": { "text": "New", "update_successful": true },
            "group_description": { "text": "Words", "update_successful": false,
                                   "errors": [{ "code": "131207" }] },
        });
        let items = items(
            "group_settings_update",
            "partially_failed",
            Some(&asked),
            Some(&event),
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].state, "done");
        assert_eq!(items[1].state, "failed");
        assert!(items[1].reason.as_deref().unwrap().contains("suspended"));
    }
}
