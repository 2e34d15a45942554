//! `group_settings_update`: per-setting outcomes of a settings change (SPEC §4.3).

use super::{Applied, Target, changed, target};
use crate::webhooks::payload::{Metadata, SettingsEvent};
use sqlx::PgConnection;

/// Applies what succeeded, and resolves the operation: succeeded, partially failed or failed.
pub(super) async fn apply(
    tx: &mut PgConnection,
    lookups: &mut super::Lookups,
    metadata: &Metadata,
    event: &SettingsEvent,
) -> Result<Applied, sqlx::Error> {
    let Target {
        number,
        group_id,
        tenant_id,
    } = match target(tx, lookups, metadata, event.group_id.as_ref()).await? {
        Ok(target) => target,
        Err(applied) => return Ok(applied),
    };
    let mut succeeded = 0;
    let mut failed = 0;
    if let Some(subject) = &event.group_subject {
        if subject.succeeded() {
            succeeded += 1;
            let text = subject.text.as_deref().map(str::trim).unwrap_or_default();
            if (1..=128).contains(&text.chars().count()) {
                sqlx::query!(
                    "update whatsapp_group set subject = $2, updated_at = now() where group_id = $1",
                    group_id.0,
                    text
                )
                .execute(&mut *tx)
                .await?;
            }
        } else {
            failed += 1;
        }
    }
    if let Some(description) = &event.group_description {
        if description.succeeded() {
            succeeded += 1;
            let text = description.text.as_deref().unwrap_or_default();
            if text.chars().count() <= 2048 {
                sqlx::query!(
                    "update whatsapp_group set description = $2, updated_at = now() where group_id = $1",
                    group_id.0,
                    text
                )
                .execute(&mut *tx)
                .await?;
            }
        } else {
            failed += 1;
        }
    }
    if let Some(picture) = &event.profile_picture {
        if picture.succeeded() {
            succeeded += 1;
        } else {
            failed += 1;
        }
    }
    if let Some(request_id) = &event.request_id {
        if let Some(wa_group_id) = &event.group_id {
            super::adopt::local_operation(
                tx,
                number,
                "group_settings_update",
                wa_group_id.as_str(),
                request_id,
            )
            .await?;
        }
        // The approval mode has no outcome object of its own (SPEC §4.3 lists picture, subject
        // and description): when it was asked, it held unless the event reports errors.
        let mode = asked_approval_mode(tx, number, request_id.as_str()).await?;
        if let Some(mode) = &mode {
            if event.errors.as_ref().is_none_or(Vec::is_empty) {
                succeeded += 1;
                sqlx::query(
                    "update whatsapp_group set join_approval_mode = $2, updated_at = now() where group_id = $1",
                )
                .bind(group_id.0)
                .bind(mode)
                .execute(&mut *tx)
                .await?;
            } else {
                failed += 1;
            }
        }
        if let Some(picture) = &event.profile_picture {
            decide_picture(tx, number, request_id.as_str(), picture.succeeded()).await?;
        }
        let state = match (succeeded, failed) {
            (_, 0) => "succeeded",
            (0, _) => "failed",
            _ => "partially_failed",
        };
        let detail =
            serde_json::to_value(event).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
        let resolved = sqlx::query!(
            r#"update operation set state = $3, error_detail = case when $3 = 'succeeded' then null else $4::jsonb end,
                 resolved_at = now()
               where business_number_id = $1 and request_id = $2 and kind = 'group_settings_update'
                 and state = 'pending'"#,
            number,
            request_id.as_str(),
            state,
            detail
        )
        .execute(&mut *tx)
        .await?;
        // Nothing pending matched: a duplicate, or an outcome that overtook its filing (whatever
        // this event applied above is then undone with it).
        if resolved.rows_affected() == 0
            && super::adopt::unfiled(tx, lookups, number, request_id).await?
        {
            return Ok(Applied::NotReady);
        }
    }
    Ok(changed(group_id, tenant_id))
}

/// Marks the picture GroupDesk sent with this settings operation accepted or refused; the
/// newest accepted one is the picture the group page shows.
async fn decide_picture(
    tx: &mut PgConnection,
    number: uuid::Uuid,
    request_id: &str,
    accepted: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        r#"update group_picture p
           set state = case when $3 then 'accepted' else 'refused' end, decided_at = now()
           from operation o
           where p.operation_id = o.operation_id and p.state = 'pending'
             and o.business_number_id = $1 and o.request_id = $2
             and o.kind = 'group_settings_update'"#,
    )
    .bind(number)
    .bind(request_id)
    .bind(accepted)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The approval mode a pending settings operation asked for, when it asked for one.
async fn asked_approval_mode(
    tx: &mut PgConnection,
    number: uuid::Uuid,
    request_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let mode: Option<Option<String>> = sqlx::query_scalar(
        "select request_detail->>'join_approval_mode' from operation
         where business_number_id = $1 and request_id = $2 and kind = 'group_settings_update'
           and state = 'pending'",
    )
    .bind(number)
    .bind(request_id)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(mode
        .flatten()
        .filter(|mode| mode == "auto_approve" || mode == "approval_required"))
}
