//! Onboarding, token rotation and disabling of business numbers, each step audited (SPEC §5, §6).
//!
//! A token is checked by reading the number's facts with it before anything is stored; a wrong
//! token, an ineligible number or a failed webhook subscription leave nothing behind.

use super::access::client_for;
use super::db::{self, NewNumber};
use super::domain::{NumberFacts, OnboardAnswer};
use super::text;
use crate::AppError;
use crate::audit::{self, Entry, actions};
use crate::auth::bootstrap::is_constraint;
use crate::graph::{GraphApi, NumberAccess, explain};
use crate::ids::{BusinessNumberId, PhoneNumberId, WabaId};
use crate::state::AppState;
use crate::tenants::TenantMember;
use secrecy::SecretString;

/// What an admin entered to onboard a number.
pub struct Onboarding {
    /// Meta's phone number ID.
    pub phone_number_id: PhoneNumberId,
    /// Meta's WABA ID.
    pub waba_id: WabaId,
    /// The access token (never logged).
    pub token: SecretString,
    /// Whether it is a sandbox number.
    pub sandbox: bool,
}

/// Meta's code of a failed call, for the audit log.
pub(super) fn meta_code(error: &AppError) -> i64 {
    match error {
        AppError::Upstream { code, .. } => *code,
        _ => 0,
    }
}

/// Records a refused or failed step; the caller returns the original error.
async fn audit_failure(
    state: &AppState,
    member: &TenantMember,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let entry = Entry::failure(Some(member.user_id()), Some(member.tenant_id()), action)
        .target(target)
        .detail(detail);
    audit::record(&state.pool, &entry).await?;
    Ok(())
}

/// Reads the number's facts with `token`: this is the token check.
async fn read_facts(
    client: &dyn GraphApi,
    phone_number_id: &PhoneNumberId,
    token: &SecretString,
) -> Result<crate::graph::types::PhoneNumberInfo, AppError> {
    let access = NumberAccess {
        phone_number_id: phone_number_id.clone(),
        token: token.clone(),
    };
    Ok(client.phone_number(&access).await?)
}

/// Checks the token and the number's eligibility, subscribes the app to the WABA, and stores the
/// number with its encrypted token. A refusal for eligibility comes back as `Ok` with the facts.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), pnid = %input.phone_number_id))]
pub async fn onboard(
    state: &AppState,
    member: &TenantMember,
    input: &Onboarding,
) -> Result<OnboardAnswer, AppError> {
    let pnid = input.phone_number_id.as_str();
    let client = client_for(state, input.sandbox)
        .map_err(|_| AppError::validation("sandbox", text::SANDBOX_OFF))?;
    let info = match read_facts(client.as_ref(), &input.phone_number_id, &input.token).await {
        Ok(info) => info,
        Err(error) => {
            let detail =
                serde_json::json!({ "step": "verify_token", "meta_code": meta_code(&error) });
            audit_failure(state, member, actions::NUMBER_ONBOARD, pnid, detail).await?;
            return Err(error);
        }
    };
    let facts = NumberFacts::from(&info);
    if let Some(reason) = facts.refusal() {
        let detail = serde_json::json!({ "step": "eligibility", "reason": reason });
        audit_failure(state, member, actions::NUMBER_ONBOARD, pnid, detail).await?;
        return Ok(OnboardAnswer {
            facts,
            refused: Some(format!("{reason} {}", explain(131215))),
        });
    }
    let display = info
        .display_phone_number
        .as_deref()
        .map(str::trim)
        .filter(|digits| (1..=32).contains(&digits.chars().count()))
        .ok_or_else(|| AppError::validation("phone_number_id", text::NO_DISPLAY_NUMBER))?
        .to_owned();
    let subscribed = client
        .subscribe_app(input.waba_id.as_str(), &input.token)
        .await
        .map_err(AppError::from);
    if !matches!(subscribed, Ok(true)) {
        let error = subscribed.err().unwrap_or_else(|| AppError::Conflict {
            message: text::NOT_SUBSCRIBED.to_owned(),
        });
        let detail = serde_json::json!({ "step": "subscribe_app", "meta_code": meta_code(&error) });
        audit_failure(state, member, actions::NUMBER_ONBOARD, pnid, detail).await?;
        return Err(error);
    }
    let sealed = state
        .token_cipher
        .seal(&input.token, pnid)
        .map_err(AppError::internal)?;
    let mut tx = state.pool.begin().await?;
    let new = NewNumber {
        phone_number_id: &input.phone_number_id,
        waba_id: &input.waba_id,
        display_phone_number: &display,
        sandbox: input.sandbox,
        token: &sealed,
        throughput_level: facts.throughput.as_deref(),
    };
    let id = match db::insert(&mut tx, member, &new).await {
        Ok(id) => id,
        Err(error) if is_constraint(&error, "business_number_phone_number_id_key") => {
            drop(tx);
            let detail = serde_json::json!({ "step": "store", "reason": "already_onboarded" });
            audit_failure(state, member, actions::NUMBER_ONBOARD, pnid, detail).await?;
            return Err(AppError::Conflict {
                message: text::ALREADY_ONBOARDED.to_owned(),
            });
        }
        Err(error) => return Err(error.into()),
    };
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::NUMBER_ONBOARD,
    )
    .target(id)
    .detail(serde_json::json!({
        "phone_number_id": pnid,
        "waba_id": input.waba_id.as_str(),
        "sandbox": input.sandbox,
    }));
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    tracing::info!(number.id = %id, "business number onboarded");
    Ok(OnboardAnswer {
        facts,
        refused: None,
    })
}

/// Replaces a number's token with `token`, after checking that the new token works for it.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), number.id = %id))]
pub async fn rotate_token(
    state: &AppState,
    member: &TenantMember,
    id: BusinessNumberId,
    token: &SecretString,
) -> Result<(), AppError> {
    let number = db::stored(&state.pool, member, id)
        .await?
        .ok_or_else(|| AppError::validation("number_id", text::NUMBER_UNKNOWN))?;
    let client = client_for(state, number.sandbox)?;
    let pnid = PhoneNumberId(number.phone_number_id);
    if let Err(error) = read_facts(client.as_ref(), &pnid, token).await {
        let detail = serde_json::json!({ "step": "verify_token", "meta_code": meta_code(&error) });
        audit_failure(
            state,
            member,
            actions::NUMBER_ROTATE_TOKEN,
            &id.to_string(),
            detail,
        )
        .await?;
        return Err(error);
    }
    let sealed = state
        .token_cipher
        .seal(token, pnid.as_str())
        .map_err(AppError::internal)?;
    let mut tx = state.pool.begin().await?;
    if !db::replace_token(&mut *tx, member, id, &sealed).await? {
        return Err(AppError::validation("number_id", text::NUMBER_UNKNOWN));
    }
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::NUMBER_ROTATE_TOKEN,
    )
    .target(id);
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    tracing::info!("business number token replaced");
    Ok(())
}

/// Disables a number: it stays in the list (and its groups keep their history) but is not used.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), number.id = %id))]
pub async fn disable(
    state: &AppState,
    member: &TenantMember,
    id: BusinessNumberId,
) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    if !db::disable(&mut *tx, member, id).await? {
        return Err(AppError::validation("number_id", text::NUMBER_UNKNOWN));
    }
    let entry = Entry::success(
        Some(member.user_id()),
        Some(member.tenant_id()),
        actions::NUMBER_DISABLE,
    )
    .target(id);
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}
