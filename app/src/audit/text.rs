//! Words of the audit area. Translations replace this file only.

pub const PAGE_TITLE: &str = "Audit log";
pub const LOADING: &str = "Loading entries…";
pub const EMPTY: &str = "No entries match.";
pub const FIELD_ACTION: &str = "Action";
pub const ANY_ACTION: &str = "Any action";
pub const FIELD_FROM: &str = "From (UTC day)";
pub const FIELD_TO: &str = "To (UTC day)";
pub const FILTER_BUTTON: &str = "Filter";
pub const EXPORT_LINK: &str = "Download as CSV";
pub const COLUMN_AT: &str = "When (UTC)";
pub const COLUMN_ACTOR: &str = "Who";
pub const COLUMN_ACTION: &str = "Action";
pub const COLUMN_TARGET: &str = "Target";
pub const COLUMN_OUTCOME: &str = "Outcome";
pub const COLUMN_DETAIL: &str = "Detail";
pub const ANONYMOUS: &str = "—";
pub const ACTION_UNKNOWN: &str = "Choose one of the listed actions.";
pub const DATE_INVALID: &str = "Enter a day as YYYY-MM-DD.";
