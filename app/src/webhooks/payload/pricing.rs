//! `pricing` of a message status (SPEC §3.3, §7): what a group message costs.

use crate::webhooks::lenient;
use serde::{Deserialize, Serialize};

/// `pricing.pricing_model`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub enum PricingModel {
    /// Per-message pricing.
    #[serde(rename = "PMP")]
    PerMessage,
    /// Conversation-based pricing (before July 2025).
    #[serde(rename = "CBP")]
    ConversationBased,
    /// A model this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `pricing.type`: whether the message is charged.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PricingType {
    /// Charged at the category's rate.
    Regular,
    /// Free: inside the group customer-service window.
    FreeGroupCustomerService,
    /// Free: inside a one-to-one customer-service window.
    FreeCustomerService,
    /// Free: inside a free entry-point window.
    FreeEntryPoint,
    /// A type this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// `pricing.category`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PricingCategory {
    /// A marketing template sent to a group.
    GroupMarketing,
    /// A utility template sent to a group.
    GroupUtility,
    /// A free-form message sent to a group.
    GroupService,
    /// One-to-one marketing.
    Marketing,
    /// One-to-one utility.
    Utility,
    /// One-to-one authentication.
    Authentication,
    /// One-to-one service.
    Service,
    /// A category this version does not know.
    #[serde(untagged)]
    Other(String),
}

/// What a status costs (SPEC §7); prefer `kind` and `category` to the deprecated `billable`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Pricing {
    /// Whether the message is billed (deprecated; a bool, sometimes a string).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub billable: Option<bool>,
    /// The pricing model.
    #[serde(default)]
    pub pricing_model: Option<PricingModel>,
    /// Charged or free, and why.
    #[serde(default, rename = "type")]
    pub kind: Option<PricingType>,
    /// The category the message is priced in.
    #[serde(default)]
    pub category: Option<PricingCategory>,
}
