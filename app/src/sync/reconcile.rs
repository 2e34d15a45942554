//! One group as WhatsApp reports it (SPEC §2.3), brought into GroupDesk: imported when GroupDesk
//! does not know it, corrected where GroupDesk's copy drifted, and marked as seen by this run.

use crate::audit::{self, Entry, actions};
use crate::graph::types::GroupInfo;
use crate::groups::domain::{GroupDescription, GroupSubject};
use crate::ids::{BusinessNumberId, GroupId, SyncJobId, TenantId};
use crate::live::{Change, LiveEvent};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// What reconciling one group did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// GroupDesk did not know the group: it is imported.
    Imported(GroupId),
    /// Something drifted and was corrected.
    Updated(GroupId),
    /// GroupDesk was already in line.
    Unchanged,
    /// Left alone this time (GroupDesk is creating or deleting it itself).
    Skipped,
}

/// The run and number a group is reconciled for.
pub struct Scope {
    /// The run.
    pub job: SyncJobId,
    /// The number's tenant.
    pub tenant_id: TenantId,
    /// The number.
    pub number: BusinessNumberId,
    /// When WhatsApp's answer was read: a webhook about a later moment wins over it.
    pub observed_at: DateTime<Utc>,
}

/// The group's stored invite link, if GroupDesk knows the group (to skip asking for it again).
pub async fn known_link(
    conn: impl sqlx::PgExecutor<'_>,
    number: BusinessNumberId,
    wa_group_id: &str,
) -> Result<Option<Option<String>>, sqlx::Error> {
    sqlx::query_scalar!(
        "select invite_link from whatsapp_group where business_number_id = $1 and wa_group_id = $2",
        number.0,
        wa_group_id
    )
    .fetch_optional(conn)
    .await
}

/// A subject GroupDesk can store: WhatsApp's, trimmed and cut to 128 characters.
fn subject(info: &GroupInfo) -> String {
    let raw: String = info
        .subject
        .as_deref()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(128)
        .collect();
    GroupSubject::parse(&raw)
        .map(|subject| subject.as_str().to_owned())
        .unwrap_or_else(|_| super::text::UNTITLED.to_owned())
}

fn description(info: &GroupInfo) -> String {
    let raw: String = info
        .description
        .as_deref()
        .unwrap_or_default()
        .chars()
        .take(2048)
        .collect();
    GroupDescription::parse(&raw)
        .map(|description| description.as_str().to_owned())
        .unwrap_or_default()
}

fn approval(info: &GroupInfo) -> Option<&'static str> {
    match info.join_approval_mode.as_deref() {
        Some("approval_required") => Some("approval_required"),
        Some("auto_approve") => Some("auto_approve"),
        _ => None,
    }
}

