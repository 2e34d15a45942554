//! Group chat: the history of a group's messages, sending through a durable outbox, and
//! per-participant receipts (issue #7, SPEC §3); pinned messages (SPEC §3.5).

pub mod domain;
mod history;
mod message_item;
pub mod pins;
mod pins_api;
mod pins_view;
mod send;
pub mod text;
mod view;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod pins_db;
#[cfg(feature = "ssr")]
mod pins_service;
#[cfg(feature = "ssr")]
mod service;

pub use history::{ChatMessages, MessageReceipts, chat_messages, message_receipts};
pub use pins_api::{ChatPins, PinMessage, UnpinMessage, chat_pins, pin_message, unpin_message};
pub use send::{RetryMessage, SendMessage, retry_message, send_message};
pub use view::GroupChat;
