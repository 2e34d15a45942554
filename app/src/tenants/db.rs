//! Tenant rows, and the demo tenant seeded for sandbox installs.

use crate::ids::{PhoneNumberId, TenantId, WabaId};
use sqlx::{PgExecutor, PgPool};

/// The slug of the demo tenant.
pub const DEMO_SLUG: &str = "demo";

/// The sandbox number the demo tenant gets.
pub struct DemoNumber {
    /// Meta-style phone number ID of the sandbox number.
    pub phone_number_id: PhoneNumberId,
    /// Meta-style WABA ID of the sandbox number.
    pub waba_id: WabaId,
    /// The display number.
    pub display_phone_number: String,
}

impl Default for DemoNumber {
    fn default() -> Self {
        Self {
            phone_number_id: PhoneNumberId::from("100000000000001"),
            waba_id: WabaId::from("200000000000001"),
            display_phone_number: "15550100001".to_owned(),
        }
    }
}

/// The demo tenant's ID, if it exists.
pub async fn demo_tenant_id(db: impl PgExecutor<'_>) -> Result<Option<TenantId>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select tenant_id as "tenant_id: TenantId" from tenant where slug = $1"#,
        DEMO_SLUG
    )
    .fetch_optional(db)
    .await
}

/// Creates the demo tenant with one sandbox number, once. Returns whether it created anything.
pub async fn seed_demo(pool: &PgPool, number: &DemoNumber) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let created = sqlx::query_scalar!(
        r#"insert into tenant (name, slug) values ($1, $2)
           on conflict (slug) do nothing
           returning tenant_id as "tenant_id: TenantId""#,
        super::text::DEMO_TENANT_NAME,
        DEMO_SLUG
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(tenant_id) = created else {
        return Ok(false);
    };
    sqlx::query!(
        r#"insert into business_number
             (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox)
           values ($1, $2, $3, $4, true)"#,
        tenant_id as TenantId,
        number.phone_number_id.as_str(),
        number.waba_id.as_str(),
        number.display_phone_number,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}
