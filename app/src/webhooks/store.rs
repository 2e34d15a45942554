//! Durable storage of verified webhook bodies, before the sender is answered.

use super::payload::Envelope;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// What storing a body did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A new event, with its row ID.
    New(i64),
    /// The same body was stored before; nothing changed.
    Duplicate,
}

/// The dedup key of a body: its SHA-256, so a redelivery of the same bytes is a no-op.
pub fn dedup_key(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Stores a verified, parsed body. Commits before returning, so a 200 means it is durable.
pub async fn store(pool: &PgPool, body: &[u8], envelope: &Envelope) -> Result<Stored, sqlx::Error> {
    let phone_number_id = envelope
        .entry
        .iter()
        .flat_map(|entry| entry.changes.iter())
        .find_map(super::payload::Change::phone_number_id);
    let id = sqlx::query_scalar!(
        r#"insert into webhook_event (dedup_key, raw_body, phone_number_id)
           values ($1, $2, $3)
           on conflict (dedup_key) do nothing
           returning webhook_event_id"#,
        dedup_key(body),
        body,
        phone_number_id.as_ref().map(|id| id.as_str()),
    )
    .fetch_optional(pool)
    .await?;
    Ok(id.map_or(Stored::Duplicate, Stored::New))
}
