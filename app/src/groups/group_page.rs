//! The page of one group: its state and link, join requests to decide, participants, settings and
//! operations, with the actions each role may take. Its chat is the next tab (`chat::page`).

use super::approval_form::ApprovalForm;
use super::delete_form::DeleteForm;
use super::domain::GroupState;
use super::group_detail::{GroupView, group_detail};
use super::group_tabs::{GroupTab, GroupTabs};
use super::group_ui::GroupUi;
use super::invite_panel::{InvitePanel, NoInviteLink};
use super::join_request_list::JoinRequestList;
use super::join_requests::{ApproveJoinRequest, RejectJoinRequest};
use super::participant_list::ParticipantList;
use super::settings_form::SettingsForm;
use super::text;
use crate::join_queue::RefreshJoinRequests;
use crate::live::{LiveIndicator, use_live_updates};
use crate::operations::{OperationView, list_operations};
use crate::tenants::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/groups/:id`. Updates live as webhooks arrive.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let live = use_live_updates();
    let approve = ServerAction::<ApproveJoinRequest>::new();
    let reject = ServerAction::<RejectJoinRequest>::new();
    let refresh = ServerAction::<RefreshJoinRequests>::new();
    let ui = GroupUi::new();
    let group_id = Signal::derive(move || params.read().get("id").unwrap_or_default());
    let source = move || {
        (
            group_id.get(),
            live.tick.get(),
            approve.version().get()
                + reject.version().get()
                + refresh.version().get()
                + ui.version(),
        )
    };
    let detail = crate::resource::new(source, |(id, ..)| group_detail(id));
    let operations = crate::resource::new(source, |(id, ..)| list_operations(Some(id)));
    // Everything the page's parts load is made here, when the page starts, so the server loads it
    // with the page and the browser hydrates the same content.
    // The QR code is fetched again only when the link changes, not on every live update.
    let qr = crate::resource::new(
        move || {
            let link = detail.with(|detail| {
                let detail = detail.as_ref().and_then(|result| result.as_ref().ok());
                detail.and_then(|detail| detail.group.invite_link.clone())
            });
            (group_id.get(), link)
        },
        |(id, _)| super::invite_qr(id),
    );
    let invites = crate::invites::InviteData::new(group_id, live.tick);
    // Staff and admins of an open group may invite by template. Read in the Transition below
    // (not in a memo made out here), so the server waits for the group before rendering the panel;
    // Show only redraws when the answer changes, so what is typed survives live refetches.
    let can_invite = move || {
        detail.with(|detail| {
            detail
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_some_and(|detail| {
                    detail.group.state == GroupState::Active
                        && !detail.group.suspended
                        && matches!(detail.role, Role::Admin | Role::Staff)
                })
        })
    };
    view! {
        <p class="back"><a href="/groups">{text::BACK_TO_GROUPS}</a></p>
        <Transition fallback=|| view! { <p>{text::LIST_LOADING}</p> }>
            {move || {
                let operations = operations.get().and_then(Result::ok).unwrap_or_default();
                detail
                    .get()
                    .map(|result| match result {
                        Ok(detail) => view! { <GroupViewBody detail operations live approve reject refresh ui qr/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        // Outside the page's Transition, so typing survives the page's live refetches; in a
        // Transition of its own, so the server renders it with the group loaded, as the browser
        // then hydrates it.
        <Transition fallback=|| ()>
            <Show when=can_invite>
                <crate::invites::InviteByTemplate data=invites/>
            </Show>
        </Transition>
        // Last on the page, below everything a person uses day to day.
        <Transition fallback=|| ()>
            {move || detail.get().and_then(Result::ok).and_then(|detail| {
                let group = detail.group;
                let manages = matches!(detail.role, Role::Admin | Role::Staff);
                (group.state == GroupState::Active && manages).then(|| view! {
                    <DeleteForm group_id=group.id.to_string() subject=group.subject
                        missing=group.missing_since.is_some() ui/>
                })
            })}
        </Transition>
    }
}

fn latest(operations: &[OperationView], kind: &str) -> Option<OperationView> {
    operations
        .iter()
        .find(|operation| operation.kind == kind)
        .cloned()
}

#[component]
fn GroupViewBody(
    detail: GroupView,
    operations: Vec<OperationView>,
    live: crate::live::LiveUpdates,
    approve: ServerAction<ApproveJoinRequest>,
    reject: ServerAction<RejectJoinRequest>,
    refresh: ServerAction<RefreshJoinRequests>,
    ui: GroupUi,
    qr: crate::resource::Resource<Result<super::InviteCode, crate::AppError>>,
) -> impl IntoView {
    let group = detail.group;
    let state = group.state;
    let id = group.id.to_string();
    let active = state == GroupState::Active;
    let usable = active && !group.suspended;
    // Support may remove, reset and (SPEC permitting) change the approval mode; staff and admins
    // may do everything.
    let manages = matches!(detail.role, Role::Admin | Role::Staff);
    let last_removal = latest(&operations, "participants_remove");
    let last_change = latest(&operations, "group_settings_update");
    view! {
        <div class="page-head">
            <h1>{group.subject.clone()}</h1>
            <LiveIndicator live/>
        </div>
        <GroupTabs group_id=id.clone() current=GroupTab::Details/>
        <div class="group-info">
            {detail.picture.map(|id| view! {
                <img class="group-picture" src=super::picture_url(id) alt=text::PICTURE_ALT width="96" height="96"/>
            })}
            <p>
                <span class=format!("state state-{}", state.as_str()) data-state=state.as_str()>{state.label()}</span>
                " · "{group.join_approval_mode.label()}
                " · "<span class="created">{text::created_on(group.created_at)}</span>
            </p>
        </div>
        {group.suspended.then(|| view! {
            <div class="banner suspended" role="alert">
                <p>{text::SUSPENDED_BANNER}</p>
                <p>{text::SUSPENDED_ACTIONS_OFF}</p>
            </div>
        })}
        {group.missing_since.map(|since| view! {
            <div class="banner missing" role="status">
                <p>{text::missing_banner(since)}</p>
            </div>
        })}
        {(state == GroupState::Deleting).then(|| view! { <p class="banner" role="status">{text::GROUP_DELETING_BANNER}</p> })}
        {(state == GroupState::Deleted).then(|| view! { <p class="banner deleted" role="status">{text::GROUP_DELETED_BANNER}</p> })}
        {(!detail.description.is_empty()).then(|| view! { <p class="description">{detail.description.clone()}</p> })}
        {active.then(|| match group.invite_link.clone() {
            Some(link) => view! { <InvitePanel link group_id=id.clone() can_reset=usable ui qr/> }.into_any(),
            None => view! { <NoInviteLink group_id=id.clone() can_reset=usable ui/> }.into_any(),
        })}
        // A group that is not active can decide no request, so none is offered.
        {active.then(|| view! {
            <JoinRequestList requests=detail.join_requests approve reject
                refresh=(id.clone(), refresh)/>
        })}
        <ParticipantList participants=detail.participants group_id=id.clone() can_remove=usable ui last_removal/>
        {active.then(|| view! {
            <ApprovalForm group_id=id.clone() current=group.join_approval_mode can_change=usable ui/>
        })}
        {active.then(|| view! {
            <SettingsForm group_id=id.clone() subject=group.subject.clone() description=detail.description
                can_edit=usable && manages ui last_change/>
        })}
        <section class="group-operations">
            <h2>{crate::operations::text::HEADING_FOR_GROUP}</h2>
            <crate::operations::OperationTable operations/>
        </section>
    }
}
