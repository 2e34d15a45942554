//! `/setup/{token}`: the one-time page that creates the first platform admin.

use super::{CompleteSetup, FormError, text};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Email, name and password of the first platform admin.
#[component]
pub fn SetupPage() -> impl IntoView {
    let action = ServerAction::<CompleteSetup>::new();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    view! {
        <section class="auth">
            <h1>{text::SETUP_TITLE}</h1>
            <p>{text::SETUP_INTRO}</p>
            <ActionForm action>
                <input type="hidden" name="token" value=token/>
                <label>
                    {text::FIELD_EMAIL}
                    <input type="email" name="email" required autocomplete="username"/>
                </label>
                <label>
                    {text::FIELD_DISPLAY_NAME}
                    <input type="text" name="display_name" required maxlength="100"/>
                </label>
                <label>
                    {text::FIELD_NEW_PASSWORD}
                    <input type="password" name="password" required minlength="12" autocomplete="new-password"/>
                </label>
                <FormError action/>
                <button type="submit" disabled=move || action.pending().get()>{text::SETUP_BUTTON}</button>
            </ActionForm>
        </section>
    }
}
