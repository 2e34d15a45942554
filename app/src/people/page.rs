//! The People page (admins): members, open invitations, and the invite form.

use super::invite_form::InviteForm;
use super::member_table::MemberTable;
use super::{CreateInvitation, list_people, text};
use leptos::prelude::*;

/// Lists the tenant's people; refetches after each invitation.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let invite = ServerAction::<CreateInvitation>::new();
    let people = crate::resource::new(move || invite.version().get(), |_| list_people());
    view! {
        <h1>{text::PAGE_TITLE}</h1>
        <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
            {move || {
                people
                    .get()
                    .map(|result| match result {
                        Ok(people) => view! { <MemberTable people/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        <InviteForm action=invite/>
    }
}
