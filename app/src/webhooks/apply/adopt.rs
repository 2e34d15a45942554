//! Operations filed under a local request ID because WhatsApp's answer carried none (SPEC §9
//! question 1): the first outcome webhook of the same kind for the same group adopts the oldest
//! such operation, which then resolves like any other.

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
