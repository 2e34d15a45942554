//! Webhooks from Meta (SPEC §1.8, §4): signature check, durable storage, and applying events.

pub mod apply;
pub mod lenient;
pub mod payload;
pub mod set_aside;
pub mod signature;
pub mod store;
