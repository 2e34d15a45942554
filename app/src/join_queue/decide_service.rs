//! Deciding many join requests at once (SPEC §2.13, §2.14): one Graph call per WhatsApp group,
//! and an outcome for each request, with Meta's per-item errors explained.

use super::domain::{Decision, ItemOutcome, OutcomeKind};
use super::text;
use crate::AppError;
use crate::audit::{Entry, actions};
use crate::graph::types::JoinRequestsOutcome;
use crate::graph::{GraphError, explain};
use crate::ids::{BusinessNumberId, GroupId};
use crate::live::{Change, LiveEvent};
use crate::state::AppState;
use crate::tenants::TenantMember;
use std::collections::BTreeMap;
use uuid::Uuid;

/// An outcome, and whether WhatsApp answered for this very request (then it is stored).
struct Decided {
    outcome: ItemOutcome,
    answered: bool,
}

/// A waiting request of the member's tenant, with what the Graph call needs.
struct Waiting {
    id: Uuid,
    wa_join_request_id: String,
    wa_group_id: Option<String>,
    business_number_id: BusinessNumberId,
}

/// Approves or rejects the given requests of the member's tenant. Requests of one WhatsApp group
/// go in one call; each request's state is stored as WhatsApp answered and a live event is
/// published per group. Returns one outcome per ID, in the order given. A call that fails as a
/// whole (number disabled, Meta unreachable, group suspended) fails its requests without changing
/// them, so they can be decided again.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), count = ids.len()))]
pub async fn decide_many(
    state: &AppState,
    member: &TenantMember,
    ids: &[Uuid],
    decision: Decision,
) -> Result<Vec<ItemOutcome>, AppError> {
    // Which groups the chosen requests belong to; each group is then decided on its own, with
    // its requests locked.
    let groups: Vec<Uuid> = sqlx::query_scalar(
        r#"select distinct r.group_id
           from join_request r
           join whatsapp_group g on g.group_id = r.group_id and g.tenant_id = r.tenant_id
           where r.tenant_id = $1 and r.join_request_id = any($2) and r.state = 'pending'
             and g.wa_group_id is not null
           order by r.group_id"#,
    )
    .bind(member.tenant_id().0)
    .bind(ids)
    .fetch_all(&state.pool)
    .await?;
    let mut outcomes: BTreeMap<Uuid, ItemOutcome> = BTreeMap::new();
    for group_id in groups {
        // The requests stay locked from this read until their answer is stored, so two people
        // deciding the same request at once send WhatsApp one decision: the other finds it
        // already taken (skipped while locked, no longer pending after) and sends nothing.
        let mut tx = state.pool.begin().await?;
        let requests = claim(&mut tx, member, group_id, ids).await?;
        if requests.is_empty() {
            continue;
        }
        let decided = decide_group(state, member, &requests, decision).await;
        store(&mut tx, member, GroupId(group_id), &decided, decision).await?;
        tx.commit().await?;
        outcomes.extend(
            decided
                .into_iter()
                .map(|decided| (decided.outcome.id, decided.outcome)),
        );
    }
    crate::live::store::notify(&state.pool).await?;
    Ok(ids
        .iter()
        .map(|id| {
            outcomes.remove(id).unwrap_or(ItemOutcome {
                id: *id,
                kind: OutcomeKind::NotPending,
                message: Some(text::NOT_PENDING.to_owned()),
            })
        })
        .collect())
}

/// Locks the chosen requests of one group that are still pending, skipping any that another
/// decision holds; oldest first, as the queue lists them, so when the group fills up the people
/// who waited longest are the ones let in.
async fn claim(
    tx: &mut sqlx::PgConnection,
    member: &TenantMember,
    group_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<Waiting>, sqlx::Error> {
    use sqlx::Row;
    let rows = sqlx::query(
        r#"select r.join_request_id, r.wa_join_request_id, g.wa_group_id, g.business_number_id
           from join_request r
           join whatsapp_group g on g.group_id = r.group_id and g.tenant_id = r.tenant_id
           where r.tenant_id = $1 and r.group_id = $2 and r.join_request_id = any($3)
             and r.state = 'pending'
           order by r.created_at, r.join_request_id
           for update of r skip locked"#,
    )
    .bind(member.tenant_id().0)
    .bind(group_id)
    .bind(ids)
    .fetch_all(&mut *tx)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Waiting {
                id: row.try_get("join_request_id")?,
                wa_join_request_id: row.try_get("wa_join_request_id")?,
                wa_group_id: row.try_get("wa_group_id")?,
                business_number_id: BusinessNumberId(row.try_get("business_number_id")?),
            })
        })
        .collect()
}

