//! The capacity cockpit: a card per number with its groups out of 10,000, waiting operations,
//! recent failures explained, and a button that asks WhatsApp for the number's facts now.

use super::capacity::{
    CheckNumberFacts, GROUPS_PER_NUMBER, GROUPS_WARN_PERCENT, NumberCapacity, RecentFailure,
};
use super::facts_view::FactsView;
use super::text;
use crate::operations::{kind_label, state_label};
use leptos::prelude::*;

/// One card per number.
#[component]
pub fn CapacityCards(numbers: Vec<NumberCapacity>) -> impl IntoView {
    view! {
        <section class="capacity" aria-labelledby="capacity-heading">
            <h2 id="capacity-heading">{text::CAPACITY_HEADING}</h2>
            {if numbers.is_empty() {
                view! { <p class="empty">{text::CAPACITY_EMPTY}</p> }.into_any()
            } else {
                numbers
                    .into_iter()
                    .map(|number| view! { <CapacityCard number/> })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn CapacityCard(number: NumberCapacity) -> impl IntoView {
    let check = ServerAction::<CheckNumberFacts>::new();
    let percent = number.groups_used * 100 / GROUPS_PER_NUMBER;
    let near_cap = percent >= GROUPS_WARN_PERCENT;
    let id = number.id.to_string();
    let form_id = id.clone();
    view! {
        <article class="capacity-card" data-number=id>
            <h3>{number.display_phone_number}</h3>
            <p class="groups-used">
                <span data-groups-used=number.groups_used>
                    {text::groups_used(number.groups_used, GROUPS_PER_NUMBER)}
                </span>
                <meter min="0" max=GROUPS_PER_NUMBER.to_string() low=(GROUPS_PER_NUMBER * GROUPS_WARN_PERCENT / 100).to_string()
                    high=(GROUPS_PER_NUMBER * GROUPS_WARN_PERCENT / 100).to_string()
                    optimum="0" value=number.groups_used.to_string()
                    aria-label=text::GROUPS_METER></meter>
            </p>
            {near_cap.then(|| view! { <p class="warning" role="status">{text::NEAR_CAP}</p> })}
            <p class="pending-operations">
                {text::pending_operations(number.pending_operations)}
                {(number.stale_operations > 0).then(|| view! {
                    " " <span class="stale">{text::stale_operations(number.stale_operations)}</span>
                })}
            </p>
            <RecentFailures failures=number.recent_failures/>
            <ActionForm action=check attr:class="inline">
                <input type="hidden" name="number_id" value=form_id/>
                <button type="submit" disabled=move || check.pending().get()>
                    {move || if check.pending().get() { text::CHECKING } else { text::CHECK_FACTS }}
                </button>
            </ActionForm>
            {move || match check.value().get() {
                Some(Ok(facts)) => {
                    let refusal = facts.refusal();
                    view! {
                        <FactsView facts/>
                        {refusal.map(|reason| view! { <p class="error" role="alert">{reason}</p> })}
                    }
                    .into_any()
                }
                Some(Err(error)) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                None => ().into_any(),
            }}
        </article>
    }
}

#[component]
fn RecentFailures(failures: Vec<RecentFailure>) -> impl IntoView {
    if failures.is_empty() {
        return view! { <p class="muted">{text::NO_RECENT_FAILURES}</p> }.into_any();
    }
    view! {
        <details class="recent-failures">
            <summary>{text::recent_failures(failures.len())}</summary>
            <ul>
                {failures
                    .into_iter()
                    .map(|failure| view! {
                        <li>
                            <strong>{kind_label(&failure.kind)}</strong>
                            {failure.group.map(|group| view! { " · " {group} })}
                            " · " {state_label(&failure.state)}
                            " · " <time datetime=failure.at.to_rfc3339()>{crate::dates::minute_utc(failure.at)}</time>
                            <ul class="problems">
                                {failure.problems.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}
                            </ul>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </details>
    }
    .into_any()
}
