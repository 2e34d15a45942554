//! A small badge that says whether the page updates by itself.

use super::{LiveUpdates, text};
use leptos::prelude::*;

/// Shows "Live" while the stream is open.
#[component]
pub fn LiveIndicator(live: LiveUpdates) -> impl IntoView {
    let state = move || if live.connected.get() { "on" } else { "off" };
    view! {
        <span class="live" data-live=state role="status">
            {move || if live.connected.get() { text::ON } else { text::OFF }}
        </span>
    }
}
