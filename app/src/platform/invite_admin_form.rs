//! The outcome of inviting a tenant's admin: the link to copy, or why not.

use super::{InviteTenantAdmin, text};
use leptos::prelude::*;

/// Shows the last invitation link (or error) of `action`.
#[component]
pub fn InviteLink(action: ServerAction<InviteTenantAdmin>) -> impl IntoView {
    move || {
        action.value().get().map(|result| match result {
            Ok(link) => view! {
                <label class="stack">
                    {text::LINK_LABEL}
                    <input class="copy-link invitation-link" type="text" readonly value=link/>
                </label>
            }
            .into_any(),
            Err(error) => {
                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
            }
        })
    }
}
