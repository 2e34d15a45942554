//! The search and filter form above the groups list. It is a plain GET form, so a filtered view
//! is a URL that can be bookmarked, and it works before the page hydrates.

use super::domain::{GroupState, JoinApprovalMode};
use super::list_filter::{GroupFilter, SEARCH_MAX_CHARS};
use super::text;
use crate::tenants::numbers::NumberSummary;
use leptos::prelude::*;

const STATES: [GroupState; 4] = [
    GroupState::Creating,
    GroupState::Active,
    GroupState::Failed,
    GroupState::Deleting,
];

/// The form, filled in with the current filter.
#[component]
pub fn ListFilterForm(filter: GroupFilter, numbers: Vec<NumberSummary>) -> impl IntoView {
    let selected = |current: &str, value: &str| current == value;
    view! {
        <form method="get" action="/groups" class="inline group-filter" role="search">
            <label>
                {text::FILTER_SEARCH}
                <input type="search" name="q" value=filter.q.clone() maxlength=SEARCH_MAX_CHARS.to_string()
                    placeholder=text::FILTER_SEARCH_HINT autocomplete="off"/>
            </label>
            <div class="field">
                <label for="filter-state">{text::FILTER_STATE}</label>
                <select id="filter-state" name="state">
                    <option value="">{text::FILTER_ANY}</option>
                    {STATES
                        .iter()
                        .map(|state| view! {
                            <option value=state.as_str() selected=selected(&filter.state, state.as_str())>{state.label()}</option>
                        })
                        .collect_view()}
                    <option value="suspended" selected=selected(&filter.state, "suspended")>{text::SUSPENDED_BADGE}</option>
                </select>
            </div>
            <div class="field">
                <label for="filter-approval">{text::FILTER_APPROVAL}</label>
                <select id="filter-approval" name="approval">
                    <option value="">{text::FILTER_ANY}</option>
                    {JoinApprovalMode::ALL
                        .iter()
                        .map(|mode| view! {
                            <option value=mode.as_str() selected=selected(&filter.approval, mode.as_str())>{mode.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            {(numbers.len() > 1).then(|| view! {
                <div class="field">
                    <label for="filter-number">{text::FILTER_NUMBER}</label>
                    <select id="filter-number" name="number">
                        <option value="">{text::FILTER_ANY}</option>
                        {numbers
                            .iter()
                            .map(|number| {
                                let id = number.id.to_string();
                                let chosen = selected(&filter.number, &id);
                                view! { <option value=id selected=chosen>{number.display_phone_number.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="filter-sort">{text::FILTER_SORT}</label>
                <select id="filter-sort" name="sort">
                    <option value="newest" selected=selected(&filter.sort, "newest")>{text::SORT_NEWEST}</option>
                    <option value="oldest" selected=selected(&filter.sort, "oldest")>{text::SORT_OLDEST}</option>
                    <option value="subject" selected=selected(&filter.sort, "subject")>{text::SORT_SUBJECT}</option>
                </select>
            </div>
            <label class="check">
                <input type="checkbox" name="pending" value="true" checked=filter.pending/>
                {text::FILTER_PENDING}
            </label>
            <button type="submit">{text::FILTER_BUTTON}</button>
            {filter.narrows().then(|| view! { <a href="/groups" class="clear">{text::FILTER_CLEAR}</a> })}
        </form>
    }
}
