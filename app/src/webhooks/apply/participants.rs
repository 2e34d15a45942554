//! `group_participants_update`: joins, join requests, removals and leaves (SPEC §4.2).

use super::{Applied, Target, changed, event_time, target};
use crate::webhooks::payload::{
    InitiatedBy, Metadata, Participant, ParticipantsEvent, ParticipantsType, UserIdentity,
};
use sqlx::PgConnection;

/// `(wa_id, user_id, username)` of an identity, as stored.
fn parts(user: &UserIdentity) -> (Option<String>, Option<String>, Option<String>) {
    (
        user.wa_id.as_ref().map(|id| id.as_str().to_owned()),
        user.user_id.as_ref().map(|id| id.as_str().to_owned()),
        user.username.clone(),
    )
}

/// The identity of a listed participant; a bare `input` (removals) is read as a phone number
/// when it looks like one, else as a BSUID.
fn identity(participant: &Participant) -> Option<(Option<String>, Option<String>, Option<String>)> {
    if !participant.user.is_anonymous() {
        return Some(parts(&participant.user));
    }
    let input = participant.input.as_deref()?.trim();
    match crate::ids::phone_digits(input) {
        Some(digits) => Some((Some(digits), None, None)),
        None => Some((None, Some(input.to_owned()), None)),
    }
}

