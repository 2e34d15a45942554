use super::*;

fn reminder() -> TemplateView {
    TemplateView {
        name: "event_reminder".into(),
        language: "en_US".into(),
        category: "UTILITY".into(),
        header: Some("Reminder for {{1}}".into()),
        body: "Hi all, {{1}} starts at {{2}}. See you there, {{1}}!".into(),
        footer: Some("Sent with GroupDesk".into()),
        named: false,
        slots: vec![
            Slot {
                part: Part::Header,
                key: "1".into(),
                example: None,
            },
            Slot {
                part: Part::Body,
                key: "1".into(),
                example: Some("Book club".into()),
            },
            Slot {
                part: Part::Body,
                key: "2".into(),
                example: None,
            },
        ],
        library: None,
    }
}

fn values(raw: &[&str]) -> Vec<String> {
    raw.iter().map(|value| (*value).to_owned()).collect()
}

#[test]
fn placeholders_are_numbered_or_named_and_other_braces_stay_text() {
    assert_eq!(placeholders("Hi {{1}}, {{2}} and {{1}}"), ["1", "2"]);
    assert_eq!(
        placeholders("{{ first_name }} at {{shop}}; {{Not Key}} {{}} {{x"),
        ["first_name", "shop"]
    );
    assert_eq!(ordered_placeholders("{{2}} before {{1}}"), ["1", "2"]);
    assert_eq!(ordered_placeholders("{{b}} before {{a}}"), ["b", "a"]);
    assert_eq!(
        substitute("{{1}} & {{ 2 }} {{x y}}", |key| (key == "2")
            .then(|| "two".into())),
        "{{1}} & two {{x y}}"
    );
}

#[test]
fn a_preview_fills_what_is_given_and_keeps_the_rest_as_placeholders() {
    let template = reminder();
    assert_eq!(
        template.preview(&values(&["Friday", " Book club ", ""])),
        "Reminder for Friday\nHi all, Book club starts at {{2}}. See you there, Book club!\nSent with GroupDesk"
    );
}

#[test]
fn filling_checks_every_field_and_builds_header_and_body_parameters() {
    let template = reminder();
    let filled = template
        .fill(&values(&["Friday", "Book club", "7 pm"]))
        .unwrap();
    assert_eq!(
        filled.text,
        "Reminder for Friday\nHi all, Book club starts at 7 pm. See you there, Book club!\nSent with GroupDesk"
    );
    assert_eq!(
        filled.components,
        vec![
            serde_json::json!({"type": "header", "parameters": [{"type": "text", "text": "Friday"}]}),
            serde_json::json!({"type": "body", "parameters": [
                {"type": "text", "text": "Book club"}, {"type": "text", "text": "7 pm"}]}),
        ]
    );

    let missing = template
        .fill(&values(&["Friday", "  ", "7 pm"]))
        .unwrap_err();
    assert_eq!(missing.field(), Some("values[1]"));
    assert_eq!(
        missing.to_string(),
        "Fill in {{1}} (every field of the template is required)."
    );
    let two_lines = template
        .fill(&values(&["Friday", "Book\nclub", "7 pm"]))
        .unwrap_err();
    assert!(two_lines.to_string().starts_with("{{1}} must be one line"));
    assert_eq!(
        template.fill(&values(&["Friday"])).unwrap_err().field(),
        Some("values")
    );
    let long_header = template
        .fill(&values(&[&"x".repeat(60), "a", "b"]))
        .unwrap_err();
    assert_eq!(long_header.to_string(), text::HEADER_TOO_LONG);
    let long_body = template
        .fill(&values(&["a", &"x".repeat(500), "b"]))
        .unwrap_err();
    assert_eq!(long_body.to_string(), text::BODY_TOO_LONG);
}

#[test]
fn named_fields_carry_their_parameter_name() {
    let template = TemplateView {
        name: "weekly_offer".into(),
        language: "en_US".into(),
        category: "MARKETING".into(),
        header: None,
        body: "This week at {{shop}}: {{offer}}".into(),
        footer: None,
        named: true,
        slots: ["shop", "offer"]
            .into_iter()
            .map(|key| Slot {
                part: Part::Body,
                key: key.into(),
                example: None,
            })
            .collect(),
        library: None,
    };
    let filled = template.fill(&values(&["Ana's", "20% off"])).unwrap();
    assert_eq!(filled.text, "This week at Ana's: 20% off");
    assert_eq!(
        filled.components[0]["parameters"][1],
        serde_json::json!({"type": "text", "text": "20% off", "parameter_name": "offer"})
    );
    assert_eq!(template.category_label(), text::CATEGORY_MARKETING);
}

#[test]
fn the_invite_template_suits_invitations_only() {
    let mut template = reminder();
    assert!(template.suits(Purpose::GroupMessage));
    assert!(!template.suits(Purpose::GroupInvite));
    template.library = Some(INVITE_LIBRARY_NAME.into());
    assert!(!template.suits(Purpose::GroupMessage));
    assert!(template.suits(Purpose::GroupInvite));
}

#[test]
fn a_template_without_fields_fills_with_no_values() {
    let mut template = reminder();
    template.header = None;
    template.body = "Doors open now.".into();
    template.slots.clear();
    let filled = template.fill(&[]).unwrap();
    assert_eq!(filled.text, "Doors open now.\nSent with GroupDesk");
    assert!(filled.components.is_empty());
}
