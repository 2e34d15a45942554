//! The create-group form. It works without JavaScript; with it, errors show inline.

use super::domain::{DESCRIPTION_MAX_CHARS, JoinApprovalMode, SUBJECT_MAX_CHARS};
use super::{CreateGroup, text};
use crate::AppError;
use crate::tenants::numbers::NumberSummary;
use leptos::html;
use leptos::prelude::*;

/// The form; `action` is shared with the page so the list refetches after each submit.
#[component]
pub fn CreateForm(action: ServerAction<CreateGroup>, numbers: Vec<NumberSummary>) -> impl IntoView {
    let form = NodeRef::<html::Form>::new();
    let error = move || action.value().get().and_then(Result::err);
    let field_error = move |field: &'static str| {
        move || {
            error()
                .filter(|error| error.field() == Some(field))
                .map(|error| view! { <p class="field-error" role="alert">{error.to_string()}</p> })
        }
    };
    let general_error = move || {
        error()
            .filter(|error| error.field().is_none_or(str::is_empty))
            .map(|error: AppError| view! { <p class="error" role="alert">{error.to_string()}</p> })
    };
    let sent = move || matches!(action.value().get(), Some(Ok(_)));
    Effect::new(move |_| {
        if sent()
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });

    view! {
        <section class="create-group">
            <h2>{text::CREATE_HEADING}</h2>
            <ActionForm action node_ref=form>
                <label>
                    {text::FIELD_SUBJECT}
                    <input type="text" name="subject" required maxlength=SUBJECT_MAX_CHARS.to_string()
                        autocomplete="off" aria-describedby="subject-hint"/>
                    <small id="subject-hint">{text::FIELD_SUBJECT_HINT}</small>
                </label>
                {field_error("subject")}
                <label>
                    {text::FIELD_DESCRIPTION}
                    <textarea name="description" maxlength=DESCRIPTION_MAX_CHARS.to_string() rows="3"
                        aria-describedby="description-hint"></textarea>
                    <small id="description-hint">{text::FIELD_DESCRIPTION_HINT}</small>
                </label>
                {field_error("description")}
                <label>
                    {text::FIELD_APPROVAL_MODE}
                    <select name="join_approval_mode">
                        {JoinApprovalMode::ALL
                            .into_iter()
                            .map(|mode| view! { <option value=mode.as_str()>{mode.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                {field_error("join_approval_mode")}
                <label>
                    {text::FIELD_NUMBER}
                    <select name="number_id">
                        {numbers
                            .into_iter()
                            .map(|number| {
                                let label = if number.sandbox {
                                    format!("{} ({})", number.display_phone_number, text::SANDBOX_BADGE)
                                } else {
                                    number.display_phone_number
                                };
                                view! { <option value=number.id.to_string()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                {field_error("number_id")}
                {general_error}
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { text::CREATE_PENDING } else { text::CREATE_BUTTON }}
                </button>
                <Show when=sent>
                    <p class="notice" role="status">{text::CREATE_SENT}</p>
                </Show>
            </ActionForm>
        </section>
    }
}
