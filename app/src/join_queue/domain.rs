//! The queue's shared types and parsed inputs: the filter, the chosen requests, the decision,
//! and what happened to each request.

use super::text;
use crate::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// At most this many requests are decided in one go.
pub const DECIDE_MAX: usize = 100;

/// How long a request has waited at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MinAge {
    /// An hour.
    Hour,
    /// A day.
    Day,
    /// A week.
    Week,
}

impl MinAge {
    /// Every choice, in the order the form offers them.
    pub const ALL: [Self; 3] = [Self::Hour, Self::Day, Self::Week];

    /// The value in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hour => "1h",
            Self::Day => "1d",
            Self::Week => "1w",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Hour => text::AGE_HOUR,
            Self::Day => text::AGE_DAY,
            Self::Week => text::AGE_WEEK,
        }
    }

    /// The age in seconds.
    pub fn seconds(self) -> i64 {
        match self {
            Self::Hour => 3_600,
            Self::Day => 86_400,
            Self::Week => 604_800,
        }
    }
}

/// The queue's filter as parsed from the URL: a group and a minimum age, each optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueFilter {
    /// Only this group's requests.
    pub group: Option<Uuid>,
    /// Only requests at least this old.
    pub min_age: Option<MinAge>,
}

impl QueueFilter {
    /// Parses the raw URL values; empty means "any".
    pub fn parse(group: &str, age: &str) -> Result<Self, AppError> {
        let group = match group.trim() {
            "" => None,
            raw => Some(
                Uuid::parse_str(raw)
                    .map_err(|_| AppError::validation("group", text::GROUP_UNKNOWN))?,
            ),
        };
        let min_age = match age.trim() {
            "" => None,
            raw => Some(
                MinAge::ALL
                    .into_iter()
                    .find(|age| age.as_str() == raw)
                    .ok_or_else(|| AppError::validation("age", text::AGE_UNKNOWN))?,
            ),
        };
        Ok(Self { group, min_age })
    }

    /// Whether anything narrows the queue.
    pub fn narrows(&self) -> bool {
        self.group.is_some() || self.min_age.is_some()
    }
}

/// Approve or reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// `POST /<GROUP_ID>/join_requests`.
    Approve,
    /// `DELETE /<GROUP_ID>/join_requests`.
    Reject,
}

impl Decision {
    /// Parses `approve` or `reject`.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim() {
            "approve" => Ok(Self::Approve),
            "reject" => Ok(Self::Reject),
            _ => Err(AppError::validation("decision", text::BAD_DECISION)),
        }
    }

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
        }
    }
}

/// 1 to [`DECIDE_MAX`] distinct join-request IDs, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenRequests(Vec<Uuid>);

impl ChosenRequests {
    /// Parses comma-separated IDs; duplicates count once.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let mut ids: Vec<Uuid> = Vec::new();
        for part in raw
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let id = Uuid::parse_str(part)
                .map_err(|_| AppError::validation("join_request_ids", text::BAD_IDS))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            return Err(AppError::validation(
                "join_request_ids",
                text::NONE_SELECTED,
            ));
        }
        if ids.len() > DECIDE_MAX {
            return Err(AppError::validation("join_request_ids", text::TOO_MANY));
        }
        Ok(Self(ids))
    }

    /// The IDs.
    pub fn ids(&self) -> &[Uuid] {
        &self.0
    }
}

/// What happened to one chosen request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutcomeKind {
    /// WhatsApp accepted the approval; a webhook confirms the new participant.
    Approving,
    /// WhatsApp rejected it.
    Rejected,
    /// WhatsApp refused it, or could not be asked; `message` says why.
    Failed,
    /// It was no longer waiting (decided, withdrawn, or not this tenant's); nothing was sent.
    NotPending,
}

/// The outcome of one chosen request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemOutcome {
    /// GroupDesk's ID of the request.
    pub id: Uuid,
    /// What happened.
    pub kind: OutcomeKind,
    /// Why it failed, in plain words (Meta's code explained).
    pub message: Option<String>,
}

/// A group the queue can be narrowed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupOption {
    /// GroupDesk's ID.
    pub id: Uuid,
    /// Its subject.
    pub subject: String,
}

/// A row of the queue: a waiting request, or one decided in the last minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct QueueItem {
    /// GroupDesk's ID of the request.
    pub id: Uuid,
    /// Who asked: phone number, else username or BSUID.
    pub who: String,
    /// The group's ID.
    pub group_id: Uuid,
    /// The group's subject.
    pub group_subject: String,
    /// `pending`, `approving`, `approved`, `rejected`, `revoked` or `failed`.
    pub state: String,
    /// Why it failed, in plain words.
    pub failure_reason: Option<String>,
    /// When they asked.
    pub created_at: DateTime<Utc>,
}

/// What the queue page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    /// The rows, oldest request first.
    pub items: Vec<QueueItem>,
    /// Groups to filter by.
    pub groups: Vec<GroupOption>,
    /// Requests waiting in the whole tenant, whatever the filter.
    pub waiting_total: i64,
}

/// What "Check WhatsApp for requests" found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshOutcome {
    /// Requests WhatsApp lists as waiting.
    pub found: usize,
    /// Of those, how many GroupDesk did not show as waiting before.
    pub added: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_requests_are_one_to_a_hundred_distinct_ids() {
        let id = Uuid::new_v4();
        let twice = format!("{id}, {id},");
        assert_eq!(ChosenRequests::parse(&twice).unwrap().ids(), &[id]);
        assert!(ChosenRequests::parse(" , ").is_err());
        assert!(ChosenRequests::parse("not-an-id").is_err());
        let many: Vec<String> = (0..=DECIDE_MAX)
            .map(|_| Uuid::new_v4().to_string())
            .collect();
        assert!(ChosenRequests::parse(&many.join(",")).is_err());
        assert!(ChosenRequests::parse(&many[..DECIDE_MAX].join(",")).is_ok());
    }

    #[test]
    fn the_filter_reads_a_group_and_an_age_or_nothing() {
        assert_eq!(QueueFilter::parse("", "").unwrap(), QueueFilter::default());
        let id = Uuid::new_v4();
        let filter = QueueFilter::parse(&id.to_string(), "1d").unwrap();
        assert_eq!(filter.group, Some(id));
        assert_eq!(filter.min_age, Some(MinAge::Day));
        assert!(QueueFilter::parse("x", "").is_err());
        assert!(QueueFilter::parse("", "2y").is_err());
    }

    #[test]
    fn a_decision_is_approve_or_reject() {
        assert_eq!(Decision::parse("approve").unwrap(), Decision::Approve);
        assert_eq!(Decision::parse("reject").unwrap(), Decision::Reject);
        assert!(Decision::parse("maybe").is_err());
    }
}
