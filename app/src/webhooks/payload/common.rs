//! Pieces several webhook fields share: the error shape, a user's identity and `contacts`
//! (SPEC §3.3, §3.4, §3.7).

use crate::ids::{Bsuid, WaId};
use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// An error inside a webhook: `{code, title, message, error_data: {details}, href}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WebhookError {
    /// Meta's code (a number, sometimes a string).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// Short title.
    #[serde(default)]
    pub title: Option<String>,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// `{details}`.
    #[serde(default)]
    pub error_data: Option<WebhookErrorData>,
    /// A link to Meta's error-code page (message statuses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// `error_data` of a webhook error.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WebhookErrorData {
    /// Specifics.
    #[serde(default)]
    pub details: Option<String>,
}

/// Who a WhatsApp user is: a phone-number ID, a business-scoped user ID, or both (SPEC §3.7).
///
/// Users who hide their number come with a BSUID only, so neither key is guaranteed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub struct UserIdentity {
    /// The phone-number ID; absent for users who hide their number.
    #[serde(default)]
    pub wa_id: Option<WaId>,
    /// The business-scoped user ID.
    #[serde(default)]
    pub user_id: Option<Bsuid>,
    /// The parent business-scoped user ID, when parent BSUIDs are enabled.
    #[serde(default)]
    pub parent_user_id: Option<Bsuid>,
    /// The user's WhatsApp username.
    #[serde(default)]
    pub username: Option<String>,
}

impl UserIdentity {
    /// Whether the identity names nobody: neither a `wa_id` nor a `user_id`.
    pub fn is_anonymous(&self) -> bool {
        self.wa_id.is_none() && self.user_id.is_none()
    }

    /// The ID to address the user by: the phone number if known, else the BSUID.
    pub fn key(&self) -> Option<&str> {
        self.wa_id
            .as_ref()
            .map(|id| id.as_str())
            .or(self.user_id.as_ref().map(|id| id.as_str()))
    }
}

/// `profile` of a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Profile {
    /// The name the user set.
    #[serde(default)]
    pub name: Option<String>,
    /// The user's username (BSUID rollout).
    #[serde(default)]
    pub username: Option<String>,
}

/// One entry of `contacts`: a user a message or status is about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Contact {
    /// Name and username.
    #[serde(default)]
    pub profile: Option<Profile>,
    /// The phone-number ID; absent for users who hide their number.
    #[serde(default)]
    pub wa_id: Option<WaId>,
    /// The business-scoped user ID.
    #[serde(default)]
    pub user_id: Option<Bsuid>,
    /// The parent business-scoped user ID.
    #[serde(default)]
    pub parent_user_id: Option<Bsuid>,
}

impl Contact {
    /// Who the contact is, username included.
    pub fn identity(&self) -> UserIdentity {
        UserIdentity {
            wa_id: self.wa_id.clone(),
            user_id: self.user_id.clone(),
            parent_user_id: self.parent_user_id.clone(),
            username: self.profile.as_ref().and_then(|p| p.username.clone()),
        }
    }
}

/// Whether an optional error list holds at least one error.
pub(super) fn has_errors(errors: Option<&Vec<WebhookError>>) -> bool {
    errors.is_some_and(|errors| !errors.is_empty())
}
