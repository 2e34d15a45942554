//! The browser entry: hydrates the server-rendered page.

// Built without `erase_components` (which the project's builds all use), the app's nested view
// types are laid out here, deeper than the compiler's default query depth of 128.
#![recursion_limit = "256"]

/// Called by the generated JavaScript once the wasm has loaded. The pages are lazy routes
/// (`app::shell`), so hydration waits for the current page's code before it walks the page.
/// Once every part of the page acts in place, the document is marked hydrated, which sends a
/// form the person submitted while the page was loading (`app::shell::submit_guard`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let page = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        page.forget();
        app::shell::mark_hydrated();
    });
}

/// Room for `wasm-split` (`cargo leptos build --split`) to lay out the constant data of the
/// split wasm files. It re-packs each file's strings and tables into the one input data
/// segment, and the padding it adds for alignment can make that segment longer than the input's;
/// then it gives up and keeps *all* constant data (every page's text) in the main wasm, about
/// 40 KB gzipped more on every page. Nothing reads these bytes, so no split file carries them;
/// they only make the input segment long enough. `.ci/bundle-size` shows the effect.
#[used]
static SPLIT_DATA_ROOM: [u8; 16 * 1024] = [0xA5; 16 * 1024];
