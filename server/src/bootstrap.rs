//! Start-up's part of the first platform admin: create the configured one, or print a one-time
//! setup link on the console. The link is printed, never logged: logs may be shipped elsewhere.

use crate::config::Config;
use anyhow::Context;
use app::auth::bootstrap::{Bootstrap, ensure_admin};
use app::auth::domain::{Email, NewPassword};
use secrecy::ExposeSecret;
use sqlx::PgPool;

/// Ensures there is a way to sign in. In sandbox installs the new admin joins the demo tenant.
pub async fn run(config: &Config, pool: &PgPool, public_url: &str) -> anyhow::Result<()> {
    let configured = match &config.access.bootstrap_admin {
        Some(admin) => {
            let email = Email::parse(&admin.email)
                .map_err(|e| anyhow::anyhow!("GROUPDESK_BOOTSTRAP_ADMIN_EMAIL: {e}"))?;
            let password = NewPassword::parse(admin.password.expose_secret())
                .map_err(|e| anyhow::anyhow!("GROUPDESK_BOOTSTRAP_ADMIN_PASSWORD: {e}"))?;
            Some((email, password))
        }
        None => None,
    };
    let demo = if config.sandbox {
        app::tenants::db::demo_tenant_id(pool)
            .await
            .context("could not read the demo tenant")?
    } else {
        None
    };
    let outcome = ensure_admin(pool, configured.as_ref().map(|(e, p)| (e, p)), demo)
        .await
        .map_err(|e| anyhow::anyhow!("could not prepare the first platform admin: {e}"))?;
    match outcome {
        Bootstrap::Ready => {}
        Bootstrap::Created => {
            tracing::info!("created the platform admin named by GROUPDESK_BOOTSTRAP_ADMIN_EMAIL");
        }
        Bootstrap::SetupLink(token) => {
            tracing::info!("no platform admin yet: open the setup link printed on the console");
            println!(
                "\n  ┌─ GroupDesk setup ─────────────────────────────────────────────\n  \
                 │ No platform admin exists yet. Open this one-time link (valid 24 h)\n  \
                 │ to create one and sign in:\n  │\n  \
                 │   {public_url}/setup/{token}\n  │\n  \
                 │ (A restart prints a new link and voids this one.)\n  \
                 └───────────────────────────────────────────────────────────────\n"
            );
        }
    }
    Ok(())
}
