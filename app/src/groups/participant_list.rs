//! The participants of a group, out of WhatsApp's 8, with removal of 1 to 8 at once.

use super::domain::REMOVE_MAX;
use super::group_detail::ParticipantView;
use super::group_ui::{GroupUi, alert};
use super::manage::RemoveParticipants;
use super::text;
use crate::operations::{ItemList, OperationView};
use leptos::prelude::*;

/// Who is in the group and how they joined; `can_remove` adds the checkboxes.
#[component]
pub fn ParticipantList(
    participants: Vec<ParticipantView>,
    group_id: String,
    can_remove: bool,
    ui: GroupUi,
    last_removal: Option<OperationView>,
) -> impl IntoView {
    let count = participants.len();
    let present: Vec<String> = participants.iter().map(ParticipantView::key).collect();
    // Someone who left meanwhile cannot stay selected.
    ui.selected
        .update_untracked(|selected| selected.retain(|key| present.contains(key)));
    view! {
        <section class="participants">
            <h2>{text::PARTICIPANTS_HEADING}" "<span class="count">{format!("{count}/8")}</span></h2>
            {(count >= 8).then(|| view! { <p class="notice">{text::GROUP_FULL_NOTICE}</p> })}
            <p class="hint no-direct-add">{text::NO_DIRECT_ADD}</p>
            {if participants.is_empty() {
                view! { <p class="empty">{text::PARTICIPANTS_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ul class="participant-list">
                        {participants
                            .into_iter()
                            .map(|participant| view! { <ParticipantItem participant can_remove ui/> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {can_remove.then(|| view! { <RemoveControls group_id ui/> })}
            {last_removal.map(|operation| view! {
                <div class="last-outcome removal-outcome" role="status">
                    <p>{text::LAST_REMOVAL}</p>
                    <ItemList items=operation.items/>
                </div>
            })}
        </section>
    }
}

#[component]
fn ParticipantItem(participant: ParticipantView, can_remove: bool, ui: GroupUi) -> impl IntoView {
    let key = participant.key();
    let who = participant
        .wa_id
        .clone()
        .or(participant.username.clone())
        .or(participant.user_id.clone())
        .unwrap_or_default();
    let via = if participant.joined_via == "join_request" {
        text::JOINED_BY_REQUEST
    } else {
        text::JOINED_BY_LINK
    };
    let checkbox = can_remove.then(|| {
        let toggled = key.clone();
        let checked = key.clone();
        view! {
            <input type="checkbox" class="select-participant"
                aria-label=format!("{} {who}", text::SELECT_PARTICIPANT)
                prop:checked=move || ui.selected.with(|selected| selected.contains(&checked))
                on:change=move |_| ui.selected.update(|selected| {
                    if let Some(at) = selected.iter().position(|k| *k == toggled) {
                        selected.remove(at);
                    } else {
                        selected.push(toggled.clone());
                    }
                })/>
        }
    });
    view! {
        <li class="participant">
            <label>
                {checkbox}
                <span class="who">{who.clone()}</span>
            </label>
            " · "{via}" · "
            <time datetime=participant.joined_at.to_rfc3339()>{crate::dates::minute(participant.joined_at)}</time>
        </li>
    }
}

#[component]
fn RemoveControls(group_id: String, ui: GroupUi) -> impl IntoView {
    let chosen = move || ui.selected.with(Vec::len);
    let too_many = move || chosen() > REMOVE_MAX;
    let pending = ui.remove.pending();
    let confirm = move |_| {
        ui.remove.dispatch(RemoveParticipants {
            group_id: group_id.clone(),
            participants: ui.selected.get_untracked().join(","),
        });
        ui.confirming_removal.set(false);
        ui.selected.set(Vec::new());
    };
    view! {
        <div class="remove-controls">
            <button type="button" class="danger"
                disabled=move || chosen() == 0 || too_many() || pending.get()
                on:click=move |_| ui.confirming_removal.set(true)>
                {move || if pending.get() {
                    text::REMOVING.to_owned()
                } else {
                    format!("{} ({})", text::REMOVE_SELECTED, chosen())
                }}
            </button>
            <Show when=too_many>
                <p class="error" role="alert">{text::REMOVE_TOO_MANY}</p>
            </Show>
            {move || alert(ui.remove.value().get().and_then(Result::err))}
            <Show when=move || { ui.confirming_removal.get() && chosen() != 0 }>
                <div class="confirm" role="alertdialog" aria-labelledby="remove-confirm-text">
                    <p id="remove-confirm-text">
                        {move || format!("{} {}", text::REMOVE_CONFIRM_COUNT, ui.selected.get().join(", "))}
                        <br/>
                        <strong>{text::REMOVE_CONFIRM_NO_REJOIN}</strong>
                    </p>
                    <button type="button" class="danger" on:click=confirm.clone()>{text::REMOVE_CONFIRM}</button>
                    <button type="button" class="secondary" on:click=move |_| ui.confirming_removal.set(false)>{text::CANCEL}</button>
                </div>
            </Show>
        </div>
    }
}
