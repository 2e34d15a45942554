//! `/join-requests`: every waiting join request of the tenant, filtered by group and age, with
//! "Approve selected" and "Reject selected". Updates live.

use super::domain::{GroupOption, ItemOutcome, MinAge, OutcomeKind, QueueFilter};
use super::queue_table::QueueTable;
use super::refresh_button::RefreshButton;
use super::{DecideJoinRequests, RefreshJoinRequests, join_queue, text};
use crate::live::{LiveIndicator, use_live_updates};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

/// The queue page. The selection, the actions and their outcomes live outside the list, so the
/// list can redraw on every live event without losing them.
#[component]
pub fn JoinQueuePage() -> impl IntoView {
    let live = use_live_updates();
    let query = use_query_map();
    let raw = Memo::new(move |_| {
        let query = query.read();
        (
            query.get("group").unwrap_or_default(),
            query.get("age").unwrap_or_default(),
        )
    });
    let decide = ServerAction::<DecideJoinRequests>::new();
    let refresh = ServerAction::<RefreshJoinRequests>::new();
    let selected = RwSignal::new(Vec::<Uuid>::new());
    let queue = crate::resource::new(
        move || {
            (
                raw.get(),
                live.tick.get(),
                decide.version().get() + refresh.version().get(),
            )
        },
        |((group, age), ..)| join_queue(group, age),
    );
    // The form's choices change with the filter only, so choosing is not interrupted by events.
    let options = crate::resource::new(move || raw.get(), |(group, age)| join_queue(group, age));
    view! {
        <div class="page-head">
            <h1>{text::PAGE_TITLE}</h1>
            <LiveIndicator live/>
        </div>
        <p class="intro">{text::INTRO}</p>
        <Transition fallback=|| ()>
            {move || {
                let (group, age) = raw.get();
                let filter = QueueFilter::parse(&group, &age).unwrap_or_default();
                options.get().and_then(Result::ok).map(|view| view! {
                    <FilterForm filter groups=view.groups/>
                    {filter.group.map(|id| view! { <RefreshButton group_id=id.to_string() action=refresh/> })}
                })
            }}
        </Transition>
        <DecideControls decide selected/>
        <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
            {move || {
                let (group, age) = raw.get();
                let narrowed = !group.is_empty() || !age.is_empty();
                queue.get().map(|result| match result {
                    Ok(view) => view! { <QueueTable view narrowed selected decide/> }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                })
            }}
        </Transition>
    }
}

/// A plain GET form, so a filtered queue is a URL and works before the page hydrates.
#[component]
fn FilterForm(filter: QueueFilter, groups: Vec<GroupOption>) -> impl IntoView {
    let chosen_age = filter.min_age;
    view! {
        <form method="get" action="/join-requests" class="inline queue-filter" role="search">
            <div class="field">
                <label for="queue-group">{text::FILTER_GROUP}</label>
                <select id="queue-group" name="group">
                    <option value="">{text::FILTER_ALL_GROUPS}</option>
                    {groups
                        .into_iter()
                        .map(|group| {
                            let chosen = filter.group == Some(group.id);
                            view! { <option value=group.id.to_string() selected=chosen>{group.subject}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="queue-age">{text::FILTER_AGE}</label>
                <select id="queue-age" name="age">
                    <option value="">{text::AGE_ANY}</option>
                    {MinAge::ALL
                        .into_iter()
                        .map(|age| view! {
                            <option value=age.as_str() selected=chosen_age == Some(age)>{age.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">{text::FILTER_BUTTON}</button>
            {filter.narrows().then(|| view! { <a href="/join-requests" class="clear">{text::FILTER_CLEAR}</a> })}
        </form>
    }
}

/// "Approve selected" and "Reject selected", with the last decision's summary.
#[component]
fn DecideControls(
    decide: ServerAction<DecideJoinRequests>,
    selected: RwSignal<Vec<Uuid>>,
) -> impl IntoView {
    let pending = decide.pending();
    let count = move || selected.with(Vec::len);
    let send = move |decision: &'static str| {
        let ids: Vec<String> = selected
            .get_untracked()
            .iter()
            .map(Uuid::to_string)
            .collect();
        if ids.is_empty() {
            return;
        }
        decide.dispatch(DecideJoinRequests {
            join_request_ids: ids.join(","),
            decision: decision.to_owned(),
        });
        selected.set(Vec::new());
    };
    let summary = move || {
        decide.value().get().map(|result| match result {
            Ok(outcomes) => {
                view! { <p class="decide-summary" role="status">{summarize(&outcomes)}</p> }
                    .into_any()
            }
            Err(error) => {
                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
            }
        })
    };
    view! {
        <div class="decide-controls">
            <button type="button" disabled=move || count() == 0 || pending.get()
                on:click=move |_| send("approve")>
                {move || format!("{} ({})", text::APPROVE_SELECTED, count())}
            </button>
            <button type="button" class="secondary" disabled=move || count() == 0 || pending.get()
                on:click=move |_| send("reject")>
                {move || format!("{} ({})", text::REJECT_SELECTED, count())}
            </button>
            <Show when=move || pending.get()>
                <span role="status">{text::DECIDING}</span>
            </Show>
            {summary}
        </div>
    }
}

/// "2 approved · 1 failed (see each row)".
fn summarize(outcomes: &[ItemOutcome]) -> String {
    let count = |kind: OutcomeKind| outcomes.iter().filter(|o| o.kind == kind).count();
    [
        (OutcomeKind::Approving, text::SUMMARY_APPROVING),
        (OutcomeKind::Rejected, text::SUMMARY_REJECTED),
        (OutcomeKind::Failed, text::SUMMARY_FAILED),
        (OutcomeKind::NotPending, text::SUMMARY_SKIPPED),
    ]
    .into_iter()
    .filter(|(kind, _)| count(*kind) > 0)
    .map(|(kind, label)| format!("{} {label}", count(kind)))
    .collect::<Vec<_>>()
    .join(" · ")
}
