//! `/reset/{token}`: a person sets a new password.

use super::{ResetPassword, text};
use crate::auth::FormError;
use crate::auth::text as auth_text;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A new password; on success the server sends the browser to the sign-in page.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    view! {
        <section class="auth">
            <h1>{text::RESET_TITLE}</h1>
            <ActionForm action>
                <input type="hidden" name="token" value=token/>
                <label>
                    {auth_text::FIELD_NEW_PASSWORD}
                    <input type="password" name="password" required minlength="12" autocomplete="new-password"/>
                </label>
                <FormError action/>
                <button type="submit">{text::RESET_SUBMIT}</button>
            </ActionForm>
        </section>
    }
}
