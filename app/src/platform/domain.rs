//! Tenant values parsed at the edge (the schema's checks on `tenant`).

use super::text;
use crate::AppError;

/// A tenant's name: trimmed, 1 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantName(String);

impl TenantName {
    /// Trims and checks a raw name.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.chars().count() > 200 {
            return Err(AppError::validation("name", text::NAME_INVALID));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A tenant's slug: 1 to 63 of `a-z`, `0-9` and `-`, not starting with a dash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantSlug(String);

impl TenantSlug {
    /// Trims, lower-cases and checks a raw slug.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let slug = raw.trim().to_lowercase();
        let ok = (1..=63).contains(&slug.len())
            && !slug.starts_with('-')
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(AppError::validation("slug", text::SLUG_INVALID));
        }
        Ok(Self(slug))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(TenantName::parse("  Acme ").unwrap().as_str(), "Acme");
        assert!(TenantName::parse("   ").is_err());
        assert!(TenantName::parse(&"x".repeat(201)).is_err());
    }

    #[test]
    fn slugs_follow_the_schema() {
        assert_eq!(TenantSlug::parse(" Acme-2 ").unwrap().as_str(), "acme-2");
        assert!(TenantSlug::parse("-acme").is_err());
        assert!(TenantSlug::parse("ac me").is_err());
        assert!(TenantSlug::parse("äcme").is_err());
        assert!(TenantSlug::parse(&"a".repeat(64)).is_err());
    }
}
