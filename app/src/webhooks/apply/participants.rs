//! `group_participants_update`: joins, join requests, removals and leaves (SPEC §4.2).

use super::{Applied, changed, group_of, number_id};
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
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let phone_like = input
        .trim_start_matches('+')
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if phone_like && !digits.is_empty() {
        Some((Some(digits), None, None))
    } else {
        Some((None, Some(input.to_owned()), None))
    }
}

/// Applies one participants event to the group's participants and join requests.
pub(super) async fn apply(
    tx: &mut PgConnection,
    metadata: &Metadata,
    event: &ParticipantsEvent,
) -> Result<Applied, sqlx::Error> {
    let Some(number) = number_id(tx, metadata).await? else {
        return Ok(Applied::UnknownNumber);
    };
    let Some((group_id, tenant_id)) = group_of(tx, number, event.group_id.as_ref()).await? else {
        // The group may still be being created: its create outcome can arrive later.
        return Ok(Applied::NotReady);
    };
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
                    r#"insert into participant (tenant_id, group_id, wa_id, user_id, username, joined_via)
                       values ($1, $2, $3, $4, $5, $6)
                       on conflict (group_id, user_key) do update
                       set left_at = null, left_reason = null, joined_at = now(), joined_via = excluded.joined_via,
                           username = coalesce(excluded.username, participant.username)
                       where participant.left_at is not null"#,
                    tenant_id.0,
                    group_id.0,
                    wa_id,
                    user_id,
                    username,
                    via
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        ParticipantsType::GroupParticipantsRemove => {
            if let Some(request_id) = &event.request_id {
                let state = match (
                    event.removed_participants.is_empty(),
                    event.failed_participants.is_empty(),
                ) {
                    (_, true) => "succeeded",
                    (true, false) => "failed",
                    (false, false) => "partially_failed",
                };
                let detail = serde_json::to_value(&event.failed_participants)
                    .map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
                sqlx::query!(
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
            }
            let reason = match event.initiated_by {
                Some(InitiatedBy::Participant) => "left",
                _ => "removed",
            };
            for participant in &event.removed_participants {
                let Some((wa_id, user_id, _)) = identity(participant) else {
                    continue;
                };
                sqlx::query!(
                    r#"update participant set left_at = now(), left_reason = $4
                       where group_id = $1 and left_at is null and (wa_id = $2 or user_id = $3)"#,
                    group_id.0,
                    wa_id,
                    user_id,
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
            sqlx::query!(
                r#"insert into join_request (tenant_id, group_id, wa_join_request_id, wa_id, user_id, username)
                   values ($1, $2, $3, $4, $5, $6)
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
            sqlx::query!(
                r#"update join_request set state = 'revoked', decided_at = now()
                   where group_id = $1 and wa_join_request_id = $2 and state in ('pending', 'approving')"#,
                group_id.0,
                request.as_str()
            )
            .execute(&mut *tx)
            .await?;
        }
        ParticipantsType::Other(_) => return Ok(Applied::Nothing),
    }
    Ok(changed(group_id, tenant_id))
}
