//! `/groups/:id/chat`: a group's chat on a page of its own, under the group's name, its
//! participant count and the tabs back to its details. Updates live as webhooks arrive.

use super::view::GroupChat;
use crate::groups::group_detail::group_header;
use crate::groups::group_tabs::{GroupTab, GroupTabs};
use crate::groups::text as group_text;
use crate::live::{LiveIndicator, use_live_updates};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn GroupChatPage() -> impl IntoView {
    let params = use_params_map();
    let live = use_live_updates();
    let group_id = Signal::derive(move || params.read().get("id").unwrap_or_default());
    let group = crate::resource::new(
        move || (group_id.get(), live.tick.get()),
        |(id, _)| group_header(id),
    );
    // When the group cannot be shown, its error stands alone: the stylesheet hides the chat
    // (`.group-chat-page:has(.group-missing)`), whose resources must still be created here, at
    // the page's start, for hydration.
    view! {
        <div class="group-chat-page">
            <p class="back"><a href="/groups">{group_text::BACK_TO_GROUPS}</a></p>
            <Transition fallback=|| view! { <p>{group_text::LIST_LOADING}</p> }>
                {move || group.get().map(|result| match result {
                    Ok(group) => {
                        view! {
                            <div class="page-head">
                                <h1>{group.subject}</h1>
                                <LiveIndicator live/>
                            </div>
                            <GroupTabs group_id=group.id.to_string() current=GroupTab::Chat/>
                            <p class="chat-participants">
                                {group_text::PARTICIPANTS_HEADING}" "
                                <span class="count">{format!("{}/8", group.participants)}</span>
                            </p>
                            {group.suspended.then(|| view! {
                                <div class="banner suspended" role="alert">
                                    <p>{group_text::SUSPENDED_BANNER}</p>
                                </div>
                            })}
                        }
                        .into_any()
                    }
                    Err(error) => {
                        view! { <p class="error group-missing" role="alert">{error.to_string()}</p> }
                            .into_any()
                    }
                })}
            </Transition>
            <GroupChat group_id tick=live.tick/>
        </div>
    }
}
