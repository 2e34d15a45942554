//! Embedded Signup's back end (SPEC §6): the browser's short-lived code is exchanged for the
//! business token, which then goes through the same onboarding as a pasted one.

use super::access::client_for;
use super::domain::OnboardAnswer;
use super::service::{self, Onboarding};
use super::text;
use crate::AppError;
use crate::audit::{Entry, actions};
use crate::graph::GraphError;
use crate::ids::{PhoneNumberId, WabaId};
use crate::state::AppState;
use crate::tenants::TenantMember;
use secrecy::SecretString;

/// The app ID sent to the sandbox when no Meta app is configured (the sandbox checks only that
/// there is one).
pub const SANDBOX_APP_ID: &str = "groupdesk-sandbox-app";

/// What the code exchange and Facebook's JavaScript SDK need from the Meta app.
#[derive(Debug, Clone)]
pub struct SignupSettings {
    /// `META_APP_ID`.
    pub app_id: Option<String>,
    /// `META_ES_CONFIG_ID`: the Embedded Signup configuration.
    pub config_id: Option<String>,
    /// `META_APP_SECRET`: the exchange's client secret.
    pub app_secret: SecretString,
    /// The Graph API version, also given to the SDK.
    pub graph_version: String,
}

/// What the browser reports after a finished signup.
pub struct FinishedSignup {
    /// `FB.login`'s `authResponse.code` (lives 30 seconds, works once).
    pub code: SecretString,
    /// From the `WA_EMBEDDED_SIGNUP` `FINISH` message.
    pub phone_number_id: PhoneNumberId,
    /// From the same message.
    pub waba_id: WabaId,
    /// Whether the number is a sandbox number.
    pub sandbox: bool,
}

/// Exchanges the code, then onboards the number with the token (facts, eligibility, webhook
/// subscription, encrypted storage, audit). A refused code saves nothing and is audited.
#[tracing::instrument(skip_all, fields(tenant.id = %member.tenant_id(), pnid = %signup.phone_number_id))]
pub async fn complete(
    state: &AppState,
    member: &TenantMember,
    signup: FinishedSignup,
) -> Result<OnboardAnswer, AppError> {
    let client = client_for(state, signup.sandbox)
        .map_err(|_| AppError::validation("sandbox", text::SANDBOX_OFF))?;
    let settings = &state.signup;
    let app_id = match (&settings.app_id, signup.sandbox) {
        (Some(app_id), _) => app_id.as_str(),
        (None, true) => SANDBOX_APP_ID,
        (None, false) => {
            return Err(AppError::Conflict {
                message: text::SIGNUP_NOT_CONFIGURED.to_owned(),
            });
        }
    };
    let token = match client
        .exchange_code(app_id, &settings.app_secret, &signup.code)
        .await
    {
        Ok(token) => token,
        Err(error) => {
            let refused = matches!(error, GraphError::Api { .. });
            let error = AppError::from(error);
            let detail = serde_json::json!({
                "step": "exchange_code",
                "meta_code": service::meta_code(&error),
            });
            let entry = Entry::failure(
                Some(member.user_id()),
                Some(member.tenant_id()),
                actions::NUMBER_ONBOARD,
            )
            .target(signup.phone_number_id.as_str())
            .detail(detail);
            crate::audit::record(&state.pool, &entry).await?;
            tracing::info!(refused, "embedded signup code not exchanged");
            return Err(if refused {
                AppError::validation("code", text::CODE_REFUSED)
            } else {
                error
            });
        }
    };
    let input = Onboarding {
        phone_number_id: signup.phone_number_id,
        waba_id: signup.waba_id,
        token,
        sandbox: signup.sandbox,
    };
    service::onboard(state, member, &input).await
}
