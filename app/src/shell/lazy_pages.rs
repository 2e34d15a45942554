//! Every page as a lazy route: a release build made with `cargo leptos build --release --split`
//! puts each page's code in its own wasm file, which the browser fetches when the page is first
//! shown (the server names the current page's files in the document, so they load alongside the
//! main one). Without `--split` the pages stay in the main wasm and behave the same.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// `Route => Page`: a lazy route that shows the page component `Page`. The pages load their own
/// data, so a route has none of its own.
macro_rules! lazy_pages {
    ($($route:ident => $page:path;)*) => {$(
        #[doc = concat!("The lazily loaded route of [`", stringify!($page), "`].")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    GroupsRoute => crate::groups::GroupsPage;
    GroupRoute => crate::groups::GroupPage;
    GroupChatRoute => crate::chat::GroupChatPage;
    JoinQueueRoute => crate::join_queue::JoinQueuePage;
    SandboxRoute => crate::simulator::SandboxPage;
    OperationsRoute => crate::operations::OperationsPage;
    LoginRoute => crate::auth::LoginPage;
    SetupRoute => crate::auth::SetupPage;
    PeopleRoute => crate::people::PeoplePage;
    AuditRoute => crate::audit::AuditPage;
    NumbersRoute => crate::numbers::NumbersPage;
    TenantsRoute => crate::platform::TenantsPage;
    SetAsideRoute => crate::platform::SetAsidePage;
    AcceptInvitationRoute => crate::people::AcceptInvitationPage;
    ResetPasswordRoute => crate::people::ResetPasswordPage;
}