/// Applies one group's info in the caller's transaction.
pub async fn apply(
    tx: &mut PgConnection,
    scope: &Scope,
    info: &GroupInfo,
    invite_link: Option<&str>,
) -> Result<(Outcome, Option<LiveEvent>), sqlx::Error> {
    let stored = sqlx::query!(
        r#"select group_id as "group_id: GroupId", subject, description, join_approval_mode,
                  suspended, state, invite_link, missing_since as "missing_since: DateTime<Utc>"
           from whatsapp_group where business_number_id = $1 and wa_group_id = $2
           for update"#,
        scope.number.0,
        info.id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(stored) = stored else {
        return import(tx, scope, info, invite_link).await;
    };
    let group_id = stored.group_id;
    sqlx::query!(
        "update whatsapp_group set last_seen_sync_job_id = $2 where group_id = $1",
        group_id.0,
        scope.job.0
    )
    .execute(&mut *tx)
    .await?;
    // GroupDesk's own delete is waiting for WhatsApp's webhook: that webhook decides.
    if stored.state == "deleting" {
        return Ok((Outcome::Skipped, None));
    }

    let mut changed: Vec<&str> = Vec::new();
    let new_subject = info.subject.as_ref().map(|_| subject(info));
    if new_subject
        .as_deref()
        .is_some_and(|new| new != stored.subject)
    {
        changed.push("subject");
    }
    let new_description = info.description.as_ref().map(|_| description(info));
    if new_description
        .as_deref()
        .is_some_and(|new| new != stored.description)
    {
        changed.push("description");
    }
    let mode = approval(info);
    if mode.is_some_and(|mode| mode != stored.join_approval_mode) {
        changed.push("join_approval_mode");
    }
    if info
        .suspended
        .is_some_and(|suspended| suspended != stored.suspended)
    {
        changed.push("suspended");
    }
    if stored.state != "active" {
        changed.push("state");
    }
    if stored.missing_since.is_some() {
        changed.push("found_on_whatsapp");
    }
    let link = invite_link.filter(|link| stored.invite_link.as_deref() != Some(*link));
    if stored.invite_link.is_none() && link.is_some() {
        changed.push("invite_link");
    }
    if !changed.is_empty() {
        sqlx::query!(
            r#"update whatsapp_group
               set subject = coalesce($2, subject), description = coalesce($3, description),
                   join_approval_mode = coalesce($4, join_approval_mode),
                   suspended = coalesce($5, suspended),
                   suspension_changed_at = case when $5 is distinct from suspended and $5 is not null
                                                then $6 else suspension_changed_at end,
                   invite_link = coalesce(invite_link, $7),
                   state = 'active', failure_reason = null, missing_since = null, updated_at = now()
               where group_id = $1"#,
            group_id.0,
            new_subject,
            new_description,
            mode,
            info.suspended,
            scope.observed_at as _,
            link,
        )
        .execute(&mut *tx)
        .await?;
    }
    let (added, removed) = participants(tx, scope, group_id, info).await?;
    if changed.is_empty() && added == 0 && removed == 0 {
        return Ok((Outcome::Unchanged, None));
    }
    let entry = Entry::success(None, Some(scope.tenant_id), actions::GROUP_SYNC_CORRECT)
        .target(group_id)
        .detail(serde_json::json!({
            "sync_job_id": scope.job.0,
            "changed": changed,
            "participants_added": added,
            "participants_removed": removed,
        }));
    audit::record(&mut *tx, &entry).await?;
    Ok((Outcome::Updated(group_id), Some(live(scope, group_id))))
}

fn live(scope: &Scope, group_id: GroupId) -> LiveEvent {
    LiveEvent {
        tenant_id: scope.tenant_id,
        change: Change::Group { group_id },
    }
}

async fn import(
    tx: &mut PgConnection,
    scope: &Scope,
    info: &GroupInfo,
    invite_link: Option<&str>,
) -> Result<(Outcome, Option<LiveEvent>), sqlx::Error> {
    let subject = subject(info);
    // GroupDesk's own create may be listed before its webhook names the group: leave it to the
    // webhook rather than importing a twin.
    let creating = sqlx::query_scalar!(
        r#"select exists(select 1 from whatsapp_group
                         where business_number_id = $1 and state = 'creating' and subject = $2) as "x!""#,
        scope.number.0,
        subject
    )
    .fetch_one(&mut *tx)
    .await?;
    if creating {
        return Ok((Outcome::Skipped, None));
    }
    let created_at = info
        .creation_timestamp
        .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0))
        .unwrap_or(scope.observed_at);
    let group_id = sqlx::query_scalar!(
        r#"insert into whatsapp_group
             (tenant_id, business_number_id, wa_group_id, subject, description, join_approval_mode,
              invite_link, state, suspended, suspension_changed_at, created_at, last_seen_sync_job_id)
           values ($1, $2, $3, $4, $5, $6, $7, 'active', $8, case when $8 then $9::timestamptz end, $10, $11)
           returning group_id as "group_id: GroupId""#,
        scope.tenant_id.0,
        scope.number.0,
        info.id,
        subject,
        description(info),
        approval(info).unwrap_or("auto_approve"),
        invite_link,
        info.suspended.unwrap_or(false),
        scope.observed_at as _,
        created_at as _,
        scope.job.0,
    )
    .fetch_one(&mut *tx)
    .await?;
    let (added, _) = participants(tx, scope, group_id, info).await?;
    let entry = Entry::success(None, Some(scope.tenant_id), actions::GROUP_IMPORT)
        .target(group_id)
        .detail(serde_json::json!({
            "sync_job_id": scope.job.0,
            "subject": subject,
            "participants": added,
        }));
    audit::record(&mut *tx, &entry).await?;
    Ok((Outcome::Imported(group_id), Some(live(scope, group_id))))
}

/// Makes the group's current participants WhatsApp's list: listed people are in (joined "at
/// sync" when GroupDesk had missed them), others are marked as no longer listed. A webhook that
/// reported a later change keeps its word. Returns how many were added and removed.
async fn participants(
    tx: &mut PgConnection,
    scope: &Scope,
    group_id: GroupId,
    info: &GroupInfo,
) -> Result<(u64, u64), sqlx::Error> {
    let Some(listed) = &info.participants else {
        return Ok((0, 0));
    };
    let mut wa_ids = Vec::new();
    let mut user_ids = Vec::new();
    let mut usernames = Vec::new();
    for user in listed.iter().filter(|user| !user.is_anonymous()) {
        wa_ids.push(user.wa_id.as_ref().map(|id| id.as_str().to_owned()));
        user_ids.push(user.user_id.as_ref().map(|id| id.as_str().to_owned()));
        usernames.push(user.username.clone());
    }
    let added = sqlx::query!(
        r#"insert into participant
             (tenant_id, group_id, wa_id, user_id, username, joined_via, joined_at, changed_at)
           select $1, $2, l.wa_id, l.user_id, l.username, 'sync', $6, $6
           from unnest($3::text[], $4::text[], $5::text[]) as l(wa_id, user_id, username)
           on conflict (group_id, user_key) do update
           set left_at = null, left_reason = null, joined_at = excluded.joined_at,
               joined_via = 'sync', changed_at = excluded.changed_at,
               username = coalesce(excluded.username, participant.username)
           where participant.left_at is not null
             and (participant.changed_at is null or participant.changed_at <= excluded.changed_at)"#,
        scope.tenant_id.0,
        group_id.0,
        &wa_ids as &[Option<String>],
        &user_ids as &[Option<String>],
        &usernames as &[Option<String>],
        scope.observed_at as _,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let keys: Vec<String> = wa_ids
        .iter()
        .zip(&user_ids)
        .filter_map(|(wa_id, user_id)| wa_id.clone().or_else(|| user_id.clone()))
        .collect();
    let removed = sqlx::query!(
        r#"update participant set left_at = $3, left_reason = 'not_listed', changed_at = $3
           where group_id = $1 and left_at is null and not (user_key = any($2))
             and (changed_at is null or changed_at <= $3)"#,
        group_id.0,
        &keys,
        scope.observed_at as _,
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok((added, removed))
}
