//! Matching an outcome webhook to its operation. Operations filed under a local request ID
//! because WhatsApp's answer carried none (SPEC §9 question 1): the first outcome webhook of the
//! same kind for the same group adopts the oldest such operation, which then resolves like any
//! other. And an outcome that overtook the filing of its operation waits for it.

use crate::ids::RequestId;
use sqlx::PgConnection;
use uuid::Uuid;

/// Gives the oldest pending, locally filed operation of `kind` on the group `wa_group_id` the
/// webhook's `request_id`, unless an operation already has that request ID.
pub(super) async fn local_operation(
    tx: &mut PgConnection,
    business_number_id: Uuid,
    kind: &str,
    wa_group_id: &str,
    request_id: &RequestId,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update operation set request_id = $4
           where operation_id = (
               select o.operation_id from operation o
               join whatsapp_group g on g.group_id = o.group_id
               where o.business_number_id = $1 and o.kind = $2 and o.state = 'pending'
                 and o.request_id like 'local-%' and g.wa_group_id = $3
                 and not exists (select 1 from operation known
                                 where known.business_number_id = $1 and known.request_id = $4)
               order by o.created_at limit 1
               for update of o)"#,
        business_number_id,
        kind,
        wa_group_id,
        request_id.as_str()
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Whether an outcome with `request_id` that resolved no pending operation should wait: no
/// operation of the number has that request ID yet, and the event is in its first attempts. GroupDesk files an operation just after
/// WhatsApp answers the call, so a quick webhook can overtake it (SPEC: delivery in any order);
/// after those attempts, the change is taken as made outside GroupDesk (say, by another app on
/// the number) and applied without one.
pub(super) async fn unfiled(
    tx: &mut PgConnection,
    lookups: &super::Lookups,
    business_number_id: Uuid,
    request_id: &RequestId,
) -> Result<bool, sqlx::Error> {
    if !lookups.patient {
        return Ok(false);
    }
    let filed: bool = sqlx::query_scalar(
        "select exists(select 1 from operation where business_number_id = $1 and request_id = $2)",
    )
    .bind(business_number_id)
    .bind(request_id.as_str())
    .fetch_one(&mut *tx)
    .await?;
    Ok(!filed)
}
