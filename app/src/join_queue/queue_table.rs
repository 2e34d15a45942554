//! The queue's rows: a checkbox for each waiting request, and each row's own outcome.

use super::DecideJoinRequests;
use super::domain::{ItemOutcome, OutcomeKind, QueueItem, QueueView};
use super::text;
use leptos::prelude::*;
use uuid::Uuid;

/// The table, or an empty state that says what to do next.
#[component]
pub fn QueueTable(
    view: QueueView,
    narrowed: bool,
    selected: RwSignal<Vec<Uuid>>,
    decide: ServerAction<DecideJoinRequests>,
) -> impl IntoView {
    let waiting: Vec<Uuid> = view
        .items
        .iter()
        .filter(|item| item.state == "pending")
        .map(|item| item.id)
        .collect();
    // A request decided or withdrawn meanwhile cannot stay selected.
    selected.update_untracked(|chosen| chosen.retain(|id| waiting.contains(id)));
    if view.items.is_empty() {
        let message = if narrowed && view.waiting_total > 0 {
            text::EMPTY_FILTERED
        } else {
            text::EMPTY
        };
        return view! { <p class="empty">{message}</p> }.into_any();
    }
    let all = waiting.clone();
    let all_chosen =
        move || !all.is_empty() && selected.with(|chosen| all.iter().all(|id| chosen.contains(id)));
    let toggle_all = move |_| {
        let everything = waiting.clone();
        selected.update(|chosen| {
            if everything.iter().all(|id| chosen.contains(id)) {
                chosen.clear();
            } else {
                *chosen = everything;
            }
        });
    };
    view! {
        <div class="table-scroll">
            <table class="join-queue">
                <thead>
                    <tr>
                        <th scope="col">
                            <input type="checkbox" class="select-all" aria-label=text::SELECT_ALL
                                prop:checked=all_chosen on:change=toggle_all/>
                        </th>
                        <th scope="col">{text::COLUMN_WHO}</th>
                        <th scope="col">{text::COLUMN_GROUP}</th>
                        <th scope="col">{text::COLUMN_ASKED}</th>
                        <th scope="col">{text::COLUMN_OUTCOME}</th>
                    </tr>
                </thead>
                <tbody>
                    {view
                        .items
                        .into_iter()
                        .map(|item| view! { <QueueRow item selected decide/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn QueueRow(
    item: QueueItem,
    selected: RwSignal<Vec<Uuid>>,
    decide: ServerAction<DecideJoinRequests>,
) -> impl IntoView {
    let id = item.id;
    let waiting = item.state == "pending";
    let label = format!("{} {} ({})", text::SELECT_ONE, item.who, item.group_subject);
    let checkbox = waiting.then(|| {
        view! {
            <input type="checkbox" class="select-request" aria-label=label
                prop:checked=move || selected.with(|chosen| chosen.contains(&id))
                on:change=move |_| selected.update(|chosen| {
                    if let Some(at) = chosen.iter().position(|c| *c == id) {
                        chosen.remove(at);
                    } else {
                        chosen.push(id);
                    }
                })/>
        }
    });
    let state = item.state.clone();
    let reason = item.failure_reason.clone();
    // The last decision explains a request it could not change (nothing reached WhatsApp).
    let outcome = move || {
        let last: Option<ItemOutcome> = decide
            .value()
            .get()
            .and_then(Result::ok)
            .and_then(|outcomes| outcomes.into_iter().find(|o| o.id == id));
        describe(&state, reason.clone(), last)
    };
    view! {
        <tr class="join-request" data-state=item.state.clone()>
            <td>{checkbox}</td>
            <td class="who">{item.who.clone()}</td>
            <td><a href=format!("/groups/{}", item.group_id)>{item.group_subject.clone()}</a></td>
            <td><time datetime=item.created_at.to_rfc3339()>{crate::dates::minute(item.created_at)}</time></td>
            <td class="outcome">{outcome}</td>
        </tr>
    }
}

/// The row's status in words: its stored state, or, while still waiting, why the last decision
/// did not reach it.
fn describe(state: &str, reason: Option<String>, last: Option<ItemOutcome>) -> String {
    let stored = match state {
        "approving" => text::STATE_APPROVING,
        "approved" => text::STATE_APPROVED,
        "rejected" => text::STATE_REJECTED,
        "revoked" => text::STATE_REVOKED,
        "failed" => {
            return format!("{}: {}", text::STATE_FAILED, reason.unwrap_or_default());
        }
        _ => text::STATE_PENDING,
    };
    match last {
        Some(ItemOutcome {
            kind: OutcomeKind::Failed | OutcomeKind::NotPending,
            message: Some(message),
            ..
        }) if state == "pending" => format!("{}: {message}", text::STATE_FAILED),
        _ => stored.to_owned(),
    }
}
