//! The bar at the top: brand, navigation, and who is signed in.

use super::tenant_switcher::TenantSwitcher;
use super::text;
use crate::auth::{Logout, Me, current_user};
use crate::tenants::Role;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Refetches the signed-in person on every navigation, so sign-in and sign-out show at once.
#[component]
pub fn Topbar() -> impl IntoView {
    let location = use_location();
    let me = crate::resource::new(move || location.pathname.get(), |_| current_user());
    view! {
        <header class="topbar">
            <a href="/" class="brand">{text::APP_NAME}</a>
            <Transition fallback=|| ()>
                {move || me.get().and_then(Result::ok).flatten().map(|me| view! { <SignedInBar me/> })}
            </Transition>
        </header>
    }
}

#[component]
fn SignedInBar(me: Me) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let role = me.current_role();
    let audit_visible = matches!(role, Some(Role::Admin | Role::Support));
    let people_visible = matches!(role, Some(Role::Admin));
    let platform_admin = me.platform_admin;
    let me_sandbox = me.sandbox && matches!(role, Some(Role::Admin | Role::Staff));
    view! {
        <nav>
            <A href="/groups">{text::NAV_GROUPS}</A>
            <A href="/join-requests">{text::NAV_JOIN_REQUESTS}</A>
            <A href="/operations">{text::NAV_OPERATIONS}</A>
            <Show when=move || me_sandbox>
                <A href="/sandbox">{text::NAV_SANDBOX}</A>
            </Show>
            <Show when=move || people_visible>
                <A href="/people">{text::NAV_PEOPLE}</A>
                <A href="/numbers">{text::NAV_NUMBERS}</A>
            </Show>
            <Show when=move || audit_visible>
                <A href="/audit">{text::NAV_AUDIT}</A>
            </Show>
            <Show when=move || platform_admin>
                <A href="/tenants">{text::NAV_TENANTS}</A>
                <A href="/webhook-events">{text::NAV_WEBHOOK_EVENTS}</A>
            </Show>
        </nav>
        <div class="account">
            <TenantSwitcher me=me.clone()/>
            <span class="user" data-user=me.user_id.to_string()>
                {me.display_name.clone()}
                {me.platform_admin.then_some(view! { <small>" ("{crate::auth::text::PLATFORM_ADMIN_BADGE}")"</small> })}
            </span>
            <ActionForm action=logout attr:class="inline">
                <button type="submit">{crate::auth::text::LOGOUT_BUTTON}</button>
            </ActionForm>
        </div>
    }
}
