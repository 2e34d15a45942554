//! The HTML document, the app frame and the routes.

mod tenant_switcher;
mod text;
mod topbar;

use crate::audit::AuditPage;
use crate::auth::{LoginPage, SetupPage};
use crate::groups::{GroupPage, GroupsPage};
use crate::join_queue::JoinQueuePage;
use crate::numbers::NumbersPage;
use crate::operations::OperationsPage;
use crate::people::{AcceptInvitationPage, PeoplePage, ResetPasswordPage};
use crate::platform::{SetAsidePage, TenantsPage};
use crate::simulator::SandboxPage;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};
use topbar::Topbar;

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
            <Topbar/>
            <main>
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=GroupsPage/>
                    <Route path=StaticSegment("groups") view=GroupsPage/>
                    <Route path=(StaticSegment("groups"), ParamSegment("id")) view=GroupPage/>
                    <Route path=StaticSegment("join-requests") view=JoinQueuePage/>
                    <Route path=StaticSegment("sandbox") view=SandboxPage/>
                    <Route path=StaticSegment("operations") view=OperationsPage/>
                    <Route path=StaticSegment("login") view=LoginPage/>
                    <Route path=(StaticSegment("setup"), ParamSegment("token")) view=SetupPage/>
                    <Route path=StaticSegment("people") view=PeoplePage/>
                    <Route path=StaticSegment("audit") view=AuditPage/>
                    <Route path=StaticSegment("numbers") view=NumbersPage/>
                    <Route path=StaticSegment("tenants") view=TenantsPage/>
                    <Route path=StaticSegment("webhook-events") view=SetAsidePage/>
                    <Route path=(StaticSegment("invite"), ParamSegment("token")) view=AcceptInvitationPage/>
                    <Route path=(StaticSegment("reset"), ParamSegment("token")) view=ResetPasswordPage/>
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
