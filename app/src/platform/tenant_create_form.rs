//! The form that creates a tenant.

use super::{CreateTenant, text};
use leptos::prelude::*;

/// Name and slug in; the table refetches.
#[component]
pub fn TenantCreateForm(action: ServerAction<CreateTenant>) -> impl IntoView {
    view! {
        <section class="create-tenant">
            <h2>{text::CREATE_HEADING}</h2>
            <p>{text::CREATE_HINT}</p>
            <ActionForm action attr:class="stack">
                <label>
                    {text::FIELD_NAME}
                    <input type="text" name="name" required/>
                </label>
                <label>
                    {text::FIELD_SLUG}
                    <input type="text" name="slug" required pattern="[a-z0-9][a-z0-9-]*"/>
                </label>
                <button type="submit">{text::CREATE_BUTTON}</button>
            </ActionForm>
            {move || {
                action
                    .value()
                    .get()
                    .and_then(Result::err)
                    .map(|error| view! { <p class="error" role="alert">{error.to_string()}</p> })
            }}
        </section>
    }
}
