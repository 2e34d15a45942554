//! Group values parsed at the edge: once built, they are known to satisfy the Groups API rules (SPEC §2.1).

use super::text;
use crate::AppError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most characters a subject may have.
pub const SUBJECT_MAX_CHARS: usize = 128;
/// The most characters a description may have.
pub const DESCRIPTION_MAX_CHARS: usize = 2048;
/// The most people a group can have (SPEC §1).
pub const PARTICIPANTS_MAX: i64 = 8;

/// A group's name: trimmed, 1 to 128 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSubject(String);

impl GroupSubject {
    /// Trims and checks a raw subject.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(AppError::validation("subject", text::SUBJECT_EMPTY));
        }
        if trimmed.chars().count() > SUBJECT_MAX_CHARS {
            return Err(AppError::validation("subject", text::SUBJECT_TOO_LONG));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The subject as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GroupSubject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A group's description: at most 2048 characters; surrounding white space is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GroupDescription(String);

impl GroupDescription {
    /// Trims and checks a raw description (empty means none).
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        if trimmed.chars().count() > DESCRIPTION_MAX_CHARS {
            return Err(AppError::validation(
                "description",
                text::DESCRIPTION_TOO_LONG,
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The description as text (empty when none).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether there is no description.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Who may join through the invite link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum JoinApprovalMode {
    /// Anyone with the link joins at once.
    #[default]
    AutoApprove,
    /// Opening the link creates a join request that staff approve.
    ApprovalRequired,
}

impl JoinApprovalMode {
    /// Every mode, in the order a form lists them.
    pub const ALL: [Self; 2] = [Self::AutoApprove, Self::ApprovalRequired];

    /// Reads the wire name (`auto_approve`, `approval_required`).
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim() {
            "auto_approve" => Ok(Self::AutoApprove),
            "approval_required" => Ok(Self::ApprovalRequired),
            _ => Err(AppError::validation(
                "join_approval_mode",
                text::APPROVAL_MODE_UNKNOWN,
            )),
        }
    }

    /// The wire name Meta uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AutoApprove => "auto_approve",
            Self::ApprovalRequired => "approval_required",
        }
    }

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::AutoApprove => text::MODE_AUTO_APPROVE,
            Self::ApprovalRequired => text::MODE_APPROVAL_REQUIRED,
        }
    }
}

/// Where a group is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupState {
    /// Asked Meta to create it; waiting for the webhook.
    Creating,
    /// Exists on WhatsApp.
    Active,
    /// Meta refused to create it.
    Failed,
    /// Asked Meta to delete it; waiting for the webhook.
    Deleting,
    /// Deleted on WhatsApp.
    Deleted,
}

impl GroupState {
    /// Reads the stored name.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "creating" => Self::Creating,
            "active" => Self::Active,
            "failed" => Self::Failed,
            "deleting" => Self::Deleting,
            "deleted" => Self::Deleted,
            _ => return None,
        })
    }

    /// The stored name, also used as a CSS class and test hook.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Creating => "creating",
            Self::Active => "active",
            Self::Failed => "failed",
            Self::Deleting => "deleting",
            Self::Deleted => "deleted",
        }
    }

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Creating => text::STATE_CREATING,
            Self::Active => text::STATE_ACTIVE,
            Self::Failed => text::STATE_FAILED,
            Self::Deleting => text::STATE_DELETING,
            Self::Deleted => text::STATE_DELETED,
        }
    }
}

/// A validated request to create a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGroup {
    /// The name.
    pub subject: GroupSubject,
    /// The description (may be empty).
    pub description: GroupDescription,
    /// Who may join through the link.
    pub join_approval_mode: JoinApprovalMode,
}

impl NewGroup {
    /// Parses the raw form fields, reporting the first field that is wrong.
    pub fn parse(subject: &str, description: &str, mode: &str) -> Result<Self, AppError> {
        Ok(Self {
            subject: GroupSubject::parse(subject)?,
            description: GroupDescription::parse(description)?,
            join_approval_mode: JoinApprovalMode::parse(mode)?,
        })
    }
}

/// The most participants one removal may name (SPEC §2.10).
pub const REMOVE_MAX: usize = 8;

/// The participants to remove: 1 to 8 distinct users, each a phone number (`wa_id`) or a BSUID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal(Vec<String>);

impl Removal {
    /// Reads the users from a comma-separated list, as the form sends them.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let mut users: Vec<String> = Vec::new();
        for user in raw
            .split(',')
            .map(str::trim)
            .filter(|user| !user.is_empty())
        {
            if !users.iter().any(|known| known == user) {
                users.push(user.to_owned());
            }
        }
        if users.is_empty() {
            return Err(AppError::validation("participants", text::REMOVE_NONE));
        }
        if users.len() > REMOVE_MAX {
            return Err(AppError::validation("participants", text::REMOVE_TOO_MANY));
        }
        Ok(Self(users))
    }

    /// The users, in the order chosen.
    pub fn users(&self) -> &[String] {
        &self.0
    }
}

