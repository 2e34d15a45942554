//! Reading a number's templates from WhatsApp into the cache: lazily when the cache is empty,
//! older than an hour or marked stale (WhatsApp refused a send of a cached template), on demand by "Refresh templates", and never more than once a minute per
//! number (Meta limits `message_templates` to about 200 calls an hour per WABA, SPEC §1.7).

use super::db::{self, GroupNumber};
use super::domain::{Purpose, TemplateView};
use super::list::TemplateList;
use super::text;
use crate::AppError;
use crate::graph::types::{MessageTemplate, PageRequest};
use crate::ids::{BusinessNumberId, GroupId};
use crate::state::AppState;
use crate::tenants::TenantMember;
use std::time::Duration;

/// Cached templates older than this are read again when the picker opens.
pub const MAX_AGE: Duration = Duration::from_secs(60 * 60);
/// Templates of one number are read at most this often, whoever asks.
pub const MIN_INTERVAL: Duration = Duration::from_secs(60);
/// Templates asked for per page.
const PAGE_LIMIT: u32 = 100;
/// Pages read at most in one refresh.
const MAX_PAGES: usize = 20;

/// The templates of the group's number that suit `purpose`; read from WhatsApp first when
/// `force` is set or the cache is stale, unless a read happened within [`MIN_INTERVAL`].
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), group.id = %group_id))]
pub async fn for_group(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    purpose: Purpose,
    force: bool,
) -> Result<TemplateList, AppError> {
    let tenant = member.tenant_id();
    let number = db::group_number(&state.pool, member, group_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = db::sync_state(&state.pool, tenant, number.business_number_id).await?;
    let marked = before.as_ref().is_some_and(|sync| sync.stale);
    let stale = marked
        || before
            .as_ref()
            .and_then(|sync| sync.refreshed_at)
            .is_none_or(|at| {
                (chrono::Utc::now() - at)
                    .to_std()
                    .is_ok_and(|age| age > MAX_AGE)
            });
    let mut notice = None;
    if force || stale {
        let claimed =
            db::claim(&state.pool, tenant, number.business_number_id, MIN_INTERVAL).await?;
        if claimed {
            match read_all(state, member, &number).await {
                Ok(templates) => {
                    db::store(&state.pool, tenant, number.business_number_id, &templates).await?;
                }
                Err(error) => {
                    let code = match &error {
                        AppError::Upstream { code, .. } => *code,
                        _ => 0,
                    };
                    db::record_failure(&state.pool, tenant, number.business_number_id, code)
                        .await?;
                    notice = Some(format!("{} {error}", text::REFRESH_FAILED));
                }
            }
        } else if force {
            notice = Some(text::REFRESH_TOO_SOON.to_owned());
        }
    }
    let after = db::sync_state(&state.pool, tenant, number.business_number_id).await?;
    if notice.is_none()
        && let Some(code) = after.as_ref().and_then(|sync| sync.failure_code)
    {
        notice = Some(format!("{} {}", text::REFRESH_FAILED, failure_reason(code)));
    }
    let templates = db::cached(&state.pool, tenant, number.business_number_id).await?;
    Ok(TemplateList {
        templates: offered(&templates, purpose),
        refreshed_at: after.and_then(|sync| sync.refreshed_at),
        notice,
    })
}

/// Why the last read failed, in plain words.
fn failure_reason(code: i64) -> String {
    if code == 0 {
        text::NOT_REACHED.to_owned()
    } else {
        format!("{} (Meta error {code})", crate::graph::explain(code))
    }
}

/// The templates GroupDesk offers for `purpose`, by name.
pub fn offered(templates: &[MessageTemplate], purpose: Purpose) -> Vec<TemplateView> {
    templates
        .iter()
        .filter_map(super::convert::offered)
        .filter(|view| view.suits(purpose))
        .collect()
}

/// Every template of the number's WABA, page by page.
async fn read_all(
    state: &AppState,
    member: &TenantMember,
    number: &GroupNumber,
) -> Result<Vec<MessageTemplate>, AppError> {
    let id = BusinessNumberId(number.business_number_id);
    let Some(client) = crate::numbers::access::load(state, member, id).await? else {
        return Err(AppError::Conflict {
            message: crate::chat::text::NUMBER_DISABLED.to_owned(),
        });
    };
    let mut page = PageRequest {
        limit: Some(PAGE_LIMIT),
        ..PageRequest::default()
    };
    let mut all = Vec::new();
    for _ in 0..MAX_PAGES {
        let got = client
            .client
            .message_templates(&number.waba_id, &client.access.token, &page)
            .await?;
        all.extend(got.items);
        match got.paging.next_cursor() {
            Some(cursor) => page.after = Some(cursor.to_owned()),
            None => break,
        }
    }
    Ok(all)
}

/// The group's number and, when that number offers it for `purpose` (cached, approved, of a
/// kind the purpose takes), the template `name` in `language`. An empty name or language is
/// refused as "pick a template first"; an unknown group as not found.
pub async fn chosen_for_group(
    state: &AppState,
    member: &TenantMember,
    group_id: GroupId,
    name: &str,
    language: &str,
    purpose: Purpose,
) -> Result<(GroupNumber, Option<TemplateView>), AppError> {
    if name.trim().is_empty() || language.trim().is_empty() {
        return Err(AppError::validation("name", text::PICK_FIRST));
    }
    let number = db::group_number(&state.pool, member, group_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let template = db::one(
        &state.pool,
        member.tenant_id(),
        number.business_number_id,
        name,
        language,
    )
    .await?
    .and_then(|template| super::convert::offered(&template))
    .filter(|template| template.suits(purpose));
    Ok((number, template))
}
