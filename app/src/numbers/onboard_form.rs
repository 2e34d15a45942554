//! The onboarding form: IDs and a token in; WhatsApp's facts and the outcome out.

use super::facts_view::FactsView;
use super::{OnboardNumber, text};
use leptos::prelude::*;

/// Onboards a number. The token field is a password field and is never filled from the server.
#[component]
pub fn OnboardForm(action: ServerAction<OnboardNumber>, sandbox_available: bool) -> impl IntoView {
    view! {
        <section class="onboard">
            <h2>{text::ONBOARD_HEADING}</h2>
            <p>{text::ONBOARD_HINT}</p>
            <ActionForm action attr:class="stack">
                <label>
                    {text::FIELD_PNID}
                    <input type="text" name="phone_number_id" inputmode="numeric" required/>
                </label>
                <label>
                    {text::FIELD_WABA}
                    <input type="text" name="waba_id" inputmode="numeric" required/>
                </label>
                <label>
                    {text::FIELD_TOKEN}
                    <input type="password" name="access_token" required autocomplete="off"/>
                </label>
                {sandbox_available.then_some(view! {
                    <label class="inline">
                        <input type="checkbox" name="sandbox" value="on"/>
                        {text::FIELD_SANDBOX}
                    </label>
                })}
                <button type="submit">{text::ONBOARD_BUTTON}</button>
            </ActionForm>
            {move || {
                action
                    .value()
                    .get()
                    .map(|result| match result {
                        Ok(answer) => {
                            let outcome = match answer.refused {
                                Some(reason) => view! { <p class="error" role="alert">{reason}</p> }.into_any(),
                                None => view! { <p class="notice" role="status">{text::ONBOARDED}</p> }.into_any(),
                            };
                            view! { {outcome} <FactsView facts=answer.facts/> }.into_any()
                        }
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </section>
    }
}
