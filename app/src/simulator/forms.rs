//! The forms of one sandbox group: join through the link, post, leave, suspend.

use super::api::{SimGroup, SimJoin, SimLeave, SimMessage, SimSuspension, SimUser};
use super::text;
use leptos::prelude::*;

/// The actions the page shares, so every form refreshes the overview.
#[derive(Clone, Copy)]
pub struct SimActions {
    /// Join through the link.
    pub join: ServerAction<SimJoin>,
    /// Post a message.
    pub message: ServerAction<SimMessage>,
    /// Leave.
    pub leave: ServerAction<SimLeave>,
    /// Suspend or clear.
    pub suspension: ServerAction<SimSuspension>,
}

/// One group with its forms.
#[component]
pub fn SimGroupCard(group: SimGroup, actions: SimActions) -> impl IntoView {
    let link_text = group
        .invite_link
        .clone()
        .unwrap_or_else(|| text::NO_LINK.to_owned());
    let requests = group
        .join_requests
        .iter()
        .map(|request| view! { <li>{request.user.clone()}" · "{text::PENDING}</li> })
        .collect_view();
    let (id, post_id, leave_id) = (
        group.group_id.clone(),
        group.group_id.clone(),
        group.group_id.clone(),
    );
    view! {
        <section class="sim-group" data-group=id>
            <h2>{group.subject}</h2>
            <p>{link_text}{group.suspended.then(|| view! { " · "<strong>{text::SUSPENDED}</strong> })}</p>
            <h3>{text::JOIN_HEADING}</h3>
            {group.invite_link.map(|link| view! { <JoinForm link action=actions.join/> })}
            <ul class="sim-requests">{requests}</ul>
            <h3>{text::POST_HEADING}</h3>
            <PostForm group_id=post_id participants=group.participants.clone() action=actions.message/>
            <LeaveList group_id=leave_id participants=group.participants action=actions.leave/>
            <SuspendForm group_id=group.group_id suspended=group.suspended action=actions.suspension/>
        </section>
    }
}

#[component]
fn JoinForm(link: String, action: ServerAction<SimJoin>) -> impl IntoView {
    view! {
        <ActionForm action>
            <input type="hidden" name="invite_link" value=link/>
            <label>{text::PHONE}<input type="tel" name="phone" required/></label>
            <label>{text::NAME}<input type="text" name="name"/></label>
            <button type="submit">{text::OPEN_LINK}</button>
        </ActionForm>
    }
}

#[component]
fn PostForm(
    group_id: String,
    participants: Vec<SimUser>,
    action: ServerAction<SimMessage>,
) -> impl IntoView {
    if participants.is_empty() {
        return view! { <p class="empty">{text::NOBODY}</p> }.into_any();
    }
    let options = participants
        .into_iter()
        .map(|p| view! { <option value=p.user.clone()>{format!("{} {}", p.name, p.user)}</option> })
        .collect_view();
    view! {
        <ActionForm action>
            <input type="hidden" name="group_id" value=group_id/>
            <label>{text::AS}<select name="phone">{options}</select></label>
            <label>{text::KIND}
                <select name="kind">
                    <option value="text">{text::KIND_TEXT}</option>
                    <option value="image">{text::KIND_IMAGE}</option>
                    <option value="video">{text::KIND_VIDEO}</option>
                    <option value="audio">{text::KIND_AUDIO}</option>
                    <option value="document">{text::KIND_DOCUMENT}</option>
                    <option value="poll">{text::KIND_UNSUPPORTED}</option>
                </select>
            </label>
            <label>{text::MESSAGE}<input type="text" name="text"/></label>
            <button type="submit">{text::POST}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn LeaveList(
    group_id: String,
    participants: Vec<SimUser>,
    action: ServerAction<SimLeave>,
) -> impl IntoView {
    let items = participants
        .into_iter()
        .map(|p| {
            let group_id = group_id.clone();
            view! {
                <li>
                    {format!("{} {}", p.name, p.user)}
                    <ActionForm action>
                        <input type="hidden" name="group_id" value=group_id/>
                        <input type="hidden" name="phone" value=p.user/>
                        <button type="submit" class="secondary">{text::LEAVE}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="sim-participants">{items}</ul> }
}

#[component]
fn SuspendForm(
    group_id: String,
    suspended: bool,
    action: ServerAction<SimSuspension>,
) -> impl IntoView {
    let (value, label) = if suspended {
        ("false", text::CLEAR)
    } else {
        ("true", text::SUSPEND)
    };
    view! {
        <ActionForm action>
            <input type="hidden" name="group_id" value=group_id/>
            <input type="hidden" name="suspend" value=value/>
            <button type="submit" class="secondary">{label}</button>
        </ActionForm>
    }
}
