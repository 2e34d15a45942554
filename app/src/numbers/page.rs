//! The Numbers page (admins): the tenant's business numbers and the onboarding form.

use super::capacity_view::CapacityCards;
use super::number_table::NumberTable;
use super::onboard_form::OnboardForm;
use super::signup_section::SignupSection;
use super::{
    CompleteEmbeddedSignup, DisableNumber, OnboardNumber, RotateNumberToken, capacity_overview,
    list_business_numbers, text,
};
use crate::live::use_live_updates;
use leptos::prelude::*;

/// Lists the numbers; refetches after each onboarding, rotation or disabling.
#[component]
pub fn NumbersPage() -> impl IntoView {
    let onboard = ServerAction::<OnboardNumber>::new();
    let rotate = ServerAction::<RotateNumberToken>::new();
    let disable = ServerAction::<DisableNumber>::new();
    let signup = ServerAction::<CompleteEmbeddedSignup>::new();
    let overview = crate::resource::new(
        move || {
            (
                onboard.version().get(),
                rotate.version().get(),
                disable.version().get(),
                signup.version().get(),
            )
        },
        |_| list_business_numbers(),
    );
    let live = use_live_updates();
    let capacity = crate::resource::new(
        move || {
            (
                onboard.version().get(),
                disable.version().get(),
                signup.version().get(),
                live.tick.get(),
            )
        },
        |_| capacity_overview(),
    );
    view! {
        <h1>{text::PAGE_TITLE}</h1>
        <Transition fallback=|| ()>
            {move || {
                capacity
                    .get()
                    .map(|result| match result {
                        Ok(numbers) => view! { <CapacityCards numbers/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
            {move || {
                overview
                    .get()
                    .map(|result| match result {
                        Ok(overview) => view! {
                            <NumberTable numbers=overview.numbers rotate disable/>
                            <OnboardForm action=onboard sandbox_available=overview.sandbox_available/>
                            <SignupSection
                                complete=signup
                                facebook=overview.facebook
                                sandbox_available=overview.sandbox_available
                            />
                        }
                        .into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}
