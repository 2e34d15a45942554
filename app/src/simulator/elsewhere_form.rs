//! The form that makes a group on WhatsApp without GroupDesk (as another app would).

use super::api::SimCreateElsewhere;
use super::text;
use crate::tenants::numbers::NumberSummary;
use leptos::prelude::*;

/// Subject, sandbox number and an optional first participant.
#[component]
pub fn ElsewhereForm(
    action: ServerAction<SimCreateElsewhere>,
    numbers: Vec<NumberSummary>,
) -> impl IntoView {
    let options = numbers
        .into_iter()
        .filter(|number| number.sandbox)
        .map(|number| {
            view! { <option value=number.id.to_string()>{number.display_phone_number}</option> }
        })
        .collect_view();
    view! {
        <section class="sim-elsewhere" aria-labelledby="sim-elsewhere-heading">
            <h2 id="sim-elsewhere-heading">{text::ELSEWHERE_HEADING}</h2>
            <p class="muted">{text::ELSEWHERE_INTRO}</p>
            <ActionForm action>
                <label>{text::ELSEWHERE_NUMBER}<select name="number_id" required>{options}</select></label>
                <label>{text::ELSEWHERE_SUBJECT}<input type="text" name="subject" maxlength="128" required/></label>
                <label>{text::ELSEWHERE_PHONE}<input type="tel" name="phone"/></label>
                <button type="submit">{text::ELSEWHERE_CREATE}</button>
            </ActionForm>
        </section>
    }
}
