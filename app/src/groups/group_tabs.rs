//! The tabs over a group's two pages: its details and its chat. The chat is a page of its own, so
//! a browser fetches the chat's code only when someone opens it.

use super::text;
use leptos::prelude::*;

/// Which of a group's pages is showing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GroupTab {
    Details,
    Chat,
}

/// The address of a group's page.
fn group_href(group_id: &str, tab: GroupTab) -> String {
    match tab {
        GroupTab::Details => format!("/groups/{group_id}"),
        GroupTab::Chat => format!("/groups/{group_id}/chat"),
    }
}

/// Links to a group's details and chat; the current one is marked for assistive technology.
#[component]
pub fn GroupTabs(group_id: String, current: GroupTab) -> impl IntoView {
    let tab = |tab: GroupTab, label: &'static str| {
        let here = (tab == current).then_some("page");
        view! { <a href=group_href(&group_id, tab) aria-current=here>{label}</a> }
    };
    view! {
        <nav class="group-tabs" aria-label=text::TABS_LABEL>
            {tab(GroupTab::Details, text::TAB_DETAILS)}
            {tab(GroupTab::Chat, text::TAB_CHAT)}
        </nav>
    }
}
