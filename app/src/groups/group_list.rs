//! The table of groups.

use super::list_groups::GroupSummary;
use super::text;
use leptos::prelude::*;

/// Shows groups with their state and invite link, or what to do when there are none.
#[component]
pub fn GroupList(groups: Vec<GroupSummary>) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p class="empty">{text::LIST_EMPTY}</p> }.into_any();
    }
    view! {
        <table class="groups">
            <thead>
                <tr>
                    <th scope="col">{text::COLUMN_SUBJECT}</th>
                    <th scope="col">{text::COLUMN_STATE}</th>
                    <th scope="col">{text::COLUMN_INVITE_LINK}</th>
                    <th scope="col">{text::COLUMN_NUMBER}</th>
                </tr>
            </thead>
            <tbody>
                {groups.into_iter().map(|group| view! { <GroupRow group/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn GroupRow(group: GroupSummary) -> impl IntoView {
    let state = group.state;
    view! {
        <tr class="group" data-group-id=group.id.to_string()>
            <td class="subject"><a href=format!("/groups/{}", group.id)>{group.subject}</a></td>
            <td>
                <span class=format!("state state-{}", state.as_str()) data-state=state.as_str()>
                    {state.label()}
                </span>
                {group.suspended.then(|| view! { <span class="state state-failed">{text::SUSPENDED_BADGE}</span> })}
                {group.failure_reason.map(|reason| view! { <p class="reason">{reason}</p> })}
            </td>
            <td class="invite">
                {group.invite_link.map(|link| view! { <a class="invite-link" href=link.clone() rel="noopener" target="_blank">{link.clone()}</a> })}
            </td>
            <td>{group.number}</td>
        </tr>
    }
}
