//! `GET` and `DELETE /<WABA_ID>/message_templates`: a WABA's message templates, in the Cloud
//! API's shape (`{data: [{name, language, status, category, id, parameter_format, components}],
//! paging}`, SPEC §1.6 paging), and deleting them by name.

use super::error::MetaError;
use super::lookup::{self, Number, internal};
use super::{SandboxState, groups, template_seed};
use axum::Json;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The fields answered when the call names none (Meta's default set).
const DEFAULT_FIELDS: [&str; 7] = [
    "name",
    "parameter_format",
    "components",
    "language",
    "status",
    "category",
    "id",
];
/// Every field the sandbox knows.
const KNOWN_FIELDS: [&str; 8] = [
    "name",
    "parameter_format",
    "components",
    "language",
    "status",
    "category",
    "id",
    "library_template_name",
];
/// The largest page.
const MAX_LIMIT: i64 = 100;

/// A stored template.
#[derive(Debug, Clone)]
pub struct StoredTemplate {
    /// Meta's ID.
    pub template_id: String,
    /// Name.
    pub name: String,
    /// Language code.
    pub language: String,
    /// `APPROVED`, `PENDING`, ...
    pub status: String,
    /// `MARKETING`, `UTILITY`, `AUTHENTICATION`.
    pub category: String,
    /// `POSITIONAL` or `NAMED`.
    pub parameter_format: String,
    /// The Template Library entry it comes from.
    pub library_template_name: Option<String>,
    /// Header, body, footer, buttons.
    pub components: Value,
}

/// Checks the token against the WABA's numbers: any of them accepting it will do.
pub fn authorize(numbers: &[Number], token: &str) -> Result<(), MetaError> {
    match numbers
        .iter()
        .map(|number| number.authorize(token))
        .find(Result::is_ok)
    {
        Some(ok) => ok,
        None => numbers
            .first()
            .map_or(Ok(()), |number| number.authorize(token)),
    }
}

/// The WABA's templates, seeded on first use.
async fn all(state: &SandboxState, waba_id: &str) -> Result<Vec<StoredTemplate>, MetaError> {
    template_seed::ensure(&state.pool, waba_id)
        .await
        .map_err(internal)?;
    sqlx::query_as!(
        StoredTemplate,
        r#"select template_id, name, language, status, category, parameter_format,
                  library_template_name, components
           from sandbox.message_template where waba_id = $1
           order by created_at, name, language"#,
        waba_id
    )
    .fetch_all(&state.pool)
    .await
    .map_err(internal)
}

/// One template of the WABA by name and language, seeded on first use.
pub async fn find(
    state: &SandboxState,
    waba_id: &str,
    name: &str,
    language: &str,
) -> Result<Option<StoredTemplate>, MetaError> {
    Ok(all(state, waba_id)
        .await?
        .into_iter()
        .find(|template| template.name == name && template.language == language))
}

/// `GET /<WABA_ID>/message_templates`: filters `name` (part of the name), `status`, `category`,
/// `language`; `fields`; cursor paging with `limit` (at most 100), `after` and `before`.
pub async fn list(
    state: &SandboxState,
    waba_id: &str,
    query: &HashMap<String, String>,
    base_url: &str,
) -> Result<Json<Value>, MetaError> {
    let fields: Vec<&str> = match query.get("fields") {
        Some(raw) => raw
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect(),
        None => DEFAULT_FIELDS.to_vec(),
    };
    if let Some(unknown) = fields.iter().find(|field| !KNOWN_FIELDS.contains(field)) {
        return Err(MetaError::invalid_parameter(format!(
            "(#100) Tried accessing nonexisting field ({unknown}) on node type (WhatsAppBusinessHSM)"
        )));
    }
    let (offset, limit) = groups::page(query, MAX_LIMIT)?;
    let filter = |key: &str| query.get(key).map(|value| value.to_ascii_uppercase());
    let (status, category) = (filter("status"), filter("category"));
    let matching: Vec<StoredTemplate> = all(state, waba_id)
        .await?
        .into_iter()
        .filter(|t| {
            query
                .get("name")
                .is_none_or(|name| t.name.contains(name.as_str()))
        })
        .filter(|t| status.as_ref().is_none_or(|s| &t.status == s))
        .filter(|t| category.as_ref().is_none_or(|c| &t.category == c))
        .filter(|t| query.get("language").is_none_or(|l| &t.language == l))
        .collect();
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|template| shape(template, &fields))
        .collect();
    let more = matching.len() > start.saturating_add(page.len());
    let count = i64::try_from(page.len()).unwrap_or(0);
    Ok(Json(json!({
        "data": page,
        "paging": groups::paging(base_url, offset, limit, count, more),
    })))
}

fn shape(template: &StoredTemplate, fields: &[&str]) -> Value {
    let mut object = json!({ "id": template.template_id });
    for field in fields {
        let value = match *field {
            "name" => json!(template.name),
            "language" => json!(template.language),
            "status" => json!(template.status),
            "category" => json!(template.category),
            "parameter_format" => json!(template.parameter_format),
            "components" => template.components.clone(),
            "library_template_name" => match &template.library_template_name {
                Some(name) => json!(name),
                None => continue,
            },
            _ => continue,
        };
        object[*field] = value;
    }
    object
}

/// `DELETE /<WABA_ID>/message_templates?name=<NAME>`: deletes the template in every language
/// (or only the one with `hsm_id`).
pub async fn delete(
    state: &SandboxState,
    waba_id: &str,
    query: &HashMap<String, String>,
) -> Result<Json<Value>, MetaError> {
    let Some(name) = query.get("name").filter(|name| !name.is_empty()) else {
        return Err(super::body::missing("name", "Param name is required."));
    };
    template_seed::ensure(&state.pool, waba_id)
        .await
        .map_err(internal)?;
    let deleted = sqlx::query!(
        r#"delete from sandbox.message_template
           where waba_id = $1 and name = $2 and ($3::text is null or template_id = $3)"#,
        waba_id,
        name,
        query.get("hsm_id").map(String::as_str),
    )
    .execute(&state.pool)
    .await
    .map_err(internal)?
    .rows_affected();
    if deleted == 0 {
        return Err(MetaError::invalid_parameter(format!(
            "Message template \"{name}\" does not exist."
        )));
    }
    Ok(Json(json!({ "success": true })))
}

/// The WABA's numbers, or the unknown-object error when it has none.
pub async fn waba(
    state: &SandboxState,
    waba_id: &str,
    method: &str,
) -> Result<Vec<Number>, MetaError> {
    let numbers = lookup::waba_numbers(state, waba_id).await?;
    if numbers.is_empty() {
        Err(lookup::unknown_object(waba_id, method))
    } else {
        Ok(numbers)
    }
}