/// Applies one participants event to the group's participants and join requests.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    event: &ParticipantsEvent,
) -> Result<Applied, sqlx::Error> {
    let Target {
        number,
        group_id,
        tenant_id,
    } = match target(tx, lookups, metadata, event.group_id.as_ref()).await? {
        Ok(target) => target,
        Err(applied) => return Ok(applied),
    };
    let at = event_time(event.timestamp);
    match &event.kind {
        ParticipantsType::GroupParticipantsAdd => {
            for participant in &event.added_participants {
                let Some((wa_id, user_id, username)) = identity(participant) else {
                    continue;
                };
                // An approval turns the user's pending request into membership.
                let approved = sqlx::query_scalar!(
                    r#"update join_request set state = 'approved', decided_at = coalesce(decided_at, now())
                       where group_id = $1 and state in ('pending', 'approving')
                         and (wa_id = $2 or user_id = $3)
                       returning join_request_id"#,
                    group_id.0,
                    wa_id,
                    user_id
                )
                .fetch_optional(&mut *tx)
                .await?;
                let via = if approved.is_some() {
                    "join_request"
                } else {
                    "invite_link"
                };
                sqlx::query!(
                    r#"insert into participant
                         (tenant_id, group_id, wa_id, user_id, username, joined_via, joined_at, changed_at)
                       values ($1, $2, $3, $4, $5, $6, $7, $7)
                       on conflict (group_id, user_key) do update
                       set left_at = null, left_reason = null, joined_at = excluded.joined_at,
                           joined_via = excluded.joined_via, changed_at = excluded.changed_at,
                           username = coalesce(excluded.username, participant.username)
                       where participant.left_at is not null
                         and (participant.changed_at is null or participant.changed_at <= excluded.changed_at)"#,
                    tenant_id.0,
                    group_id.0,
                    wa_id,
                    user_id,
                    username,
                    via,
                    at as _
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        ParticipantsType::GroupParticipantsRemove => {
            if let Some(request_id) = &event.request_id {
                if let Some(wa_group_id) = &event.group_id {
                    super::adopt::local_operation(
                        tx,
                        number,
                        "participants_remove",
                        wa_group_id.as_str(),
                        request_id,
                    )
                    .await?;
                }
                let state = match (
                    event.removed_participants.is_empty(),
                    event.failed_participants.is_empty(),
                ) {
                    (_, true) => "succeeded",
                    (true, false) => "failed",
                    (false, false) => "partially_failed",
                };
                // When every removal failed, Meta gives the reason once, at the top (SPEC §4.2):
                // copy it to each failed item so each one is explained.
                let mut failed = event.failed_participants.clone();
                for item in failed.iter_mut().filter(|item| item.errors.is_none()) {
                    item.errors.clone_from(&event.errors);
                }
                let detail = serde_json::to_value(&failed)
                    .map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
                let resolved = sqlx::query!(
                    r#"update operation set state = $3, resolved_at = now(),
                         error_detail = case when $3 = 'succeeded' then null else $4::jsonb end
                       where business_number_id = $1 and request_id = $2 and kind = 'participants_remove'
                         and state = 'pending'"#,
                    number,
                    request_id.as_str(),
                    state,
                    detail
                )
                .execute(&mut *tx)
                .await?;
                // Nothing pending matched: a duplicate, or an outcome that overtook its filing.
                if resolved.rows_affected() == 0
                    && super::adopt::unfiled(tx, lookups, number, request_id).await?
                {
                    return Ok(Applied::NotReady);
                }
            }
            let reason = match event.initiated_by {
                Some(InitiatedBy::Participant) => "left",
                _ => "removed",
            };
            for participant in &event.removed_participants {
                let Some((wa_id, user_id, _)) = identity(participant) else {
                    continue;
                };
                // A removal that overtook the join leaves a row marked as left, so the late join
                // (older by WhatsApp's clock) cannot bring the user back.
                sqlx::query!(
                    r#"insert into participant
                         (tenant_id, group_id, wa_id, user_id, joined_via, left_at, left_reason, changed_at)
                       values ($1, $2, $3, $4, 'invite_link', $5, $6, $5)
                       on conflict (group_id, user_key) do update
                       set left_at = excluded.left_at, left_reason = excluded.left_reason,
                           changed_at = excluded.changed_at
                       where participant.left_at is null
                         and (participant.changed_at is null or participant.changed_at <= excluded.changed_at)"#,
                    tenant_id.0,
                    group_id.0,
                    wa_id,
                    user_id,
                    at as _,
                    reason
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        ParticipantsType::GroupJoinRequestCreated => {
            let Some(request) = &event.join_request_id else {
                return Ok(Applied::Nothing);
            };
            let (wa_id, user_id, username) = parts(&event.user);
            if wa_id.is_none() && user_id.is_none() {
                return Ok(Applied::Nothing);
            }
            // Not for someone already in (the approval overtook the request).
            sqlx::query!(
                r#"insert into join_request (tenant_id, group_id, wa_join_request_id, wa_id, user_id, username)
                   select $1, $2, $3, $4, $5, $6
                   where not exists (select 1 from participant where group_id = $2 and left_at is null
                                     and (wa_id = $4 or user_id = $5))
                   on conflict (group_id, wa_join_request_id) do nothing"#,
                tenant_id.0,
                group_id.0,
                request.as_str(),
                wa_id,
                user_id,
                username
            )
            .execute(&mut *tx)
            .await?;
        }
        ParticipantsType::GroupJoinRequestRevoked => {
            let Some(request) = &event.join_request_id else {
                return Ok(Applied::Nothing);
            };
            // A revocation that overtook its request leaves the request revoked when it arrives.
            let (wa_id, user_id, username) = parts(&event.user);
            sqlx::query!(
                r#"insert into join_request
                     (tenant_id, group_id, wa_join_request_id, wa_id, user_id, username, state, decided_at)
                   select $1, $2, $3, $4, $5, $6, 'revoked', now()
                   where $4::text is not null or $5::text is not null
                   on conflict (group_id, wa_join_request_id) do update
                   set state = 'revoked', decided_at = now()
                   where join_request.state in ('pending', 'approving')"#,
                tenant_id.0,
                group_id.0,
                request.as_str(),
                wa_id,
                user_id,
                username
            )
            .execute(&mut *tx)
            .await?;
        }
        ParticipantsType::Other(_) => return Ok(Applied::Nothing),
    }
    Ok(changed(group_id, tenant_id))
}
