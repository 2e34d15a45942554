//! "Check WhatsApp for requests": reads a group's waiting requests from WhatsApp (SPEC §2.12)
//! and adds those GroupDesk missed, for example when a webhook was lost.

use super::domain::RefreshOutcome;
use super::text;
use crate::AppError;
use crate::graph::types::{JoinRequest, PageRequest};
use crate::ids::{BusinessNumberId, GroupId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::tenants::TenantMember;

/// A guard against a cursor that never ends: 100 pages is far more than a group can have.
const MAX_PAGES: usize = 100;

/// Pages `GET /<GROUP_ID>/join_requests` and stores every listed request as waiting. Idempotent:
/// a request GroupDesk already shows as waiting is left alone. A request it had closed (rejected,
/// withdrawn, failed) that WhatsApp lists again is waiting again, since the person asked anew.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn refresh(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<RefreshOutcome, AppError> {
    let group = sqlx::query!(
        r#"select wa_group_id, state,
                  business_number_id as "business_number_id: BusinessNumberId"
           from whatsapp_group where tenant_id = $1 and group_id = $2"#,
        member.tenant_id().0,
        group_id.0
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let Some(wa_group_id) = group.wa_group_id.filter(|_| group.state == "active") else {
        return Err(AppError::Conflict {
            message: text::REFRESH_NOT_ACTIVE.to_owned(),
        });
    };
    let number = crate::numbers::access::load(state, member, group.business_number_id)
        .await?
        .ok_or_else(|| AppError::Conflict {
            message: text::NUMBER_DISABLED.to_owned(),
        })?;
    let mut listed: Vec<JoinRequest> = Vec::new();
    let mut page = PageRequest::default();
    for _ in 0..MAX_PAGES {
        let answer = number
            .client
            .join_requests(&number.access, &wa_group_id, &page)
            .await?;
        listed.extend(answer.items);
        match (answer.paging.next, answer.paging.cursors.after) {
            (Some(_), Some(after)) => page.after = Some(after),
            _ => break,
        }
    }
    let added = store(state, member, group_id, &listed).await?;
    Ok(RefreshOutcome {
        found: listed.len(),
        added,
    })
}

/// Upserts the listed requests in one statement; returns how many became waiting.
async fn store(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    listed: &[JoinRequest],
) -> Result<usize, AppError> {
    let usable: Vec<&JoinRequest> = listed
        .iter()
        .filter(|request| request.user.wa_id.is_some() || request.user.user_id.is_some())
        .collect();
    if usable.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = usable.iter().map(|r| r.join_request_id.clone()).collect();
    let wa_ids: Vec<Option<String>> = usable
        .iter()
        .map(|r| r.user.wa_id.as_ref().map(|id| id.as_str().to_owned()))
        .collect();
    let user_ids: Vec<Option<String>> = usable
        .iter()
        .map(|r| r.user.user_id.as_ref().map(|id| id.as_str().to_owned()))
        .collect();
    let usernames: Vec<Option<String>> = usable.iter().map(|r| r.user.username.clone()).collect();
    let asked: Vec<Option<i64>> = usable.iter().map(|r| r.creation_timestamp).collect();
    let mut tx = state.pool.begin().await?;
    // Not for someone already in the group, as when the request arrives by webhook.
    let added = sqlx::query!(
        r#"insert into join_request
             (tenant_id, group_id, wa_join_request_id, wa_id, user_id, username, created_at)
           select $1, $2, l.id, l.wa_id, l.user_id, l.username,
                  coalesce(to_timestamp(l.asked), now())
           from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
                as l(id, wa_id, user_id, username, asked)
           where not exists (select 1 from participant p where p.group_id = $2 and p.left_at is null
                             and (p.wa_id = l.wa_id or p.user_id = l.user_id))
           on conflict (group_id, wa_join_request_id) do update
           set state = 'pending', failure_reason = null, decided_at = null,
               created_at = excluded.created_at
           where join_request.state in ('rejected', 'revoked', 'failed', 'approved')"#,
        member.tenant_id().0,
        group_id.0,
        &ids,
        &wa_ids as &[Option<String>],
        &user_ids as &[Option<String>],
        &usernames as &[Option<String>],
        &asked as &[Option<i64>]
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added > 0 {
        let event = LiveEvent {
            tenant_id: member.tenant_id(),
            change: Change::Group { group_id },
        };
        crate::live::store::publish(&mut tx, &event).await?;
    }
    tx.commit().await?;
    if added > 0 {
        crate::live::store::notify(&state.pool).await?;
    }
    Ok(usize::try_from(added).unwrap_or(usize::MAX))
}
