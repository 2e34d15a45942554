//! `/operations`: the tenant's ledger, updating live.

use super::list::list_operations;
use super::table::OperationTable;
use super::text;
use crate::live::{LiveIndicator, use_live_updates};
use leptos::prelude::*;

/// The tenant-wide operations ledger.
#[component]
pub fn OperationsPage() -> impl IntoView {
    let live = use_live_updates();
    let operations = crate::resource::new(move || live.tick.get(), |_| list_operations(None));
    view! {
        <div class="page-head">
            <h1>{text::TITLE}</h1>
            <LiveIndicator live/>
        </div>
        <p>{text::INTRO}</p>
        <Transition fallback=|| ()>
            {move || operations.get().map(|result| match result {
                Ok(operations) => view! { <OperationTable operations/> }.into_any(),
                Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
            })}
        </Transition>
    }
}
