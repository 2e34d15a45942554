//! Which audit entries to show: one action (or all) and a date range, in UTC days.

use super::{actions, text};
use crate::AppError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A checked filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Only this action (one of [`actions::ALL`]).
    pub action: Option<String>,
    /// From this day on (inclusive).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    /// Reads the raw form or query fields; empty means no restriction.
    pub fn parse(action: &str, from: &str, to: &str) -> Result<Self, AppError> {
        let action = match action.trim() {
            "" => None,
            known if actions::ALL.contains(&known) => Some(known.to_owned()),
            _ => return Err(AppError::validation("action", text::ACTION_UNKNOWN)),
        };
        let date = |field: &str, raw: &str| match raw.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<NaiveDate>()
                .map(Some)
                .map_err(|_| AppError::validation(field, text::DATE_INVALID)),
        };
        Ok(Self {
            action,
            from: date("from", from)?,
            to: date("to", to)?,
        })
    }

    /// The filter as a query string for the CSV link (`action=..&from=..&to=..`).
    pub fn query_string(&self) -> String {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        format!(
            "action={}&from={}&to={}",
            self.action.as_deref().unwrap_or_default(),
            day(self.from),
            day(self.to)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_mean_everything_and_bad_ones_are_named() {
        assert_eq!(
            AuditFilter::parse("", "", "").unwrap(),
            AuditFilter::default()
        );
        let filter = AuditFilter::parse("auth.sign_in", "2026-11-01", "2026-11-30").unwrap();
        assert_eq!(filter.action.as_deref(), Some("auth.sign_in"));
        assert_eq!(
            filter.query_string(),
            "action=auth.sign_in&from=2026-11-01&to=2026-11-30"
        );
        assert_eq!(
            AuditFilter::parse("drop table", "", "")
                .unwrap_err()
                .field(),
            Some("action")
        );
        assert_eq!(
            AuditFilter::parse("", "yesterday", "").unwrap_err().field(),
            Some("from")
        );
    }
}
