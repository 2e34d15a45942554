//! Templates as GroupDesk offers them, shared by the browser and the server: the placeholders of
//! a template's text, filling them in (with the same checks on both sides), and the preview.

use super::text;
use crate::AppError;
use serde::{Deserialize, Serialize};

/// The most characters of a template body once filled in (WhatsApp's limit).
pub const BODY_MAX_CHARS: usize = 1024;
/// The most characters of a text header once filled in (WhatsApp's limit).
pub const HEADER_MAX_CHARS: usize = 60;
/// The `library_template_name` of the Template Library's group invite template (SPEC §2.9).
pub const INVITE_LIBRARY_NAME: &str = "group_invite_link";

/// What a template is picked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A message to a group's chat: approved marketing or utility templates whose fields are
    /// text (not the invite template, whose field is a group).
    #[default]
    GroupMessage,
    /// A 1:1 invitation to a group: the Template Library's group invite template (SPEC §2.9).
    GroupInvite,
}

/// Which part of a template a field fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The text header.
    Header,
    /// The body.
    Body,
}

/// One field to fill in: a placeholder such as `{{1}}` or `{{first_name}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Header or body.
    pub part: Part,
    /// What is between the braces: `1`, or a name.
    pub key: String,
    /// Meta's example value, shown as a hint.
    pub example: Option<String>,
}

impl Slot {
    /// The placeholder as written in the template: `{{1}}`.
    pub fn placeholder(&self) -> String {
        format!("{{{{{}}}}}", self.key)
    }
}

/// A template GroupDesk may offer, with what is needed to fill and preview it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateView {
    /// The name a send refers to.
    pub name: String,
    /// Its language code, for example `en_US`.
    pub language: String,
    /// `MARKETING` or `UTILITY`.
    pub category: String,
    /// The text header, with placeholders.
    pub header: Option<String>,
    /// The body, with placeholders.
    pub body: String,
    /// The footer (no placeholders).
    pub footer: Option<String>,
    /// Named placeholders (`{{first_name}}`) rather than numbered ones.
    pub named: bool,
    /// The fields, header first, in the order they are sent.
    pub slots: Vec<Slot>,
    /// The Template Library entry it comes from, if any.
    pub library: Option<String>,
}

/// A template's fields filled in and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The text the chat shows: header, body and footer filled in.
    pub text: String,
    /// The send's `components`: header and body parameters (SPEC §3.1, the 1:1 template object).
    pub components: Vec<serde_json::Value>,
}

impl TemplateView {
    /// The key a picker uses for it: name and language.
    pub fn key(&self) -> String {
        format!("{}|{}", self.name, self.language)
    }

    /// Whether it suits `purpose`.
    pub fn suits(&self, purpose: Purpose) -> bool {
        let invite = self.library.as_deref() == Some(INVITE_LIBRARY_NAME);
        match purpose {
            Purpose::GroupMessage => !invite,
            Purpose::GroupInvite => invite,
        }
    }

