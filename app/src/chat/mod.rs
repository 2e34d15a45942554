//! Group chat: the history of a group's messages, sending through a durable outbox, and
//! per-participant receipts (issue #7, SPEC §3); pinned messages (SPEC §3.5).

pub mod domain;
pub mod format;
mod history;
pub mod media;
mod media_compose;
#[cfg(feature = "hydrate")]
pub(crate) mod media_upload;
mod media_view;
mod message_item;
mod page;
pub mod pins;
mod pins_api;
mod pins_view;
pub mod search;
mod send;
mod template_compose;
pub mod text;
mod view;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod media_db;
#[cfg(feature = "ssr")]
pub mod media_fetch;
#[cfg(feature = "ssr")]
pub mod media_send;
#[cfg(feature = "ssr")]
pub mod media_store;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod pins_db;
#[cfg(feature = "ssr")]
mod pins_service;
#[cfg(feature = "ssr")]
mod send_outcome;
#[cfg(feature = "ssr")]
mod service;

pub use history::{ChatMessages, MessageReceipts, chat_messages, message_receipts};
pub use page::GroupChatPage;
pub use pins_api::{ChatPins, PinMessage, UnpinMessage, chat_pins, pin_message, unpin_message};
pub use search::{SearchMessages, search_messages};
pub use send::{
    RetryMessage, SendMessage, SendTemplate, retry_message, send_message, send_template,
};
