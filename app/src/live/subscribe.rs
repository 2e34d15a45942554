//! The browser side: a counter that ticks whenever the server reports a change.

use leptos::prelude::*;

/// What a page knows about its live stream.
#[derive(Debug, Clone, Copy)]
pub struct LiveUpdates {
    /// Changes with every event; use it as a resource source so the page refetches in place.
    pub tick: ReadSignal<u64>,
    /// Whether the stream is open right now.
    pub connected: ReadSignal<bool>,
}

/// Opens the live stream once the page is hydrated.
///
/// During server rendering and without JavaScript nothing changes; the page is then simply as
/// fresh as its last load.
pub fn use_live_updates() -> LiveUpdates {
    let (tick, set_tick) = signal(0_u64);
    let (connected, set_connected) = signal(false);
    Effect::new(move |_| open_stream(set_tick, set_connected));
    LiveUpdates { tick, connected }
}

#[cfg(feature = "hydrate")]
fn open_stream(set_tick: WriteSignal<u64>, set_connected: WriteSignal<bool>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Ok(source) = web_sys::EventSource::new(super::STREAM_PATH) else {
        return;
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
        set_tick.update(|n| *n += 1);
    });
    // A reconnect may have missed events: refetch once the stream is open again.
    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        set_connected.set(true);
        set_tick.update(|n| *n += 1);
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| set_connected.set(false));
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_open.forget();
    on_error.forget();
    let source = send_wrapper::SendWrapper::new(source);
    on_cleanup(move || source.close());
}

#[cfg(not(feature = "hydrate"))]
fn open_stream(_set_tick: WriteSignal<u64>, _set_connected: WriteSignal<bool>) {}
