//! The Groups page: search and filters, the live list a page at a time, and the create form.

use super::create_form::CreateForm;
use super::group_list::GroupList;
use super::list_filter::GroupFilter;
use super::list_filter_form::ListFilterForm;
use super::{CreateGroup, list_groups, text};
use crate::live::{LiveIndicator, use_live_updates};
use crate::tenants::numbers::list_numbers;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Lists the tenant's groups and lets staff create one. The list updates live.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let create = ServerAction::<CreateGroup>::new();
    let live = use_live_updates();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        let field = |name: &str| query.get(name).unwrap_or_default();
        GroupFilter {
            q: field("q"),
            state: field("state"),
            approval: field("approval"),
            number: field("number"),
            pending: field("pending") == "true",
            sort: field("sort"),
            cursor: field("cursor"),
        }
    });
    let groups = crate::resource::new(
        move || (filter.get(), create.version().get(), live.tick.get()),
        |(filter, _, _)| list_groups(filter),
    );
    let numbers = crate::resource::new(|| (), |_| list_numbers());

    view! {
        <div class="page-head">
            <h1>{text::PAGE_TITLE}</h1>
            <LiveIndicator live/>
        </div>
        <Transition fallback=|| ()>
            {move || {
                numbers
                    .get()
                    .and_then(Result::ok)
                    .map(|numbers| view! { <ListFilterForm filter=filter.get() numbers/> })
            }}
        </Transition>
        <Transition fallback=|| view! { <p>{text::LIST_LOADING}</p> }>
            {move || {
                groups
                    .get()
                    .map(|result| match result {
                        Ok(page) => view! { <GroupList page filter=filter.get()/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        <crate::sync::SyncPanel tick=live.tick/>
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