/// One Graph call for the requests of one group.
async fn decide_group(
    state: &AppState,
    member: &TenantMember,
    requests: &[Waiting],
    decision: Decision,
) -> Vec<Decided> {
    let all_failed = |message: String| {
        requests
            .iter()
            .map(|request| Decided {
                outcome: ItemOutcome {
                    id: request.id,
                    kind: OutcomeKind::Failed,
                    message: Some(message.clone()),
                },
                answered: false,
            })
            .collect()
    };
    let (Some(first), Some(wa_group_id)) = (
        requests.first(),
        requests.first().and_then(|r| r.wa_group_id.clone()),
    ) else {
        return Vec::new();
    };
    let number = match crate::numbers::access::load(state, member, first.business_number_id).await {
        Ok(Some(number)) => number,
        Ok(None) => return all_failed(text::NUMBER_DISABLED.to_owned()),
        Err(error) => return all_failed(error.to_string()),
    };
    let wa_ids: Vec<String> = requests
        .iter()
        .map(|request| request.wa_join_request_id.clone())
        .collect();
    let answer = match decision {
        Decision::Approve => {
            number
                .client
                .approve_join_requests(&number.access, &wa_group_id, &wa_ids)
                .await
        }
        Decision::Reject => {
            number
                .client
                .reject_join_requests(&number.access, &wa_group_id, &wa_ids)
                .await
        }
    };
    match answer {
        Ok(answer) => per_item(requests, &answer, decision),
        // Meta may refuse every request with one top-level error that is about the requests
        // themselves (gone, group full, cannot add): that is each request's answer.
        Err(GraphError::Api { code, .. }) if ITEM_CODES.contains(&code) => requests
            .iter()
            .map(|request| Decided {
                outcome: refused(request.id, code),
                answered: true,
            })
            .collect(),
        Err(error) => all_failed(AppError::from(error).to_string()),
    }
}

/// Meta's codes that describe a join request rather than the call (SPEC §1.5): 131203 cannot add,
/// 131204 group full, 131213 request gone.
const ITEM_CODES: [i64; 3] = [131203, 131204, 131213];

/// A request WhatsApp refused with `code`, explained.
fn refused(id: Uuid, code: i64) -> ItemOutcome {
    ItemOutcome {
        id,
        kind: OutcomeKind::Failed,
        message: Some(format!("{} (Meta error {code})", explain(code))),
    }
}

/// Reads Meta's answer item by item: each failed ID gets its own explained error.
fn per_item(
    requests: &[Waiting],
    answer: &JoinRequestsOutcome,
    decision: Decision,
) -> Vec<Decided> {
    requests
        .iter()
        .map(|request| {
            let failed = answer
                .failed_join_requests
                .iter()
                .find(|failed| failed.join_request_id == request.wa_join_request_id);
            let outcome = match failed {
                Some(failed) => {
                    let code = failed
                        .errors
                        .iter()
                        .chain(&answer.errors)
                        .find_map(|error| error.code)
                        .unwrap_or(0);
                    refused(request.id, code)
                }
                None => ItemOutcome {
                    id: request.id,
                    kind: match decision {
                        Decision::Approve => OutcomeKind::Approving,
                        Decision::Reject => OutcomeKind::Rejected,
                    },
                    message: None,
                },
            };
            Decided {
                outcome,
                answered: true,
            }
        })
        .collect()
}

