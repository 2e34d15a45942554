//! The participants of a group, out of WhatsApp's 8.

use super::group_detail::ParticipantView;
use super::text;
use leptos::prelude::*;

/// Who is in the group and how they joined.
#[component]
pub fn ParticipantList(participants: Vec<ParticipantView>) -> impl IntoView {
    let count = participants.len();
    view! {
        <section class="participants">
            <h2>{text::PARTICIPANTS_HEADING}" "<span class="count">{format!("{count}/8")}</span></h2>
            {if participants.is_empty() {
                view! { <p class="empty">{text::PARTICIPANTS_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {participants
                            .into_iter()
                            .map(|participant| {
                                let who = participant
                                    .wa_id
                                    .clone()
                                    .or(participant.username.clone())
                                    .or(participant.user_id.clone())
                                    .unwrap_or_default();
                                let via = if participant.joined_via == "join_request" {
                                    text::JOINED_BY_REQUEST
                                } else {
                                    text::JOINED_BY_LINK
                                };
                                view! { <li class="participant"><span class="who">{who}</span>" · "{via}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
