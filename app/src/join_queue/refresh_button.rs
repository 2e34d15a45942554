//! "Check WhatsApp for requests": a button with its outcome, for one group.

use super::RefreshJoinRequests;
use super::text;
use leptos::prelude::*;

/// The button and what the last check found. The action belongs to the page, so the outcome
/// survives the page's live refreshes.
#[component]
pub fn RefreshButton(group_id: String, action: ServerAction<RefreshJoinRequests>) -> impl IntoView {
    let pending = action.pending();
    let outcome = move || {
        action.value().get().map(|result| match result {
            Ok(found) if found.added == 0 => view! {
                <p class="refresh-outcome" role="status">{format!("{} ({} {})", text::REFRESH_NONE, found.found, text::REFRESH_FOUND)}</p>
            }
            .into_any(),
            Ok(found) => view! {
                <p class="refresh-outcome" role="status">{format!("{} {} ({} {})", found.added, text::REFRESH_ADDED, found.found, text::REFRESH_FOUND)}</p>
            }
            .into_any(),
            Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <div class="refresh-join-requests">
            <ActionForm action attr:class="inline">
                <input type="hidden" name="group_id" value=group_id/>
                <button type="submit" class="secondary" disabled=move || pending.get()>
                    {move || if pending.get() { text::REFRESHING } else { text::REFRESH }}
                </button>
            </ActionForm>
            {outcome}
        </div>
    }
}
