//! The HTML document, the app frame and the routes.

mod text;

use crate::groups::{GroupPage, GroupsPage};
use crate::simulator::SandboxPage;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: frame, navigation and pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/groupdesk.css"/>
        <Title text=text::APP_NAME/>
        <Router>
            <header class="topbar">
                <a href="/" class="brand">{text::APP_NAME}</a>
                <nav>
                    <A href="/groups">{text::NAV_GROUPS}</A>
                    <SandboxLink/>
                </nav>
            </header>
            <p class="dev-banner">{crate::tenants::text::DEV_SIGNIN_BANNER}</p>
            <main>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=GroupsPage/>
                    <Route path=StaticSegment("groups") view=GroupsPage/>
                    <Route path=(StaticSegment("groups"), ParamSegment("id")) view=GroupPage/>
                    <Route path=StaticSegment("sandbox") view=SandboxPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The Sandbox link, shown only when this server runs the sandbox.
#[component]
fn SandboxLink() -> impl IntoView {
    let enabled = Resource::new(|| (), |_| crate::simulator::sandbox_enabled());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                enabled
                    .get()
                    .and_then(Result::ok)
                    .filter(|enabled| *enabled)
                    .map(|_| view! { <A href="/sandbox">{text::NAV_SANDBOX}</A> })
            }}
        </Suspense>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>{text::NOT_FOUND_TITLE}</h1>
        <p>{text::NOT_FOUND_BODY}</p>
    }
}
