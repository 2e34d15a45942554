//! What a member may do inside a tenant.

use serde::{Deserialize, Serialize};

/// A member's role in one tenant (SPEC roles: admin, staff, support).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Numbers, people, settings and everything staff do.
    Admin,
    /// Groups, invites, join requests and chat.
    Staff,
    /// Moderation and the audit log; read-only elsewhere.
    Support,
}

impl Role {
    /// Every role, for endpoints that any member may call.
    pub const ALL: &'static [Self] = &[Self::Admin, Self::Staff, Self::Support];

    /// Reads the stored name (`admin`, `staff`, `support`).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "admin" => Some(Self::Admin),
            "staff" => Some(Self::Staff),
            "support" => Some(Self::Support),
            _ => None,
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Support => "support",
        }
    }

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => super::text::ROLE_ADMIN,
            Self::Staff => super::text::ROLE_STAFF,
            Self::Support => super::text::ROLE_SUPPORT,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_from_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(*role));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