    /// The category as a person reads it.
    pub fn category_label(&self) -> &'static str {
        match self.category.as_str() {
            "MARKETING" => text::CATEGORY_MARKETING,
            "UTILITY" => text::CATEGORY_UTILITY,
            _ => text::CATEGORY_OTHER,
        }
    }

    /// The header, body and footer with `values` in place; an empty value leaves its
    /// placeholder, so a preview shows what is still missing.
    pub fn preview(&self, values: &[String]) -> String {
        let value = |part: Part, key: &str| {
            self.slots
                .iter()
                .position(|slot| slot.part == part && slot.key == key)
                .and_then(|index| values.get(index))
                .map(|value| value.trim())
                .filter(|value| !value.is_empty())
                .map(str::to_owned)
        };
        let header = self
            .header
            .as_deref()
            .map(|header| substitute(header, |key| value(Part::Header, key)));
        let body = substitute(&self.body, |key| value(Part::Body, key));
        [header, Some(body), self.footer.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Checks `values` (one per slot, in order) and builds the send's components. Every field is
    /// required; values are one line (WhatsApp refuses line breaks and tabs in parameters).
    pub fn fill(&self, values: &[String]) -> Result<Filled, AppError> {
        if values.len() != self.slots.len() {
            return Err(AppError::validation(
                "values",
                format!("{} {}", text::FIELD_COUNT, self.slots.len()),
            ));
        }
        let mut checked = Vec::with_capacity(values.len());
        for (index, (slot, raw)) in self.slots.iter().zip(values).enumerate() {
            checked.push(check_value(index, slot, raw)?);
        }
        let filled = self.preview(&checked);
        let body = substitute(&self.body, |key| {
            self.slots
                .iter()
                .zip(&checked)
                .find(|(slot, _)| slot.part == Part::Body && slot.key == key)
                .map(|(_, value)| value.clone())
        });
        if body.chars().count() > BODY_MAX_CHARS {
            return Err(AppError::validation("values", text::BODY_TOO_LONG));
        }
        if let Some(header) = &self.header {
            let header = substitute(header, |key| {
                self.slots
                    .iter()
                    .zip(&checked)
                    .find(|(slot, _)| slot.part == Part::Header && slot.key == key)
                    .map(|(_, value)| value.clone())
            });
            if header.chars().count() > HEADER_MAX_CHARS {
                return Err(AppError::validation("values", text::HEADER_TOO_LONG));
            }
        }
        Ok(Filled {
            text: filled,
            components: self.components(&checked),
        })
    }

    fn components(&self, values: &[String]) -> Vec<serde_json::Value> {
        [Part::Header, Part::Body]
            .into_iter()
            .filter_map(|part| {
                let parameters: Vec<serde_json::Value> = self
                    .slots
                    .iter()
                    .zip(values)
                    .filter(|(slot, _)| slot.part == part)
                    .map(|(slot, value)| {
                        let mut parameter = serde_json::json!({ "type": "text", "text": value });
                        if self.named {
                            parameter["parameter_name"] = serde_json::json!(slot.key);
                        }
                        parameter
                    })
                    .collect();
                let kind = match part {
                    Part::Header => "header",
                    Part::Body => "body",
                };
                (!parameters.is_empty())
                    .then(|| serde_json::json!({ "type": kind, "parameters": parameters }))
            })
            .collect()
    }
}

fn check_value(index: usize, slot: &Slot, raw: &str) -> Result<String, AppError> {
    let field = format!("values[{index}]");
    let value = raw.trim();
    if value.is_empty() {
        return Err(AppError::validation(
            &field,
            format!(
                "{} {} {}",
                text::FILL_IN,
                slot.placeholder(),
                text::ALL_REQUIRED
            ),
        ));
    }
    if value.contains(['\n', '\r', '\t']) || value.contains("    ") {
        return Err(AppError::validation(
            &field,
            format!("{} {}", slot.placeholder(), text::ONE_LINE),
        ));
    }
    Ok(value.to_owned())
}

/// The distinct placeholders of `text` in order of first appearance: `{{1}}` gives `1`,
/// `{{ first_name }}` gives `first_name`. Anything else between braces is left as text.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for (_, key) in scan(text) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The fields of `text` in the order a send lists their parameters: numbered ones by number,
/// named ones in order of first appearance.
pub fn ordered_placeholders(text: &str) -> Vec<String> {
    let mut keys = placeholders(text);
    if keys
        .iter()
        .all(|key| key.bytes().all(|b| b.is_ascii_digit()))
    {
        keys.sort_by_key(|key| key.parse::<u32>().unwrap_or(u32::MAX));
    }
    keys
}

/// `text` with each placeholder replaced by `value(key)`, or kept when that is `None`.
pub fn substitute(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (range, key) in scan(text) {
        out.push_str(&text[rest..range.start]);
        match value(&key) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&text[range.clone()]),
        }
        rest = range.end;
    }
    out.push_str(&text[rest..]);
    out
}

/// The placeholders of `text`: where each is and its key.
fn scan(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|at| at + from) {
        let Some(close) = text[open + 2..].find("}}").map(|at| at + open + 2) else {
            break;
        };
        let key = text[open + 2..close].trim();
        if is_key(key) {
            found.push((open..close + 2, key.to_owned()));
            from = close + 2;
        } else {
            from = open + 2;
        }
    }
    found
}

fn is_key(key: &str) -> bool {
    let numbered = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
    let named = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    numbered || named
}

#[cfg(test)]
#[path = "domain_tests.rs"]
mod tests;
