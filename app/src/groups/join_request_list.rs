//! Join requests of a group, each with approve and reject.

use super::group_detail::JoinRequestView;
use super::join_requests::{ApproveJoinRequest, RejectJoinRequest};
use super::text;
use crate::join_queue::{RefreshButton, RefreshJoinRequests};
use leptos::prelude::*;

/// The open join requests of an active group; the buttons work without JavaScript too. `refresh`
/// (the group's ID and the page's action) is "Check WhatsApp for requests".
#[component]
pub fn JoinRequestList(
    requests: Vec<JoinRequestView>,
    approve: ServerAction<ApproveJoinRequest>,
    reject: ServerAction<RejectJoinRequest>,
    refresh: (String, ServerAction<RefreshJoinRequests>),
) -> impl IntoView {
    let error = move || {
        approve
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| reject.value().get().and_then(Result::err))
            .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
    };
    view! {
        <section class="join-requests">
            <h2>{text::JOIN_REQUESTS_HEADING}</h2>
            {error}
            <RefreshButton group_id=refresh.0 action=refresh.1/>
            {if requests.is_empty() {
                view! { <p class="empty">{text::JOIN_REQUESTS_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {requests
                            .into_iter()
                            .map(|request| view! { <JoinRequestItem request approve reject/> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn JoinRequestItem(
    request: JoinRequestView,
    approve: ServerAction<ApproveJoinRequest>,
    reject: ServerAction<RejectJoinRequest>,
) -> impl IntoView {
    let id = request.id.to_string();
    let reject_id = id.clone();
    let pending = request.state == "pending";
    view! {
        <li class="join-request" data-state=request.state.clone()>
            <span class="who">{request.who}</span>
            {match request.state.as_str() {
                "approving" => Some(view! { <span class="state">{text::JOIN_REQUEST_APPROVING}</span> }.into_any()),
                "failed" => Some(view! { <span class="reason">{request.failure_reason.unwrap_or_default()}</span> }.into_any()),
                _ => None,
            }}
            {pending.then(|| view! {
                <ActionForm action=approve>
                    <input type="hidden" name="join_request_id" value=id/>
                    <button type="submit">{text::APPROVE}</button>
                </ActionForm>
                <ActionForm action=reject>
                    <input type="hidden" name="join_request_id" value=reject_id/>
                    <button type="submit" class="secondary">{text::REJECT}</button>
                </ActionForm>
            })}
        </li>
    }
}
