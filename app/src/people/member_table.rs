//! Members and open invitations, with a reset-link button per member.

use super::list_people::People;
use super::reset_button::ResetButton;
use super::text;
use leptos::prelude::*;

/// The two tables of the People page.
#[component]
pub fn MemberTable(people: People) -> impl IntoView {
    view! {
        <h2>{text::MEMBERS_HEADING}</h2>
        <table class="people">
            <thead>
                <tr>
                    <th scope="col">{text::COLUMN_NAME}</th>
                    <th scope="col">{text::COLUMN_EMAIL}</th>
                    <th scope="col">{text::COLUMN_ROLE}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                {people
                    .members
                    .into_iter()
                    .map(|person| {
                        view! {
                            <tr class="person" data-user-id=person.user_id.to_string()>
                                <td>{person.display_name}</td>
                                <td>{person.email}</td>
                                <td>{person.role.label()}</td>
                                <td><ResetButton user_id=person.user_id/></td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <h2>{text::INVITATIONS_HEADING}</h2>
        {if people.invitations.is_empty() {
            view! { <p class="empty">{text::NO_INVITATIONS}</p> }.into_any()
        } else {
            view! {
                <table class="invitations">
                    <thead>
                        <tr>
                            <th scope="col">{text::COLUMN_EMAIL}</th>
                            <th scope="col">{text::COLUMN_ROLE}</th>
                            <th scope="col">{text::COLUMN_EXPIRES}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {people
                            .invitations
                            .into_iter()
                            .map(|invited| {
                                view! {
                                    <tr>
                                        <td>{invited.email}</td>
                                        <td>{invited.role.label()}</td>
                                        <td>{crate::dates::minute_utc(invited.expires_at)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
    }
}