/// A validated change of settings: only what differs from the group's current values is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChange {
    /// A new subject.
    pub subject: Option<GroupSubject>,
    /// A new description.
    pub description: Option<GroupDescription>,
}

impl SettingsChange {
    /// Parses the form and keeps the fields that change; nothing to change is a validation error.
    pub fn parse(
        subject: &str,
        description: &str,
        current_subject: &str,
        current_description: &str,
    ) -> Result<Self, AppError> {
        let subject = GroupSubject::parse(subject)?;
        let description = GroupDescription::parse(description)?;
        let change = Self {
            subject: (subject.as_str() != current_subject).then_some(subject),
            description: (description.as_str() != current_description.trim())
                .then_some(description),
        };
        if change.subject.is_none() && change.description.is_none() {
            return Err(AppError::validation("subject", text::SETTINGS_UNCHANGED));
        }
        Ok(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_is_trimmed() {
        assert_eq!(
            GroupSubject::parse("  Book club \n").unwrap().as_str(),
            "Book club"
        );
    }

    #[test]
    fn an_empty_or_blank_subject_is_refused() {
        for raw in ["", "   ", "\t\n"] {
            let error = GroupSubject::parse(raw).unwrap_err();
            assert_eq!(error.field(), Some("subject"));
        }
    }

    #[test]
    fn a_subject_of_128_characters_is_accepted_and_129_is_refused() {
        assert!(GroupSubject::parse(&"a".repeat(128)).is_ok());
        let error = GroupSubject::parse(&"a".repeat(129)).unwrap_err();
        assert_eq!(error.field(), Some("subject"));
    }

    #[test]
    fn subject_length_counts_characters_not_bytes() {
        assert!(GroupSubject::parse(&"é".repeat(128)).is_ok());
        assert!(GroupSubject::parse(&"😀".repeat(129)).is_err());
    }

    #[test]
    fn a_description_of_2048_characters_is_accepted_and_2049_is_refused() {
        assert!(GroupDescription::parse(&"d".repeat(2048)).is_ok());
        let error = GroupDescription::parse(&"d".repeat(2049)).unwrap_err();
        assert_eq!(error.field(), Some("description"));
    }

    #[test]
    fn an_empty_description_means_none() {
        assert!(GroupDescription::parse("  ").unwrap().is_empty());
    }

    #[test]
    fn approval_modes_use_meta_wire_names() {
        for mode in JoinApprovalMode::ALL {
            assert_eq!(JoinApprovalMode::parse(mode.as_str()).unwrap(), mode);
        }
        let error = JoinApprovalMode::parse("everyone").unwrap_err();
        assert_eq!(error.field(), Some("join_approval_mode"));
    }

    #[test]
    fn group_states_round_trip_through_their_stored_names() {
        for state in [
            GroupState::Creating,
            GroupState::Active,
            GroupState::Failed,
            GroupState::Deleting,
            GroupState::Deleted,
        ] {
            assert_eq!(GroupState::parse(state.as_str()), Some(state));
        }
        assert_eq!(GroupState::parse("archived"), None);
    }

    #[test]
    fn a_removal_names_one_to_eight_distinct_users() {
        let removal = Removal::parse(" 15550001, US.77 ,15550001,").unwrap();
        assert_eq!(removal.users(), ["15550001", "US.77"]);
        assert_eq!(
            Removal::parse(" , ").unwrap_err().field(),
            Some("participants")
        );
        let eight: Vec<String> = (0..8).map(|n| format!("1555000{n}")).collect();
        assert_eq!(Removal::parse(&eight.join(",")).unwrap().users().len(), 8);
        let nine: Vec<String> = (0..9).map(|n| format!("1555000{n}")).collect();
        assert_eq!(
            Removal::parse(&nine.join(",")).unwrap_err().field(),
            Some("participants")
        );
    }

    #[test]
    fn a_settings_change_keeps_only_what_differs() {
        let change = SettingsChange::parse(" Choir ", "New words", "Choir", "Old words").unwrap();
        assert_eq!(change.subject, None);
        assert_eq!(change.description.unwrap().as_str(), "New words");
        let error = SettingsChange::parse("Choir", "Same", "Choir", "Same").unwrap_err();
        assert_eq!(error.field(), Some("subject"));
        assert!(SettingsChange::parse("", "x", "Choir", "").is_err());
    }
}
