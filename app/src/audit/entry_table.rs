//! The table of audit entries.

use super::list_audit::AuditRow;
use super::text;
use leptos::prelude::*;

/// Shows entries, or says none match.
#[component]
pub fn EntryTable(rows: Vec<AuditRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{text::EMPTY}</p> }.into_any();
    }
    view! {
        <table class="audit">
            <thead>
                <tr>
                    <th scope="col">{text::COLUMN_AT}</th>
                    <th scope="col">{text::COLUMN_ACTOR}</th>
                    <th scope="col">{text::COLUMN_ACTION}</th>
                    <th scope="col">{text::COLUMN_TARGET}</th>
                    <th scope="col">{text::COLUMN_OUTCOME}</th>
                    <th scope="col">{text::COLUMN_DETAIL}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let action = row.action.clone();
                        let outcome = row.outcome.clone();
                        view! {
                            <tr class="entry" data-action=action data-outcome=outcome>
                                <td>{crate::dates::second(row.at)}</td>
                                <td>{row.actor.unwrap_or_else(|| text::ANONYMOUS.to_owned())}</td>
                                <td>{row.action}</td>
                                <td>{row.target.unwrap_or_default()}</td>
                                <td>{row.outcome}</td>
                                <td><code>{row.detail}</code></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
