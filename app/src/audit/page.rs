//! The audit page (admins and support): a filter form that works without JavaScript (GET), the
//! matching entries, and a CSV download of the same filter.

use super::entry_table::EntryTable;
use super::filter::AuditFilter;
use super::{CSV_PATH, actions, list_audit, text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Filters come from the URL's query, so a filtered view can be bookmarked and shared.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let field = move |name: &str| query.read().get(name).unwrap_or_default();
    let entries = crate::resource::new(
        move || (field("action"), field("from"), field("to")),
        |(action, from, to)| list_audit(action, from, to),
    );
    let csv_href = move || {
        let filter =
            AuditFilter::parse(&field("action"), &field("from"), &field("to")).unwrap_or_default();
        format!("{CSV_PATH}?{}", filter.query_string())
    };
    view! {
        <h1>{text::PAGE_TITLE}</h1>
        <form method="get" action="/audit" class="inline audit-filter">
            <label>
                {text::FIELD_ACTION}
                <select name="action">
                    <option value="">{text::ANY_ACTION}</option>
                    {actions::ALL
                        .iter()
                        .map(|action| view! { <option value=*action selected=move || field("action") == *action>{*action}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>{text::FIELD_FROM}<input type="date" name="from" value=move || field("from")/></label>
            <label>{text::FIELD_TO}<input type="date" name="to" value=move || field("to")/></label>
            <button type="submit">{text::FILTER_BUTTON}</button>
            <a class="export" href=csv_href rel="external" download>{text::EXPORT_LINK}</a>
        </form>
        <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
            {move || {
                entries
                    .get()
                    .map(|result| match result {
                        Ok(rows) => view! { <EntryTable rows/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}
