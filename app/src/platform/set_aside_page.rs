//! The Webhook events page (platform admins): events set aside, why, when, and a Replay button.

use super::set_aside::{ReplaySetAsideEvent, SetAsideEvent, list_set_aside_events};
use super::text;
use crate::auth::FormError;
use leptos::prelude::*;

/// Lists set-aside events; refetches after every replay.
#[component]
pub fn SetAsidePage() -> impl IntoView {
    let replay = ServerAction::<ReplaySetAsideEvent>::new();
    let events = crate::resource::new(move || replay.version().get(), |_| list_set_aside_events());
    view! {
        <h1>{text::SET_ASIDE_TITLE}</h1>
        <p>{text::SET_ASIDE_HINT}</p>
        <Transition fallback=|| view! { <p>{text::SET_ASIDE_LOADING}</p> }>
            {move || {
                events
                    .get()
                    .map(|result| match result {
                        Ok(events) => view! { <SetAsideTable events replay/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        <Show when=move || matches!(replay.value().get(), Some(Ok(())))>
            <p role="status">{text::REPLAYED}</p>
        </Show>
        <FormError action=replay/>
    }
}

#[component]
fn SetAsideTable(
    events: Vec<SetAsideEvent>,
    replay: ServerAction<ReplaySetAsideEvent>,
) -> impl IntoView {
    if events.is_empty() {
        return view! { <p>{text::SET_ASIDE_NONE}</p> }.into_any();
    }
    view! {
        <table class="set-aside">
            <thead>
                <tr>
                    <th>{text::COLUMN_RECEIVED}</th>
                    <th>{text::COLUMN_REASON}</th>
                    <th>{text::COLUMN_NUMBER}</th>
                    <th>{text::COLUMN_ATTEMPTS}</th>
                    <th>{text::COLUMN_ACTIONS}</th>
                </tr>
            </thead>
            <tbody>
                {events
                    .into_iter()
                    .map(|event| {
                        let id = event.id.to_string();
                        let form_id = id.clone();
                        view! {
                            <tr data-event=id>
                                <td><time datetime=event.received_at.clone()>{event.received_at.clone()}</time></td>
                                <td>
                                    <strong>{text::outcome(&event.outcome)}</strong>
                                    {event.last_error.map(|error| view! { <br/><small>{error}</small> })}
                                </td>
                                <td>{event.phone_number_id.unwrap_or_default()}</td>
                                <td>{event.attempts}</td>
                                <td>
                                    <ActionForm action=replay attr:class="inline">
                                        <input type="hidden" name="id" value=form_id/>
                                        <button type="submit">{text::REPLAY_BUTTON}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
