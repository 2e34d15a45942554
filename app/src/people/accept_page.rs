//! `/invite/{token}`: the invitee chooses a name and password and joins.

use super::{AcceptInvitation, text};
use crate::auth::text as auth_text;
use crate::auth::{FormError, OidcButton};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Name and password; on success the server signs the person in to the invited tenant.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let action = ServerAction::<AcceptInvitation>::new();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    view! {
        <section class="auth">
            <h1>{text::ACCEPT_TITLE}</h1>
            <p>{text::ACCEPT_INTRO}</p>
            <OidcButton hint=auth_text::OIDC_ACCEPT_HINT/>
            <ActionForm action>
                <input type="hidden" name="token" value=token/>
                <label>
                    {auth_text::FIELD_DISPLAY_NAME}
                    <input type="text" name="display_name" maxlength="100"/>
                </label>
                <label>
                    {auth_text::FIELD_NEW_PASSWORD}
                    <input type="password" name="password" required autocomplete="new-password"/>
                </label>
                <FormError action/>
                <button type="submit">{text::ACCEPT_BUTTON}</button>
            </ActionForm>
        </section>
    }
}
