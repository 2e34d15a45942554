//! Reading the invite link from WhatsApp (SPEC §2.6): the stored link may be stale when it was
//! reset from another app, or missing for a group imported without one.

use super::group_ui::{GroupUi, alert};
use super::manage::CheckInviteLink;
use super::text;
use leptos::prelude::*;

/// The check button and what it found.
#[component]
pub fn CheckLinkControls(group_id: String, ui: GroupUi) -> impl IntoView {
    let pending = ui.check_link.pending();
    let check = move |_| {
        ui.check_link.dispatch(CheckInviteLink {
            group_id: group_id.clone(),
        });
    };
    let found = move || match ui.check_link.value().get() {
        Some(Ok(true)) => Some(text::LINK_UPDATED),
        Some(Ok(false)) => Some(text::LINK_CURRENT),
        _ => None,
    };
    view! {
        <div class="check-link-controls">
            <button type="button" class="secondary" disabled=move || pending.get() on:click=check>
                {move || if pending.get() { text::CHECKING_LINK } else { text::CHECK_LINK }}
            </button>
            {move || alert(ui.check_link.value().get().and_then(Result::err))}
            {move || found().map(|found| view! { <p class="notice" role="status">{found}</p> })}
        </div>
    }
}
