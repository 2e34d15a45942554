//! `/sandbox`: every group the emulator knows, with forms to play its users.

use super::api::{
    SimCreateElsewhere, SimJoin, SimLeave, SimMessage, SimSuspension, sandbox_overview,
};
use super::elsewhere_form::ElsewhereForm;
use super::forms::{SimActions, SimGroupCard};
use super::text;
use crate::AppError;
use crate::live::{LiveIndicator, use_live_updates};
use leptos::prelude::*;

/// The Sandbox page.
#[component]
pub fn SandboxPage() -> impl IntoView {
    let actions = SimActions {
        join: ServerAction::<SimJoin>::new(),
        message: ServerAction::<SimMessage>::new(),
        leave: ServerAction::<SimLeave>::new(),
        suspension: ServerAction::<SimSuspension>::new(),
    };
    let elsewhere = ServerAction::<SimCreateElsewhere>::new();
    let numbers = crate::resource::new(|| (), |_| crate::tenants::numbers::list_numbers());
    let live = use_live_updates();
    let overview = crate::resource::new(
        move || {
            (
                elsewhere.version().get(),
                actions.join.version().get(),
                actions.message.version().get(),
                actions.leave.version().get(),
                actions.suspension.version().get(),
                live.tick.get(),
            )
        },
        |_| sandbox_overview(),
    );
    let outcome = move || -> Option<Result<String, AppError>> {
        let join = actions.join.value().get().map(|result| {
            result.map(|answer| match answer.as_str() {
                "joined" => text::JOINED.to_owned(),
                "requested" => text::REQUESTED.to_owned(),
                _ => text::DONE.to_owned(),
            })
        });
        let elsewhere = elsewhere
            .value()
            .get()
            .map(|r| r.map(|()| text::ELSEWHERE_DONE.to_owned()));
        join.or(elsewhere)
            .or_else(|| {
                actions
                    .message
                    .value()
                    .get()
                    .map(|r| r.map(|()| text::DONE.to_owned()))
            })
            .or_else(|| {
                actions
                    .leave
                    .value()
                    .get()
                    .map(|r| r.map(|()| text::DONE.to_owned()))
            })
            .or_else(|| {
                actions
                    .suspension
                    .value()
                    .get()
                    .map(|r| r.map(|()| text::DONE.to_owned()))
            })
    };
    view! {
        <div class="page-head">
            <h1>{text::TITLE}</h1>
            <LiveIndicator live/>
        </div>
        <p>{text::INTRO}</p>
        {move || outcome().map(|result| match result {
            Ok(message) => view! { <p class="notice" role="status">{message}</p> }.into_any(),
            Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
        })}
        <Transition fallback=|| ()>
            {move || numbers.get().and_then(Result::ok).map(|numbers| view! { <ElsewhereForm action=elsewhere numbers/> })}
        </Transition>
        <Transition fallback=|| ()>
            {move || overview.get().map(|result| match result {
                Ok(groups) if groups.is_empty() => view! { <p class="empty">{text::EMPTY}</p> }.into_any(),
                Ok(groups) => groups
                    .into_iter()
                    .map(|group| view! { <SimGroupCard group actions/> })
                    .collect_view()
                    .into_any(),
                Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Transition>
    }
}
