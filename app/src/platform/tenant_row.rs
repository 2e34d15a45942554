//! One tenant with its actions: rename, suspend or reactivate, invite an admin.

use super::tenant_table::TenantActions;
use super::{TenantSummary, text};
use leptos::prelude::*;

/// A row of the tenants table.
#[component]
pub fn TenantRow(tenant: TenantSummary, actions: TenantActions) -> impl IntoView {
    let id = tenant.id.to_string();
    let (rename_id, switch_id, invite_id) = (id.clone(), id.clone(), id.clone());
    let state = if tenant.suspended {
        text::STATE_SUSPENDED
    } else {
        text::STATE_ACTIVE
    };
    let switch = if tenant.suspended {
        view! {
            <ActionForm action=actions.reactivate attr:class="inline">
                <input type="hidden" name="tenant_id" value=switch_id/>
                <button type="submit">{text::REACTIVATE_BUTTON}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.suspend attr:class="inline">
                <input type="hidden" name="tenant_id" value=switch_id/>
                <button type="submit">{text::SUSPEND_BUTTON}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <tr data-tenant=id>
            <td>{tenant.name.clone()}</td>
            <td>{tenant.slug}</td>
            <td>{tenant.members}</td>
            <td>{state}</td>
            <td>
                <ActionForm action=actions.rename attr:class="inline">
                    <input type="hidden" name="tenant_id" value=rename_id/>
                    <input type="text" name="name" required aria-label=text::NEW_NAME value=tenant.name/>
                    <button type="submit">{text::RENAME_BUTTON}</button>
                </ActionForm>
                {switch}
                <ActionForm action=actions.invite attr:class="inline">
                    <input type="hidden" name="tenant_id" value=invite_id/>
                    <input type="email" name="email" required aria-label=text::ADMIN_EMAIL placeholder=text::ADMIN_EMAIL/>
                    <button type="submit">{text::INVITE_BUTTON}</button>
                </ActionForm>
            </td>
        </tr>
    }
}
