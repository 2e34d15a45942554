//! The HTML document, the app frame and the routes.

mod lazy_pages;
mod submit_guard;
mod tenant_switcher;
mod text;
mod topbar;

use lazy_pages::*;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, ParamSegment, SsrMode, StaticSegment};
pub use submit_guard::HYDRATED_ATTRIBUTE;
use submit_guard::SUBMIT_GUARD;
#[cfg(feature = "hydrate")]
pub use submit_guard::mark_hydrated;
use topbar::Topbar;

/// The tab icon, inline so that it costs no request: a "G" on WhatsApp's teal.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%23128c7e'/%3E%3Ctext x='16' y='23' font-size='20' font-family='sans-serif' font-weight='bold' text-anchor='middle' fill='white'%3EG%3C/text%3E%3C/svg%3E";

/// The whole HTML document, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href=FAVICON/>
                <script inner_html=SUBMIT_GUARD></script>
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
            <Topbar/>
            <main>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view={Lazy::<GroupsRoute>::new()}/>
                    <Route path=StaticSegment("groups") view={Lazy::<GroupsRoute>::new()}/>
                    <Route path=(StaticSegment("groups"), ParamSegment("id")) view={Lazy::<GroupRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("groups"), ParamSegment("id"), StaticSegment("chat")) view={Lazy::<GroupChatRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("join-requests") view={Lazy::<JoinQueueRoute>::new()}/>
                    <Route path=StaticSegment("sandbox") view={Lazy::<SandboxRoute>::new()}/>
                    <Route path=StaticSegment("operations") view={Lazy::<OperationsRoute>::new()}/>
                    <Route path=StaticSegment("login") view={Lazy::<LoginRoute>::new()}/>
                    <Route path=(StaticSegment("setup"), ParamSegment("token")) view={Lazy::<SetupRoute>::new()}/>
                    <Route path=StaticSegment("people") view={Lazy::<PeopleRoute>::new()}/>
                    <Route path=StaticSegment("audit") view={Lazy::<AuditRoute>::new()}/>
                    <Route path=StaticSegment("numbers") view={Lazy::<NumbersRoute>::new()}/>
                    <Route path=StaticSegment("tenants") view={Lazy::<TenantsRoute>::new()}/>
                    <Route path=StaticSegment("webhook-events") view={Lazy::<SetAsideRoute>::new()}/>
                    <Route path=(StaticSegment("invite"), ParamSegment("token")) view={Lazy::<AcceptInvitationRoute>::new()}/>
                    <Route path=(StaticSegment("reset"), ParamSegment("token")) view={Lazy::<ResetPasswordRoute>::new()}/>
                </Routes>
            </main>
        </Router>
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
