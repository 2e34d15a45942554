//! The current tenant, and a switcher when the person belongs to several.

use crate::auth::{Me, SwitchTenant, text};
use leptos::prelude::*;

/// Shows the current tenant; with several memberships, a select that switches and reloads.
#[component]
pub fn TenantSwitcher(me: Me) -> impl IntoView {
    let switch = ServerAction::<SwitchTenant>::new();
    Effect::new(move |_| {
        if matches!(switch.value().get(), Some(Ok(()))) {
            reload();
        }
    });
    let current = me.current_tenant;
    let current_name = me
        .memberships
        .iter()
        .find(|m| Some(m.tenant_id) == current)
        .map(|m| format!("{} · {}", m.tenant_name, m.role.label()));
    if me.memberships.len() < 2 {
        let shown = current_name.unwrap_or_else(|| text::NO_TENANT.to_owned());
        return view! { <span class="tenant">{shown}</span> }.into_any();
    }
    view! {
        <ActionForm action=switch attr:class="inline tenant-switcher">
            <label>
                {text::SWITCH_LABEL}
                <select name="tenant_id">
                    {me
                        .memberships
                        .into_iter()
                        .map(|m| {
                            let selected = Some(m.tenant_id) == current;
                            view! {
                                <option value=m.tenant_id.to_string() selected=selected>
                                    {format!("{} · {}", m.tenant_name, m.role.label())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="submit">{text::SWITCH_BUTTON}</button>
        </ActionForm>
    }
    .into_any()
}

/// A full reload, so every page resource reads the new tenant.
fn reload() {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().reload();
    }
}
