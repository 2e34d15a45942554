//! The Tenants page (platform admins): every tenant, its actions, and the create form.

use super::invite_admin_form::InviteLink;
use super::tenant_create_form::TenantCreateForm;
use super::tenant_table::{TenantActions, TenantTable};
use super::{
    CreateTenant, InviteTenantAdmin, ReactivateTenant, RenameTenant, SuspendTenant, list_tenants,
    text,
};
use leptos::prelude::*;

/// Lists the tenants; refetches after every change.
#[component]
pub fn TenantsPage() -> impl IntoView {
    let create = ServerAction::<CreateTenant>::new();
    let actions = TenantActions {
        rename: ServerAction::<RenameTenant>::new(),
        suspend: ServerAction::<SuspendTenant>::new(),
        reactivate: ServerAction::<ReactivateTenant>::new(),
        invite: ServerAction::<InviteTenantAdmin>::new(),
    };
    let tenants = crate::resource::new(
        move || {
            (
                create.version().get(),
                actions.rename.version().get(),
                actions.suspend.version().get(),
                actions.reactivate.version().get(),
                actions.invite.version().get(),
            )
        },
        |_| list_tenants(),
    );
    view! {
        <h1>{text::PAGE_TITLE}</h1>
        <p>{text::SUSPEND_HINT}</p>
        <Transition fallback=|| view! { <p>{text::LOADING}</p> }>
            {move || {
                tenants
                    .get()
                    .map(|result| match result {
                        Ok(tenants) => view! { <TenantTable tenants actions/> }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
        <InviteLink action=actions.invite/>
        <TenantCreateForm action=create/>
    }
}
