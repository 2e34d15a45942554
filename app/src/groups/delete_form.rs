//! Deleting a group: the person types its subject to confirm.

use super::group_ui::{GroupUi, alert};
use super::manage::DeleteGroup;
use super::text;
use leptos::prelude::*;

/// The delete section; the button works only once the typed text equals the subject.
#[component]
pub fn DeleteForm(group_id: String, subject: String, ui: GroupUi) -> impl IntoView {
    let pending = ui.delete.pending();
    let expected = subject.clone();
    let matches = move || ui.delete_typed.with(|typed| typed.trim() == expected);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        ui.delete.dispatch(DeleteGroup {
            group_id: group_id.clone(),
            confirm_subject: ui.delete_typed.get_untracked(),
        });
    };
    view! {
        <section class="delete-group">
            <h2>{text::DELETE_HEADING}</h2>
            <p>{text::DELETE_EXPLAINED}</p>
            <form class="stack" on:submit=submit>
                <label>
                    {format!("{} “{subject}”", text::DELETE_TYPE_SUBJECT)}
                    <input type="text" name="confirm_subject" autocomplete="off"
                        prop:value=move || ui.delete_typed.get()
                        on:input=move |event| ui.delete_typed.set(event_target_value(&event))/>
                </label>
                {move || alert(ui.delete.value().get().and_then(Result::err))}
                <button type="submit" class="danger" disabled=move || !matches() || pending.get()>
                    {move || if pending.get() { text::DELETING } else { text::DELETE_BUTTON }}
                </button>
            </form>
        </section>
    }
}
