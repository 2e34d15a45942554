//! Business number rows. Every query takes the caller's [`TenantMember`] and filters by its tenant.

use super::list_numbers::NumberRow;
use crate::ids::{BusinessNumberId, PhoneNumberId, WabaId};
use crate::tenants::TenantMember;
use crate::token_cipher::SealedToken;
use sqlx::{PgConnection, PgExecutor};

/// A verified number to store.
pub struct NewNumber<'a> {
    /// Meta's phone number ID.
    pub phone_number_id: &'a PhoneNumberId,
    /// Meta's WABA ID.
    pub waba_id: &'a WabaId,
    /// The display digits WhatsApp reported.
    pub display_phone_number: &'a str,
    /// Whether it talks to the sandbox.
    pub sandbox: bool,
    /// Its encrypted access token.
    pub token: &'a SealedToken,
    /// `STANDARD` or `HIGH`, when WhatsApp reported it (the outbox paces by it).
    pub throughput_level: Option<&'a str>,
}

/// Stores a number for the member's tenant.
pub async fn insert(
    tx: &mut PgConnection,
    member: &TenantMember,
    number: &NewNumber<'_>,
) -> Result<BusinessNumberId, sqlx::Error> {
    sqlx::query_scalar!(
        r#"insert into business_number
             (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox,
              access_token_ciphertext, access_token_nonce, throughput_level)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           returning business_number_id as "id: BusinessNumberId""#,
        member.tenant_id().0,
        number.phone_number_id.as_str(),
        number.waba_id.as_str(),
        number.display_phone_number,
        number.sandbox,
        number.token.ciphertext,
        number.token.nonce,
        number.throughput_level,
    )
    .fetch_one(&mut *tx)
    .await
}

/// Every number of the member's tenant, enabled ones first.
pub async fn list(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
) -> Result<Vec<NumberRow>, sqlx::Error> {
    sqlx::query_as!(
        NumberRow,
        r#"select business_number_id as "id: BusinessNumberId", display_phone_number,
                  phone_number_id, waba_id, sandbox, disabled_at is not null as "disabled!"
           from business_number where tenant_id = $1
           order by disabled_at nulls first, created_at"#,
        member.tenant_id().0
    )
    .fetch_all(db)
    .await
}

/// What a Graph call needs from a stored, enabled number.
pub struct StoredNumber {
    /// Meta's phone number ID.
    pub phone_number_id: String,
    /// Whether it talks to the sandbox.
    pub sandbox: bool,
    /// The encrypted token (none only for the seeded sandbox number).
    pub token: Option<SealedToken>,
}

/// One enabled number of the member's tenant.
pub async fn stored(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    id: BusinessNumberId,
) -> Result<Option<StoredNumber>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select phone_number_id, sandbox, access_token_ciphertext, access_token_nonce
           from business_number
           where tenant_id = $1 and business_number_id = $2 and disabled_at is null"#,
        member.tenant_id().0,
        id.0
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| StoredNumber {
        phone_number_id: row.phone_number_id,
        sandbox: row.sandbox,
        token: row
            .access_token_ciphertext
            .zip(row.access_token_nonce)
            .map(|(ciphertext, nonce)| SealedToken { ciphertext, nonce }),
    }))
}

/// Replaces an enabled number's token; whether a row changed.
pub async fn replace_token(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    id: BusinessNumberId,
    token: &SealedToken,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        r#"update business_number set access_token_ciphertext = $3, access_token_nonce = $4
           where tenant_id = $1 and business_number_id = $2 and disabled_at is null"#,
        member.tenant_id().0,
        id.0,
        token.ciphertext,
        token.nonce,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Disables an enabled number; whether a row changed.
pub async fn disable(
    db: impl PgExecutor<'_>,
    member: &TenantMember,
    id: BusinessNumberId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        r#"update business_number set disabled_at = now()
           where tenant_id = $1 and business_number_id = $2 and disabled_at is null"#,
        member.tenant_id().0,
        id.0,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
