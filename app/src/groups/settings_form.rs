//! Changing a group's subject and description; each setting's outcome comes from the webhook.

use super::domain::{DESCRIPTION_MAX_CHARS, SUBJECT_MAX_CHARS};
use super::group_ui::{GroupUi, alert};
use super::manage::UpdateGroupSettings;
use super::picture_form::PictureForm;
use super::text;
use crate::operations::{ItemList, OperationView};
use leptos::prelude::*;

/// The edit button, the form while editing, and the last change's per-setting outcome.
#[component]
pub fn SettingsForm(
    group_id: String,
    subject: String,
    description: String,
    can_edit: bool,
    ui: GroupUi,
    last_change: Option<OperationView>,
) -> impl IntoView {
    let pending = ui.settings.pending();
    let picture_group = group_id.clone();
    let open = move |_| {
        ui.subject_draft.set(subject.clone());
        ui.description_draft.set(description.clone());
        ui.editing.set(true);
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        ui.settings.dispatch(UpdateGroupSettings {
            group_id: group_id.clone(),
            subject: ui.subject_draft.get_untracked(),
            description: ui.description_draft.get_untracked(),
        });
    };
    // A change WhatsApp accepted closes the form; its outcome shows below.
    Effect::new(move |_| {
        if matches!(ui.settings.value().get(), Some(Ok(()))) {
            ui.editing.set(false);
        }
    });
    view! {
        <section class="settings">
            <h2>{text::SETTINGS_HEADING}</h2>
            {can_edit.then(|| view! {
                <Show when=move || !ui.editing.get()>
                    <button type="button" class="secondary" on:click=open.clone()>{text::EDIT_SETTINGS}</button>
                </Show>
            })}
            <Show when=move || ui.editing.get()>
                <form class="stack settings-form" on:submit=save.clone()>
                    <label>
                        {text::FIELD_SUBJECT}
                        <input type="text" name="subject" required maxlength=SUBJECT_MAX_CHARS.to_string()
                            prop:value=move || ui.subject_draft.get()
                            on:input=move |event| ui.subject_draft.set(event_target_value(&event))/>
                    </label>
                    <label>
                        {text::FIELD_DESCRIPTION}
                        <textarea name="description" rows="3" maxlength=DESCRIPTION_MAX_CHARS.to_string()
                            prop:value=move || ui.description_draft.get()
                            on:input=move |event| ui.description_draft.set(event_target_value(&event))></textarea>
                    </label>
                    {move || alert(ui.settings.value().get().and_then(Result::err))}
                    <div class="buttons">
                        <button type="submit" disabled=move || pending.get()>
                            {move || if pending.get() { text::SAVING } else { text::SAVE_SETTINGS }}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| ui.editing.set(false)>{text::CANCEL}</button>
                    </div>
                </form>
            </Show>
            {can_edit.then(|| view! { <PictureForm group_id=picture_group ui/> })}
            {last_change.map(|operation| view! {
                <div class="last-outcome settings-outcome" role="status">
                    <p>{text::LAST_SETTINGS_CHANGE}</p>
                    <ItemList items=operation.items/>
                </div>
            })}
        </section>
    }
}
