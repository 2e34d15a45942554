//! The page of one group: its state and link, join requests to decide, participants, and its chat.

use super::group_detail::{GroupView, group_detail};
use super::join_request_list::JoinRequestList;
use super::join_requests::{ApproveJoinRequest, RejectJoinRequest};
use super::participant_list::ParticipantList;
use super::text;
use crate::live::{LiveIndicator, use_live_updates};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/groups/:id`. Updates live as webhooks arrive.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let live = use_live_updates();
    let approve = ServerAction::<ApproveJoinRequest>::new();
    let reject = ServerAction::<RejectJoinRequest>::new();
    let detail = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                live.tick.get(),
                approve.version().get(),
                reject.version().get(),
            )
        },
        |(id, ..)| group_detail(id),
    );
    view! {
        <p class="back"><a href="/groups">{text::BACK_TO_GROUPS}</a></p>
        <Transition fallback=|| view! { <p>{text::LIST_LOADING}</p> }>
            {move || {
                detail
                    .get()
                    .map(|result| match result {
                        Ok(detail) => view! { <GroupViewBody detail live approve reject/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        // Outside the page's Transition, so typing survives the page's live refetches.
        <crate::chat::GroupChat group_id=Signal::derive(move || params.read().get("id").unwrap_or_default()) tick=live.tick/>
    }
}

#[component]
fn GroupViewBody(
    detail: GroupView,
    live: crate::live::LiveUpdates,
    approve: ServerAction<ApproveJoinRequest>,
    reject: ServerAction<RejectJoinRequest>,
) -> impl IntoView {
    let group = detail.group;
    let state = group.state;
    view! {
        <div class="page-head">
            <h1>{group.subject}</h1>
            <LiveIndicator live/>
        </div>
        <p>
            <span class=format!("state state-{}", state.as_str()) data-state=state.as_str()>{state.label()}</span>
            " · "{group.join_approval_mode.label()}
        </p>
        {group.suspended.then(|| view! { <p class="banner suspended" role="alert">{text::SUSPENDED_BANNER}</p> })}
        {(!detail.description.is_empty()).then(|| view! { <p class="description">{detail.description}</p> })}
        {group.invite_link.map(|link| view! {
            <p>{text::COLUMN_INVITE_LINK}": "<a class="invite-link" href=link.clone() rel="noopener" target="_blank">{link.clone()}</a></p>
        })}
        <JoinRequestList requests=detail.join_requests approve reject/>
        <ParticipantList participants=detail.participants/>
        <GroupOperations group_id=group.id.to_string() tick=live.tick/>
    }
}

#[component]
fn GroupOperations(group_id: String, tick: ReadSignal<u64>) -> impl IntoView {
    let operations = Resource::new(
        move || (group_id.clone(), tick.get()),
        |(group_id, _)| crate::operations::list_operations(Some(group_id)),
    );
    view! {
        <section class="group-operations">
            <h2>{crate::operations::text::HEADING_FOR_GROUP}</h2>
            <Transition fallback=|| ()>
                {move || operations.get().map(|result| match result {
                    Ok(operations) => view! { <crate::operations::OperationTable operations/> }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
