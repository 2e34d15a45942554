//! The table of tenants.

use super::tenant_row::TenantRow;
use super::{
    InviteTenantAdmin, ReactivateTenant, RenameTenant, SuspendTenant, TenantSummary, text,
};
use crate::auth::FormError;
use leptos::prelude::*;

/// The actions every row offers.
#[derive(Clone, Copy)]
pub struct TenantActions {
    /// Rename.
    pub rename: ServerAction<RenameTenant>,
    /// Suspend.
    pub suspend: ServerAction<SuspendTenant>,
    /// Reactivate.
    pub reactivate: ServerAction<ReactivateTenant>,
    /// Invite an admin.
    pub invite: ServerAction<InviteTenantAdmin>,
}

/// One row per tenant; the last failed action's error below.
#[component]
pub fn TenantTable(tenants: Vec<TenantSummary>, actions: TenantActions) -> impl IntoView {
    if tenants.is_empty() {
        return view! { <p>{text::NO_TENANTS}</p> }.into_any();
    }
    view! {
        <table class="tenants">
            <thead>
                <tr>
                    <th>{text::COLUMN_NAME}</th>
                    <th>{text::COLUMN_SLUG}</th>
                    <th>{text::COLUMN_MEMBERS}</th>
                    <th>{text::COLUMN_STATE}</th>
                    <th>{text::COLUMN_ACTIONS}</th>
                </tr>
            </thead>
            <tbody>
                {tenants
                    .into_iter()
                    .map(|tenant| view! { <TenantRow tenant actions/> })
                    .collect_view()}
            </tbody>
        </table>
        <FormError action=actions.rename/>
        <FormError action=actions.suspend/>
        <FormError action=actions.reactivate/>
    }
    .into_any()
}
