//! Webhook payload types (SPEC §1.8, §3.3, §3.4, §4), read leniently: unknown fields are ignored,
//! unknown kinds land in `Other`, and numbers and booleans may come as strings, so a new Meta field
//! never makes an event unreadable.

mod common;
mod envelope;
mod lifecycle;
mod messages;
mod participants;
mod pricing;
mod settings;
mod status;
mod statuses;

#[cfg(test)]
mod fixtures;

pub use common::{Contact, Profile, UserIdentity, WebhookError, WebhookErrorData};
pub use envelope::{Change, Entry, Envelope, FieldChange, Metadata};
pub use lifecycle::{LifecycleEvent, LifecycleType};
pub use messages::{
    Button, InboundMessage, Location, Media, MessageContext, MessageType, Reaction, Text,
};
pub use participants::{
    InitiatedBy, Participant, ParticipantsEvent, ParticipantsReason, ParticipantsType,
};
pub use pricing::{Pricing, PricingCategory, PricingModel, PricingType};
pub use settings::{PictureOutcome, SettingsEvent, SettingsType, TextOutcome};
pub use status::{GroupStatusType, StatusEvent};
pub use statuses::{
    Conversation, ConversationOrigin, DeliveryStatus, MessageStatus, RecipientType,
};
