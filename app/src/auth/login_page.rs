//! The sign-in page. Works without JavaScript.

use super::{FormError, Login, OidcButton, OidcProblem, text};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Email and password; on success the server sends the browser to the groups. When an identity
/// provider is configured, a button signs in through it instead, and `?oidc=<code>` shows why
/// such a sign-in did not work.
#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let problem = move || {
        query
            .read()
            .get("oidc")
            .and_then(|code| OidcProblem::from_code(&code))
    };
    view! {
        <section class="auth">
            <h1>{text::LOGIN_TITLE}</h1>
            {move || problem().map(|problem| view! { <p class="error" role="alert">{problem.message()}</p> })}
            <OidcButton hint=text::OIDC_OR_PASSWORD/>
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
