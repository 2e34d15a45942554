//! Typed IDs shared by the browser and the server, so one kind of ID can never stand in for another.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

macro_rules! meta_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The ID exactly as Meta sent it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

uuid_id!(
    /// A tenant (one business using GroupDesk).
    TenantId
);
uuid_id!(
    /// A person with an account (`app_user`).
    UserId
);
uuid_id!(
    /// A business phone number onboarded into a tenant.
    BusinessNumberId
);
uuid_id!(
    /// GroupDesk's own ID for a group, known before Meta assigns one.
    GroupId
);
uuid_id!(
    /// An asynchronous Graph API operation recorded in the ledger.
    OperationId
);
uuid_id!(
    /// A "Sync from WhatsApp" run of one business number.
    SyncJobId
);

meta_id!(
    /// Meta's opaque group ID.
    WaGroupId
);
meta_id!(
    /// Meta's phone number ID (PNID): a numeric string, kept as a string.
    PhoneNumberId
);
meta_id!(
    /// Meta's WhatsApp Business Account ID.
    WabaId
);
meta_id!(
    /// The `request_id` of an asynchronous Graph API call; its outcome arrives by webhook.
    RequestId
);
meta_id!(
    /// A WhatsApp message ID (`wamid.…`), ours or a user's.
    Wamid
);
meta_id!(
    /// A pending request to join a group, as Meta names it.
    JoinRequestId
);
meta_id!(
    /// A WhatsApp user's phone-number ID (`wa_id`); absent for users who hide their number.
    WaId
);
meta_id!(
    /// A business-scoped user ID (`user_id`, `US.1349…`), or a parent one (`parent_user_id`).
    Bsuid
);
meta_id!(
    /// An uploaded or received media object.
    MediaId
);

/// The digits of an input that reads as a phone number (`+1 555-0100`), else `None` (a BSUID or
/// other ID). Meta accepts either where it names a user (SPEC §2.10, §3.7).
pub fn phone_digits(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let phone_like = input
        .trim_start_matches('+')
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    (phone_like && !digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::phone_digits;

    #[test]
    fn phone_numbers_are_read_as_digits_and_other_ids_are_not() {
        assert_eq!(phone_digits("+1 555-0100").as_deref(), Some("15550100"));
        assert_eq!(phone_digits("15550100"), Some("15550100".into()));
        assert_eq!(phone_digits("US.1349"), None);
        assert_eq!(phone_digits("+"), None);
    }
}
