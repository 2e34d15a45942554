//! The sign-in page. Works without JavaScript.

use super::{FormError, Login, text};
use leptos::prelude::*;

/// Email and password; on success the server sends the browser to the groups.
#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    view! {
        <section class="auth">
            <h1>{text::LOGIN_TITLE}</h1>
            <ActionForm action>
                <label>
                    {text::FIELD_EMAIL}
                    <input type="email" name="email" required autocomplete="username"/>
                </label>
                <label>
                    {text::FIELD_PASSWORD}
                    <input type="password" name="password" required autocomplete="current-password"/>
                </label>
                <FormError action/>
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { text::LOGIN_PENDING } else { text::LOGIN_BUTTON }}
                </button>
            </ActionForm>
        </section>
    }
}
