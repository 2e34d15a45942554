//! The ledger as a table.

use super::list::{OperationItem, OperationView};
use super::text;
use leptos::prelude::*;

/// The label a person reads for an operation kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "group_create" => text::KIND_CREATE,
        "group_delete" => text::KIND_DELETE,
        "group_settings_update" => text::KIND_SETTINGS,
        "participants_remove" => text::KIND_REMOVE,
        _ => text::KIND_APPROVE,
    }
}

/// The label a person reads for an operation state.
pub fn state_label(state: &str) -> &'static str {
    match state {
        "pending" => text::STATE_PENDING,
        "succeeded" => text::STATE_SUCCEEDED,
        "partially_failed" => text::STATE_PARTIAL,
        _ => text::STATE_FAILED,
    }
}

fn item_label(state: &str) -> &'static str {
    match state {
        "pending" => text::ITEM_PENDING,
        "done" => text::ITEM_DONE,
        _ => text::ITEM_FAILED,
    }
}

/// Each participant or setting of an operation with its own outcome.
#[component]
pub fn ItemList(items: Vec<OperationItem>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="operation-items">
                {items
                    .into_iter()
                    .map(|item| view! {
                        <li class="operation-item" data-state=item.state.clone()>
                            <span class="label">{item.label}</span>" · "
                            <span class=format!("item-state item-{}", item.state)>{item_label(&item.state)}</span>
                            {item.reason.map(|reason| view! { <span class="reason">" — "{reason}</span> })}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// Operations with their outcome; stale ones are flagged.
#[component]
pub fn OperationTable(operations: Vec<OperationView>) -> impl IntoView {
    if operations.is_empty() {
        return view! { <p class="empty">{text::EMPTY}</p> }.into_any();
    }
    let rows = operations
        .into_iter()
        .map(|operation| {
            let state_class = format!("state state-op-{}", operation.state);
            view! {
                <tr class="operation" data-state=operation.state.clone() data-stale=operation.stale.to_string()>
                    <td>{kind_label(&operation.kind)}</td>
                    <td>{operation.group.unwrap_or_default()}</td>
                    <td><span class=state_class>{state_label(&operation.state)}</span></td>
                    <td><time datetime=operation.created_at.to_rfc3339()>{crate::dates::minute(operation.created_at)}</time></td>
                    <td>
                        {operation.stale.then(|| view! { <p class="reason">{text::STALE}</p> })}
                        {operation.problems.into_iter().map(|problem| view! { <p class="reason">{problem}</p> }).collect_view()}
                        <ItemList items=operation.items/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="groups operations">
            <thead>
                <tr>
                    <th scope="col">{text::COLUMN_WHAT}</th>
                    <th scope="col">{text::COLUMN_GROUP}</th>
                    <th scope="col">{text::COLUMN_STATE}</th>
                    <th scope="col">{text::COLUMN_ASKED}</th>
                    <th scope="col">{text::COLUMN_DETAIL}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
