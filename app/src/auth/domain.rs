//! Sign-in values parsed at the edge: an email address, a display name, a new password.

use super::text;
use crate::AppError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The fewest characters a new password may have.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The most characters a password may have (argon2 would take longer ones, but nobody needs them).
pub const PASSWORD_MAX_CHARS: usize = 256;

/// An email address as people type it: trimmed, one `@` with text on both sides, at most 254.
/// Compared case-insensitively (the database's unique key is on `lower(email)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Trims and checks a raw address.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        let ok = trimmed.chars().count() <= 254
            && !trimmed.chars().any(char::is_whitespace)
            && trimmed.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && !domain.is_empty() && !domain.contains('@')
            });
        if !ok {
            return Err(AppError::validation("email", text::EMAIL_INVALID));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The address as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-cased address that identifies the person.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name other members see: trimmed, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    /// Trims and checks a raw name.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.chars().count() > 100 {
            return Err(AppError::validation("display_name", text::NAME_INVALID));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password someone chose: 12 to 256 characters, kept exactly as typed. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    /// Checks the length of a chosen password.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(AppError::validation("password", text::PASSWORD_TOO_SHORT));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(AppError::validation("password", text::PASSWORD_TOO_LONG));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_compared_in_lower_case() {
        let email = Email::parse("  Ana@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "Ana@Example.ORG");
        assert_eq!(email.key(), "ana@example.org");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for raw in [
            "",
            "ana",
            "@example.org",
            "ana@",
            "a b@example.org",
            "a@b@c",
        ] {
            assert_eq!(
                Email::parse(raw).unwrap_err().field(),
                Some("email"),
                "{raw}"
            );
        }
    }

    #[test]
    fn a_password_needs_12_characters_and_is_never_printed() {
        assert!(NewPassword::parse("short-pass1").is_err());
        let password = NewPassword::parse("long enough secret").unwrap();
        assert!(!format!("{password:?}").contains("secret"));
        assert!(NewPassword::parse(&"x".repeat(257)).is_err());
    }

    #[test]
    fn a_display_name_is_trimmed_and_not_empty() {
        assert_eq!(DisplayName::parse(" Ana ").unwrap().as_str(), "Ana");
        assert!(DisplayName::parse("  ").is_err());
    }
}
