//! What applying a transaction's events looks up again and again: the business number that
//! received an event and the group it names, cached for the transaction.

use super::Applied;
use crate::ids::{GroupId, TenantId};
use crate::webhooks::payload::Metadata;
use sqlx::PgConnection;
use std::collections::HashMap;

/// What one transaction already looked up: business numbers by phone number ID, and groups by
/// number and WhatsApp group ID. Only found rows are kept (a group may be created later in the
/// same transaction), and the whole cache is dropped whenever a savepoint is rolled back, since
/// a row it names may have been created inside it.
#[derive(Default)]
pub(super) struct Lookups {
    numbers: HashMap<String, uuid::Uuid>,
    groups: HashMap<(uuid::Uuid, String), (GroupId, TenantId)>,
    /// Whether the event being applied is in its first attempts, so an outcome whose operation
    /// is not filed yet waits for it (see [`super::adopt::unfiled`]).
    pub(super) patient: bool,
}

impl Lookups {
    pub(super) fn clear(&mut self) {
        self.numbers.clear();
        self.groups.clear();
    }
}

/// GroupDesk's ID of the business number with this phone number ID.
pub(super) async fn number_id(
    tx: &mut PgConnection,
    lookups: &mut Lookups,
    metadata: &Metadata,
) -> Result<Option<uuid::Uuid>, sqlx::Error> {
    let pnid = metadata.phone_number_id.as_str();
    if let Some(id) = lookups.numbers.get(pnid) {
        return Ok(Some(*id));
    }
    let id = sqlx::query_scalar!(
        "select business_number_id from business_number where phone_number_id = $1",
        pnid
    )
    .fetch_optional(tx)
    .await?;
    if let Some(id) = id {
        lookups.numbers.insert(pnid.to_owned(), id);
    }
    Ok(id)
}

/// The group a webhook names, on that number: `(group, tenant)`.
pub(super) async fn group_of(
    tx: &mut PgConnection,
    lookups: &mut Lookups,
    number: uuid::Uuid,
    wa_group_id: Option<&crate::ids::WaGroupId>,
) -> Result<Option<(GroupId, TenantId)>, sqlx::Error> {
    let Some(wa_group_id) = wa_group_id else {
        return Ok(None);
    };
    let key = (number, wa_group_id.as_str().to_owned());
    if let Some(found) = lookups.groups.get(&key) {
        return Ok(Some(*found));
    }
    let row = sqlx::query!(
        r#"select group_id as "group_id: GroupId", tenant_id as "tenant_id: TenantId"
           from whatsapp_group where business_number_id = $1 and wa_group_id = $2"#,
        number,
        wa_group_id.as_str()
    )
    .fetch_optional(tx)
    .await?;
    let found = row.map(|row| (row.group_id, row.tenant_id));
    if let Some(found) = found {
        lookups.groups.insert(key, found);
    }
    Ok(found)
}

/// The group an event is about, on the business number that received it.
pub(super) struct Target {
    /// GroupDesk's ID of the business number.
    pub(super) number: uuid::Uuid,
    /// The group.
    pub(super) group_id: GroupId,
    /// Its tenant.
    pub(super) tenant_id: TenantId,
}

/// Finds the event's group, or says what to report instead: an unknown number, or a group not
/// known yet (its create outcome can arrive later).
pub(super) async fn target(
    tx: &mut PgConnection,
    lookups: &mut Lookups,
    metadata: &Metadata,
    wa_group_id: Option<&crate::ids::WaGroupId>,
) -> Result<Result<Target, Applied>, sqlx::Error> {
    let Some(number) = number_id(tx, lookups, metadata).await? else {
        return Ok(Err(Applied::UnknownNumber));
    };
    Ok(match group_of(tx, lookups, number, wa_group_id).await? {
        Some((group_id, tenant_id)) => Ok(Target {
            number,
            group_id,
            tenant_id,
        }),
        None => Err(Applied::NotReady),
    })
}
