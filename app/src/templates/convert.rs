//! Which of Meta's templates GroupDesk offers, and how they look to a person.
//!
//! Offered: approved marketing and utility templates (authentication templates cannot be sent to
//! groups, SPEC §3.1, §3.6) whose fields are text: a text header or none, a body, a footer, and
//! buttons that need no values. Templates with a media header or buttons with values (a URL
//! suffix, a code to copy) are not offered yet.

use super::domain::{Part, Slot, TemplateView, ordered_placeholders};
use crate::graph::types::{MessageTemplate, TemplateCategory, TemplateComponent, TemplateStatus};

/// The view of `template` if GroupDesk offers it, else `None`.
pub fn offered(template: &MessageTemplate) -> Option<TemplateView> {
    if template.status != TemplateStatus::Approved
        || !matches!(
            template.category,
            TemplateCategory::Marketing | TemplateCategory::Utility
        )
    {
        return None;
    }
    let component = |kind: &str| {
        template
            .components
            .iter()
            .find(|component| component.kind.eq_ignore_ascii_case(kind))
    };
    let header = match component("HEADER") {
        None => None,
        Some(header) if is_text(header) => Some(header.text.clone().unwrap_or_default()),
        Some(_) => return None,
    };
    if component("BUTTONS").is_some_and(needs_values) {
        return None;
    }
    let body = component("BODY")?.text.clone()?;
    let footer = component("FOOTER").and_then(|footer| footer.text.clone());
    let named = template
        .parameter_format
        .as_deref()
        .is_some_and(|format| format.eq_ignore_ascii_case("NAMED"));
    let mut slots = Vec::new();
    if let Some(header) = &header {
        slots.extend(slots_of(
            header,
            Part::Header,
            component("HEADER").and_then(|c| c.example.as_ref()),
        ));
    }
    slots.extend(slots_of(
        &body,
        Part::Body,
        component("BODY").and_then(|c| c.example.as_ref()),
    ));
    Some(TemplateView {
        name: template.name.clone(),
        language: template.language.clone(),
        category: template.category.as_str().to_owned(),
        header,
        body,
        footer,
        named,
        slots,
        library: template.library_template_name.clone(),
    })
}

fn is_text(header: &TemplateComponent) -> bool {
    header
        .format
        .as_deref()
        .is_none_or(|format| format.eq_ignore_ascii_case("TEXT"))
}

/// Buttons that need a value at send time: a URL with a placeholder, or anything but a quick
/// reply, a plain URL or a phone number.
fn needs_values(buttons: &TemplateComponent) -> bool {
    buttons.buttons.iter().flatten().any(|button| {
        let kind = button
            .get("type")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_ascii_uppercase();
        let url = button
            .get("url")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        match kind.as_str() {
            "QUICK_REPLY" | "PHONE_NUMBER" => false,
            "URL" => url.contains("{{"),
            _ => true,
        }
    })
}

/// The fields of one part, with Meta's example values when it gives them.
fn slots_of(text: &str, part: Part, example: Option<&serde_json::Value>) -> Vec<Slot> {
    let keys = ordered_placeholders(text);
    keys.iter()
        .enumerate()
        .map(|(index, key)| Slot {
            part,
            key: key.clone(),
            example: example.and_then(|example| example_for(example, part, index, key)),
        })
        .collect()
}

/// Meta's examples: `body_text: [[...]]`, `header_text: [...]`, or named
/// `body_text_named_params: [{param_name, example}]` / `header_text_named_params`.
fn example_for(example: &serde_json::Value, part: Part, index: usize, key: &str) -> Option<String> {
    let (positional, named) = match part {
        Part::Header => (
            example.pointer(&format!("/header_text/{index}")),
            example.get("header_text_named_params"),
        ),
        Part::Body => (
            example.pointer(&format!("/body_text/0/{index}")),
            example.get("body_text_named_params"),
        ),
    };
    let from_named = named
        .and_then(serde_json::Value::as_array)
        .and_then(|params| {
            params
                .iter()
                .find(|param| param.get("param_name").and_then(|n| n.as_str()) == Some(key))
        })
        .and_then(|param| param.get("example"));
    from_named
        .or(positional)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(json: serde_json::Value) -> MessageTemplate {
        let mut base = serde_json::json!({"id": "1", "name": "t", "language": "en_US",
            "status": "APPROVED", "category": "UTILITY",
            "components": [{"type": "BODY", "text": "Hi {{1}}",
                            "example": {"body_text": [["Ann"]]}}]});
        for (key, value) in json.as_object().unwrap() {
            base[key] = value.clone();
        }
        serde_json::from_value(base).unwrap()
    }

    #[test]
    fn only_approved_marketing_and_utility_templates_are_offered() {
        let view = offered(&template(serde_json::json!({}))).unwrap();
        assert_eq!(view.slots.len(), 1);
        assert_eq!(view.slots[0].example.as_deref(), Some("Ann"));
        assert!(offered(&template(serde_json::json!({"status": "PENDING"}))).is_none());
        assert!(offered(&template(serde_json::json!({"category": "AUTHENTICATION"}))).is_none());
        assert!(offered(&template(serde_json::json!({"category": "MARKETING"}))).is_some());
    }

    #[test]
    fn media_headers_and_buttons_with_values_are_not_offered_yet() {
        let image = serde_json::json!({"components": [
            {"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Hi"}]});
        assert!(offered(&template(image)).is_none());
        let url = serde_json::json!({"components": [{"type": "BODY", "text": "Hi"},
            {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Go", "url": "https://x/{{1}}"}]}]});
        assert!(offered(&template(url)).is_none());
        let plain = serde_json::json!({"components": [
            {"type": "HEADER", "format": "TEXT", "text": "News for {{1}}", "example": {"header_text": ["May"]}},
            {"type": "BODY", "text": "Hi {{2}} and {{1}}"}, {"type": "FOOTER", "text": "Bye"},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Stop"},
                                            {"type": "URL", "text": "Site", "url": "https://x"}]}]});
        let view = offered(&template(plain)).unwrap();
        let keys: Vec<(Part, &str)> = view
            .slots
            .iter()
            .map(|slot| (slot.part, slot.key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [(Part::Header, "1"), (Part::Body, "1"), (Part::Body, "2")]
        );
        assert_eq!(view.slots[0].example.as_deref(), Some("May"));
        assert_eq!(view.footer.as_deref(), Some("Bye"));
    }

    #[test]
    fn named_examples_are_found_by_name() {
        let named = serde_json::json!({"parameter_format": "NAMED", "components": [
            {"type": "BODY", "text": "At {{shop}}: {{offer}}",
             "example": {"body_text_named_params": [{"param_name": "offer", "example": "20% off"}]}}]});
        let view = offered(&template(named)).unwrap();
        assert!(view.named);
        assert_eq!(view.slots[0].example, None);
        assert_eq!(view.slots[1].example.as_deref(), Some("20% off"));
    }
}
