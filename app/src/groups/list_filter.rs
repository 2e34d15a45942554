//! Which groups the list shows: a search, filters, an order and a page cursor. The raw fields come
//! from the page's URL (so a view can be bookmarked); [`GroupFilter::check`] turns them into a
//! [`ListQuery`] or names the field that is wrong.

use super::domain::{GroupState, JoinApprovalMode};
use super::text;
use crate::AppError;
use crate::ids::{BusinessNumberId, GroupId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many groups one page holds.
pub const PAGE_SIZE: i64 = 50;
/// The longest search text accepted.
pub const SEARCH_MAX_CHARS: usize = 128;

/// The raw fields, as typed or read from the URL; empty means "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupFilter {
    /// Text the subject contains (any case).
    pub q: String,
    /// A state name, or `suspended`.
    pub state: String,
    /// An approval mode name.
    pub approval: String,
    /// A business number's ID.
    pub number: String,
    /// Only groups with someone waiting for approval.
    pub pending: bool,
    /// `newest` (default), `oldest` or `subject`.
    pub sort: String,
    /// The last group of the previous page.
    pub cursor: String,
}

/// The order of the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// Newest first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// By subject, A to Z.
    Subject,
}

/// What a state filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    /// Groups in this state.
    State(GroupState),
    /// Groups WhatsApp suspended.
    Suspended,
}

/// A checked filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Lower-case text the subject contains.
    pub search: Option<String>,
    /// Only this state (or suspended ones).
    pub state: Option<StateFilter>,
    /// Only this approval mode.
    pub approval: Option<JoinApprovalMode>,
    /// Only this number's groups.
    pub number: Option<BusinessNumberId>,
    /// Only groups with pending join requests.
    pub pending: bool,
    /// The order.
    pub sort: Sort,
    /// Start after this group.
    pub after: Option<GroupId>,
}

impl GroupFilter {
    /// Checks the raw fields.
    pub fn check(&self) -> Result<ListQuery, AppError> {
        let search = self.q.trim();
        if search.chars().count() > SEARCH_MAX_CHARS {
            return Err(AppError::validation("q", text::SEARCH_TOO_LONG));
        }
        let state = match self.state.trim() {
            "" => None,
            "suspended" => Some(StateFilter::Suspended),
            raw => Some(StateFilter::State(GroupState::parse(raw).ok_or_else(
                || AppError::validation("state", text::FILTER_STATE_UNKNOWN),
            )?)),
        };
        let approval = match self.approval.trim() {
            "" => None,
            raw => Some(
                JoinApprovalMode::parse(raw)
                    .map_err(|_| AppError::validation("approval", text::APPROVAL_MODE_UNKNOWN))?,
            ),
        };
        let number =
            uuid_field("number", &self.number, text::NUMBER_UNKNOWN)?.map(BusinessNumberId);
        let sort = match self.sort.trim() {
            "" | "newest" => Sort::Newest,
            "oldest" => Sort::Oldest,
            "subject" => Sort::Subject,
            _ => return Err(AppError::validation("sort", text::SORT_UNKNOWN)),
        };
        let after = uuid_field("cursor", &self.cursor, text::CURSOR_INVALID)?.map(GroupId);
        Ok(ListQuery {
            search: (!search.is_empty()).then(|| search.to_lowercase()),
            state,
            approval,
            number,
            pending: self.pending,
            sort,
            after,
        })
    }

    /// The URL query for these fields, with `cursor` replaced (`None` drops it).
    pub fn query_string(&self, cursor: Option<&str>) -> String {
        let mut pairs = vec![
            ("q", self.q.trim()),
            ("state", self.state.as_str()),
            ("approval", self.approval.as_str()),
            ("number", self.number.as_str()),
            ("sort", self.sort.as_str()),
        ];
        if self.pending {
            pairs.push(("pending", "true"));
        }
        if let Some(cursor) = cursor {
            pairs.push(("cursor", cursor));
        }
        pairs
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", percent_encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Whether anything narrows the list (for the empty state's wording).
    pub fn narrows(&self) -> bool {
        !self.q.trim().is_empty()
            || !self.state.is_empty()
            || !self.approval.is_empty()
            || !self.number.is_empty()
            || self.pending
    }
}

fn uuid_field(field: &str, raw: &str, message: &str) -> Result<Option<Uuid>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        raw => Uuid::parse_str(raw)
            .map(Some)
            .map_err(|_| AppError::validation(field, message)),
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_list_everything_newest_first() {
        let query = GroupFilter::default().check().unwrap();
        assert_eq!(query, ListQuery::default());
        assert_eq!(query.sort, Sort::Newest);
    }

    #[test]
    fn fields_are_read_and_search_is_trimmed_and_lower_cased() {
        let number = Uuid::from_u128(0x42);
        let filter = GroupFilter {
            q: "  Book Club ".into(),
            state: "suspended".into(),
            approval: "approval_required".into(),
            number: number.to_string(),
            pending: true,
            sort: "subject".into(),
            cursor: String::new(),
        };
        let query = filter.check().unwrap();
        assert_eq!(query.search.as_deref(), Some("book club"));
        assert_eq!(query.state, Some(StateFilter::Suspended));
        assert_eq!(query.approval, Some(JoinApprovalMode::ApprovalRequired));
        assert_eq!(query.number, Some(BusinessNumberId(number)));
        assert!(query.pending);
        assert_eq!(query.sort, Sort::Subject);
        assert!(filter.narrows());
    }

    #[test]
    fn a_wrong_field_is_named() {
        let field = |filter: GroupFilter| filter.check().unwrap_err().field().map(str::to_owned);
        let wrong = |set: fn(&mut GroupFilter)| {
            let mut filter = GroupFilter::default();
            set(&mut filter);
            field(filter)
        };
        assert_eq!(
            wrong(|f| f.state = "sleeping".into()).as_deref(),
            Some("state")
        );
        assert_eq!(
            wrong(|f| f.approval = "maybe".into()).as_deref(),
            Some("approval")
        );
        assert_eq!(wrong(|f| f.number = "42".into()).as_deref(), Some("number"));
        assert_eq!(wrong(|f| f.sort = "random".into()).as_deref(), Some("sort"));
        assert_eq!(
            wrong(|f| f.cursor = "page2".into()).as_deref(),
            Some("cursor")
        );
        assert_eq!(wrong(|f| f.q = "x".repeat(129)).as_deref(), Some("q"));
    }

    #[test]
    fn the_query_string_keeps_the_filter_and_encodes_text() {
        let filter = GroupFilter {
            q: "café & co".into(),
            state: "active".into(),
            pending: true,
            cursor: "old".into(),
            ..GroupFilter::default()
        };
        assert_eq!(
            filter.query_string(Some("abc")),
            "q=caf%C3%A9%20%26%20co&state=active&pending=true&cursor=abc"
        );
        assert_eq!(
            filter.query_string(None),
            "q=caf%C3%A9%20%26%20co&state=active&pending=true"
        );
    }
}
