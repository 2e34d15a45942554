//! The "Sign in with <provider>" button, shown only when an identity provider is configured.

use super::{OIDC_START_PATH, sign_in_options, text};
use leptos::prelude::*;

/// The provider's button with `hint` under it; nothing when no provider is configured.
#[component]
pub fn OidcButton(hint: &'static str) -> impl IntoView {
    // Blocking: the button is in the first HTML, so it works before (or without) hydration.
    let options = crate::resource::new_blocking(|| (), |()| sign_in_options());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                options
                    .get()
                    .and_then(Result::ok)
                    .flatten()
                    .map(|provider| {
                        view! {
                            <p>
                                // rel=external: a full page load, which the server redirects to
                                // the provider (the client-side router must not handle it).
                                <a class="button" href=OIDC_START_PATH rel="external">
                                    {format!("{} {provider}", text::OIDC_BUTTON)}
                                </a>
                            </p>
                            <p>{hint}</p>
                        }
                    })
            }}
        </Suspense>
    }
}
