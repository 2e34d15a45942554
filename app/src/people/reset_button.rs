//! A button that makes a password-reset link for one member and shows it to copy.

use super::{CreatePasswordReset, text};
use crate::ids::UserId;
use leptos::prelude::*;

/// Posts `create_password_reset` for `user_id`; shows the link or the reason it was refused.
#[component]
pub fn ResetButton(user_id: UserId) -> impl IntoView {
    let action = ServerAction::<CreatePasswordReset>::new();
    view! {
        <ActionForm action attr:class="inline">
            <input type="hidden" name="user_id" value=user_id.to_string()/>
            <button type="submit">{text::RESET_BUTTON}</button>
        </ActionForm>
        {move || {
            action
                .value()
                .get()
                .map(|result| match result {
                    Ok(link) => view! {
                        <p class="notice">
                            {text::RESET_HINT}" "
                            <input class="copy-link" type="text" readonly value=link aria-label=text::LINK_LABEL/>
                        </p>
                    }
                    .into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                })
        }}
    }
}
