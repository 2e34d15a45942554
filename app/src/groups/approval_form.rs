//! Changing who can join with the link. Support, staff and admins may change it; the group shows
//! the new mode once WhatsApp's settings webhook confirms it.

use super::domain::JoinApprovalMode;
use super::group_ui::{GroupUi, alert};
use super::manage::ChangeApprovalMode;
use super::text;
use leptos::prelude::*;

/// The current mode, and a form to change it while the group can be changed.
#[component]
pub fn ApprovalForm(
    group_id: String,
    current: JoinApprovalMode,
    can_change: bool,
    ui: GroupUi,
) -> impl IntoView {
    let pending = ui.approval.pending();
    let chosen = move || {
        let draft = ui.approval_draft.get();
        if draft.is_empty() {
            current.as_str().to_owned()
        } else {
            draft
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        ui.approval.dispatch(ChangeApprovalMode {
            group_id: group_id.clone(),
            mode: chosen(),
        });
    };
    let asked = move || matches!(ui.approval.value().get(), Some(Ok(())));
    view! {
        <section class="approval">
            <h2>{text::APPROVAL_HEADING}</h2>
            <p class="approval-mode" data-mode=current.as_str()>{current.label()}</p>
            {can_change.then(|| view! {
                <form class="approval-form" on:submit=submit>
                    <label>
                        <span class="visually-hidden">{text::APPROVAL_HEADING}</span>
                        <select name="mode" prop:value=chosen
                            on:change=move |event| ui.approval_draft.set(event_target_value(&event))>
                            {JoinApprovalMode::ALL
                                .into_iter()
                                .map(|mode| view! {
                                    <option value=mode.as_str() selected=move || chosen() == mode.as_str()>{mode.label()}</option>
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <button type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { text::APPROVAL_CHANGING } else { text::APPROVAL_CHANGE }}
                    </button>
                </form>
                {move || alert(ui.approval.value().get().and_then(Result::err))}
                {move || asked().then(|| view! { <p class="notice" role="status">{text::APPROVAL_ASKED}</p> })}
                {(current == JoinApprovalMode::ApprovalRequired).then(|| view! { <p class="hint">{text::APPROVAL_TO_AUTO}</p> })}
            })}
        </section>
    }
}
