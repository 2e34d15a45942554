//! The table of groups, one page at a time.

use super::list_filter::GroupFilter;
use super::list_groups::{GroupPage, GroupSummary};
use super::text;
use crate::groups::domain::PARTICIPANTS_MAX;
use leptos::prelude::*;

/// Shows a page of groups with their state, size and invite link, or what to do when there are none.
#[component]
pub fn GroupList(page: GroupPage, filter: GroupFilter) -> impl IntoView {
    if page.groups.is_empty() {
        let empty = if filter.narrows() {
            text::LIST_EMPTY_FILTERED
        } else if !filter.cursor.is_empty() {
            text::LIST_EMPTY_PAGE
        } else {
            text::LIST_EMPTY
        };
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let next = page
        .next_cursor
        .map(|cursor| format!("/groups?{}", filter.query_string(Some(&cursor))));
    let first =
        (!filter.cursor.is_empty()).then(|| format!("/groups?{}", filter.query_string(None)));
    view! {
        <table class="groups">
            <thead>
                <tr>
                    <th scope="col">{text::COLUMN_SUBJECT}</th>
                    <th scope="col">{text::COLUMN_STATE}</th>
                    <th scope="col">{text::COLUMN_PARTICIPANTS}</th>
                    <th scope="col">{text::COLUMN_INVITE_LINK}</th>
                    <th scope="col">{text::COLUMN_NUMBER}</th>
                </tr>
            </thead>
            <tbody>
                {page.groups.into_iter().map(|group| view! { <GroupRow group/> }).collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label=text::PAGER_LABEL>
            {first.map(|href| view! { <a href=href class="first-page">{text::PAGE_FIRST}</a> })}
            {next.map(|href| view! { <a href=href class="next-page" rel="next">{text::PAGE_NEXT}</a> })}
        </nav>
    }
    .into_any()
}

#[component]
fn GroupRow(group: GroupSummary) -> impl IntoView {
    let state = group.state;
    let full = group.participants >= PARTICIPANTS_MAX;
    view! {
        <tr class="group" data-group-id=group.id.to_string()>
            <td class="subject">
                <a href=format!("/groups/{}", group.id)>{group.subject}</a>
                {(group.pending_requests > 0).then(|| view! {
                    <span class="badge pending-badge" title=text::PENDING_BADGE_TITLE>
                        {text::pending_badge(group.pending_requests)}
                    </span>
                })}
            </td>
            <td>
                <span class=format!("state state-{}", state.as_str()) data-state=state.as_str()>
                    {state.label()}
                </span>
                {group.suspended.then(|| view! { <span class="state state-failed">{text::SUSPENDED_BADGE}</span> })}
                {group.missing_since.is_some().then(|| view! {
                    <span class="state state-failed missing-badge" title=text::MISSING_BADGE_TITLE>{text::MISSING_BADGE}</span>
                })}
                {group.failure_reason.map(|reason| view! { <p class="reason">{reason}</p> })}
            </td>
            <td class="participants" class:full=full data-participants=group.participants>
                {format!("{}/{PARTICIPANTS_MAX}", group.participants)}
            </td>
            <td class="invite">
                {group.invite_link.map(|link| view! { <a class="invite-link" href=link.clone() rel="noopener" target="_blank">{link.clone()}</a> })}
            </td>
            <td>{group.number}</td>
        </tr>
    }
}