/// Stores what WhatsApp answered for one group's requests in the claiming transaction, and
/// records the live event.
/// A failure to reach WhatsApp (every item failed before any answer) leaves the requests waiting.
async fn store(
    tx: &mut sqlx::PgConnection,
    member: &TenantMember,
    group_id: GroupId,
    decided: &[Decided],
    decision: Decision,
) -> Result<(), AppError> {
    let mut ids = Vec::new();
    let mut states = Vec::new();
    let mut reasons = Vec::new();
    for Decided { outcome, .. } in decided.iter().filter(|decided| decided.answered) {
        let next = match outcome.kind {
            OutcomeKind::Approving => "approving",
            OutcomeKind::Rejected => "rejected",
            OutcomeKind::Failed => "failed",
            OutcomeKind::NotPending => continue,
        };
        ids.push(outcome.id);
        states.push(next.to_owned());
        reasons.push(outcome.message.clone());
    }
    audit(&mut *tx, member, group_id, decided, decision).await?;
    if ids.is_empty() {
        return Ok(());
    }
    sqlx::query!(
        r#"update join_request r set state = u.state, failure_reason = u.reason,
             decided_at = case when u.state = 'approving' then null else now() end
           from unnest($2::uuid[], $3::text[], $4::text[]) as u(id, state, reason)
           where r.tenant_id = $1 and r.join_request_id = u.id and r.state = 'pending'"#,
        member.tenant_id().0,
        &ids,
        &states,
        &reasons as &[Option<String>]
    )
    .execute(&mut *tx)
    .await?;
    let event = LiveEvent {
        tenant_id: member.tenant_id(),
        change: Change::Group { group_id },
    };
    crate::live::store::publish(&mut *tx, &event).await?;
    Ok(())
}

/// One audit entry per group and call: which requests, and how many failed (Meta's codes, never
/// phone numbers). A call that never reached WhatsApp is audited as a failure.
async fn audit(
    tx: &mut sqlx::PgConnection,
    member: &TenantMember,
    group_id: GroupId,
    decided: &[Decided],
    decision: Decision,
) -> Result<(), sqlx::Error> {
    let action = match decision {
        Decision::Approve => actions::GROUP_APPROVE_JOIN_REQUESTS,
        Decision::Reject => actions::GROUP_REJECT_JOIN_REQUESTS,
    };
    let ids: Vec<Uuid> = decided.iter().map(|d| d.outcome.id).collect();
    let failed: Vec<&str> = decided
        .iter()
        .filter(|d| d.outcome.kind == OutcomeKind::Failed)
        .filter_map(|d| d.outcome.message.as_deref())
        .collect();
    let reached = decided.iter().any(|d| d.answered);
    let (actor, tenant) = (Some(member.user_id()), Some(member.tenant_id()));
    let entry = if reached {
        Entry::success(actor, tenant, action)
    } else {
        Entry::failure(actor, tenant, action)
    };
    let entry = entry
        .target(group_id)
        .detail(serde_json::json!({ "join_requests": ids, "failed": failed }));
    crate::audit::record(&mut *tx, &entry).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::types::{FailedJoinRequest, ItemError};

    fn waiting(wa: &str) -> Waiting {
        Waiting {
            id: Uuid::new_v4(),
            wa_join_request_id: wa.to_owned(),
            wa_group_id: Some("G".to_owned()),
            business_number_id: BusinessNumberId(Uuid::nil()),
        }
    }

    fn error(code: i64) -> ItemError {
        ItemError {
            code: Some(code),
            title: None,
            message: None,
            error_data: None,
        }
    }

    #[test]
    fn each_failed_request_is_explained_with_its_own_code_else_the_calls() {
        let requests = [waiting("A"), waiting("B"), waiting("C")];
        let answer = JoinRequestsOutcome {
            approved_join_requests: vec!["A".into()],
            failed_join_requests: vec![
                FailedJoinRequest {
                    join_request_id: "B".into(),
                    errors: vec![error(131204)],
                },
                FailedJoinRequest {
                    join_request_id: "C".into(),
                    errors: Vec::new(),
                },
            ],
            errors: vec![error(131213)],
            ..JoinRequestsOutcome::default()
        };

        let decided = per_item(&requests, &answer, Decision::Approve);

        let kinds: Vec<OutcomeKind> = decided.iter().map(|d| d.outcome.kind).collect();
        assert_eq!(
            kinds,
            [
                OutcomeKind::Approving,
                OutcomeKind::Failed,
                OutcomeKind::Failed
            ]
        );
        let message = |n: usize| decided[n].outcome.message.clone().unwrap_or_default();
        assert!(
            message(1).starts_with(explain(131204)) && message(1).ends_with("(Meta error 131204)")
        );
        assert!(message(2).ends_with("(Meta error 131213)"));
        assert!(decided.iter().all(|d| d.answered));
    }
}
