//! The invite form: email and role in, a link to copy out.

use super::{CreateInvitation, text};
use crate::tenants::Role;
use leptos::prelude::*;

/// Creates an invitation and shows its link.
#[component]
pub fn InviteForm(action: ServerAction<CreateInvitation>) -> impl IntoView {
    view! {
        <section class="invite">
            <h2>{text::INVITE_HEADING}</h2>
            <p>{text::INVITE_HINT}</p>
            <ActionForm action attr:class="stack">
                <label>
                    {text::COLUMN_EMAIL}
                    <input type="email" name="email" required/>
                </label>
                <label>
                    {text::FIELD_ROLE}
                    <select name="role">
                        {Role::ALL
                            .iter()
                            .map(|role| view! { <option value=role.as_str() selected=*role == Role::Staff>{role.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit">{text::INVITE_BUTTON}</button>
            </ActionForm>
            {move || {
                action
                    .value()
                    .get()
                    .map(|result| match result {
                        Ok(link) => view! {
                            <label class="stack">
                                {text::LINK_LABEL}
                                <input class="copy-link invitation-link" type="text" readonly value=link/>
                            </label>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </section>
    }
}
