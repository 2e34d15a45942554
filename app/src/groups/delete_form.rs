//! Deleting a group: the person types its subject to confirm. For a group WhatsApp no longer
//! lists (flagged by Sync from WhatsApp), the same form marks it deleted in GroupDesk only.

use super::group_ui::{GroupUi, alert};
use super::manage::DeleteGroup;
use super::mark_deleted::MarkGroupDeleted;
use super::text;
use leptos::prelude::*;

/// The delete section; the button works only once the typed text equals the subject. `missing`:
/// the last sync did not find the group, so it is marked deleted without asking WhatsApp.
#[component]
pub fn DeleteForm(group_id: String, subject: String, missing: bool, ui: GroupUi) -> impl IntoView {
    let pending = Signal::derive(move || {
        if missing {
            ui.mark_deleted.pending().get()
        } else {
            ui.delete.pending().get()
        }
    });
    let error = move || {
        if missing {
            ui.mark_deleted.value().get().and_then(Result::err)
        } else {
            ui.delete.value().get().and_then(Result::err)
        }
    };
    let expected = subject.clone();
    let matches = move || ui.delete_typed.with(|typed| typed.trim() == expected);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (group_id, confirm_subject) = (group_id.clone(), ui.delete_typed.get_untracked());
        if missing {
            ui.mark_deleted.dispatch(MarkGroupDeleted {
                group_id,
                confirm_subject,
            });
        } else {
            ui.delete.dispatch(DeleteGroup {
                group_id,
                confirm_subject,
            });
        }
    };
    let (heading, explained, button, busy) = if missing {
        (
            text::MARK_DELETED_HEADING,
            text::MARK_DELETED_EXPLAINED,
            text::MARK_DELETED_BUTTON,
            text::MARKING_DELETED,
        )
    } else {
        (
            text::DELETE_HEADING,
            text::DELETE_EXPLAINED,
            text::DELETE_BUTTON,
            text::DELETING,
        )
    };
    view! {
        <section class="delete-group">
            <h2>{heading}</h2>
            <p>{explained}</p>
            <form class="stack" on:submit=submit>
                <label>
                    {format!("{} “{subject}”", text::DELETE_TYPE_SUBJECT)}
                    <input type="text" name="confirm_subject" autocomplete="off"
                        prop:value=move || ui.delete_typed.get()
                        on:input=move |event| ui.delete_typed.set(event_target_value(&event))/>
                </label>
                {move || alert(error())}
                <button type="submit" class="danger" disabled=move || !matches() || pending.get()>
                    {move || if pending.get() { busy } else { button }}
                </button>
            </form>
        </section>
    }
}
