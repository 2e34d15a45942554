//! Search within a group's messages: any case, anywhere in the text, newest matches first.

use super::domain::ChatMessage;
use super::format::Formatted;
use super::text;
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The most matches one search shows.
pub const SEARCH_LIMIT: u32 = 50;
/// The shortest and longest search, in characters.
const SEARCH_MIN_CHARS: usize = 2;
const SEARCH_MAX_CHARS: usize = 100;

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The search, trimmed.
    pub query: String,
    /// Matching messages, newest first.
    pub messages: Vec<ChatMessage>,
    /// Whether more than [`SEARCH_LIMIT`] matched.
    pub more: bool,
}

/// Checks a search: trimmed, 2 to 100 characters.
pub fn parse_query(raw: &str) -> Result<String, AppError> {
    let query = raw.trim();
    let chars = query.chars().count();
    if chars < SEARCH_MIN_CHARS {
        return Err(AppError::validation("query", text::SEARCH_TOO_SHORT));
    }
    if chars > SEARCH_MAX_CHARS {
        return Err(AppError::validation("query", text::SEARCH_TOO_LONG));
    }
    Ok(query.to_owned())
}

/// Messages of the group whose text contains `query`, for any member of its tenant.
#[server(prefix = "/api", endpoint = "search_messages")]
pub async fn search_messages(group_id: String, query: String) -> Result<SearchResults, AppError> {
    use crate::state::AppState;
    let result = async {
        let group_id = group_id.parse().map_err(|_| AppError::NotFound)?;
        let query = parse_query(&query)?;
        let state = expect_context::<AppState>();
        let member = crate::tenants::require_member(&state, crate::tenants::Role::ALL).await?;
        let limit = i64::from(SEARCH_LIMIT);
        let (mut messages, more) =
            super::db::newest(&state.pool, &member, group_id, limit, Some(&query)).await?;
        messages.reverse();
        Ok(SearchResults {
            query,
            messages,
            more,
        })
    }
    .await;
    result.map_err(AppError::into_server_fn_error)
}

/// The search box and, once searched, the matches; "Clear" goes back to the chat.
#[component]
pub fn ChatSearch(#[prop(into)] group_id: Signal<String>) -> impl IntoView {
    let search = ServerAction::<SearchMessages>::new();
    let results = move || search.value().get();
    view! {
        <ActionForm action=search attr:class="chat-search" attr:role="search">
            <input type="hidden" name="group_id" value=group_id/>
            <label>
                <span class="visually-hidden">{text::SEARCH_LABEL}</span>
                <input type="search" name="query" placeholder=text::SEARCH_PLACEHOLDER
                    maxlength=SEARCH_MAX_CHARS.to_string()/>
            </label>
            <button type="submit" disabled=move || search.pending().get()>{text::SEARCH}</button>
            {move || results().is_some().then(|| view! {
                <button type="button" class="link" on:click=move |_| search.value().set(None)>
                    {text::SEARCH_CLEAR}
                </button>
            })}
        </ActionForm>
        {move || results().map(|result| match result {
            Ok(found) => view! { <Matches found/> }.into_any(),
            Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
        })}
    }
}

#[component]
fn Matches(found: SearchResults) -> impl IntoView {
    let count = found.messages.len();
    let summary = match (count, found.more) {
        (0, _) => format!("{} “{}”.", text::SEARCH_NONE, found.query),
        (_, true) => format!("{} {count} {}", text::SEARCH_NEWEST, text::SEARCH_MATCHES),
        _ => format!("{count} {}", text::SEARCH_MATCHES),
    };
    let query = found.query;
    view! {
        <section class="search-results" aria-label=text::SEARCH_RESULTS>
            <p role="status">{summary}</p>
            <ol>
                {found.messages.into_iter().map(|message| {
                    let shown = message.shown_text();
                    let at = crate::dates::minute(message.sent_at);
                    view! {
                        <li class="search-match" data-message-id=message.id.to_string()>
                            <span class="sender">{message.sender}</span>
                            <time datetime=message.sent_at.to_rfc3339()>{at}</time>
                            <span class="body">{highlight(&shown, &query).into_iter().map(|(part, hit)| {
                                if hit {
                                    view! { <mark>{part}</mark> }.into_any()
                                } else {
                                    view! { <Formatted text=part/> }.into_any()
                                }
                            }).collect_view()}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Splits `text` into parts, marking those that match `query` (any case).
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let folded: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = match_at(&chars[i..], &folded) {
            if !plain.is_empty() {
                parts.push((std::mem::take(&mut plain), false));
            }
            parts.push((chars[i..i + len].iter().collect(), true));
            i += len;
        } else {
            plain.push(chars[i]);
            i += 1;
        }
    }
    if !plain.is_empty() {
        parts.push((plain, false));
    }
    parts
}

/// How many characters of `text` match the lower-cased `folded` at its start, if they do.
fn match_at(text: &[char], folded: &[char]) -> Option<usize> {
    if folded.is_empty() {
        return None;
    }
    let mut want = folded.iter();
    let mut used = 0;
    for c in text {
        for lower in c.to_lowercase() {
            if want.next() != Some(&lower) {
                return None;
            }
        }
        used += 1;
        if want.len() == 0 {
            return Some(used);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_in_any_case() {
        assert_eq!(
            highlight("Hello hello HELLO", "hello"),
            vec![
                ("Hello".into(), true),
                (" ".into(), false),
                ("hello".into(), true),
                (" ".into(), false),
                ("HELLO".into(), true),
            ]
        );
        assert_eq!(
            highlight("Ünïcode ünï", "ÜNÏ"),
            vec![
                ("Ünï".into(), true),
                ("code ".into(), false),
                ("ünï".into(), true)
            ]
        );
        assert_eq!(highlight("abc", "x"), vec![("abc".into(), false)]);
    }

    #[test]
    fn a_search_is_two_to_a_hundred_characters() {
        assert_eq!(parse_query("  hi ").unwrap(), "hi");
        assert!(parse_query(" a ").is_err());
        assert!(parse_query(&"x".repeat(101)).is_err());
    }
}
