//! The join-request queue: waiting requests of every group of the tenant on one page, decided
//! many at a time, and "Check WhatsApp for requests" for a group.

mod api;
#[cfg(feature = "ssr")]
pub mod decide_service;
pub mod domain;
mod page;
#[cfg(feature = "ssr")]
mod queue_db;
mod queue_table;
mod refresh_button;
#[cfg(feature = "ssr")]
pub mod refresh_service;
pub mod text;

pub use api::{
    DecideJoinRequests, JoinQueue, RefreshJoinRequests, decide_join_requests, join_queue,
    refresh_join_requests,
};
pub use page::JoinQueuePage;
pub use refresh_button::RefreshButton;
