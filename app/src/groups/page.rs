//! The Groups page: the create form above the live list.

use super::create_form::CreateForm;
use super::group_list::GroupList;
use super::{CreateGroup, list_groups, text};
use crate::live::{LiveIndicator, use_live_updates};
use crate::tenants::numbers::list_numbers;
use leptos::prelude::*;

/// Lists the tenant's groups and lets staff create one. The list updates live.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let create = ServerAction::<CreateGroup>::new();
    let live = use_live_updates();
    let groups = Resource::new(
        move || (create.version().get(), live.tick.get()),
        |_| list_groups(),
    );
    let numbers = Resource::new(|| (), |_| list_numbers());

    view! {
        <div class="page-head">
            <h1>{text::PAGE_TITLE}</h1>
            <LiveIndicator live/>
        </div>
        <Transition fallback=|| view! { <p>{text::LIST_LOADING}</p> }>
            {move || {
                groups
                    .get()
                    .map(|result| match result {
                        Ok(list) => view! { <GroupList groups=list/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        <Transition fallback=|| ()>
            {move || {
                numbers
                    .get()
                    .map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p class="notice">{text::NO_NUMBER}</p> }.into_any(),
                        Ok(list) => view! { <CreateForm action=create numbers=list/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}
