//! The browser entry: hydrates the server-rendered page.

// Built without `erase_components` (which the project's builds all use), the app's nested view
// types are laid out here, deeper than the compiler's default query depth of 128.
#![recursion_limit = "256"]

/// Called by the generated JavaScript once the wasm has loaded. The pages are lazy routes
/// (`app::shell`), so hydration waits for the current page's code before it walks the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
