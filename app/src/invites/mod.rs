//! Invitations by template (issue #6, SPEC §2.9): send a group's invite link 1:1 to a batch of
//! phone numbers with an approved invite template, as a durable background job, and follow each
//! number's progress live.

mod api;
pub mod domain;
mod panel;
pub mod phones;
pub mod text;

#[cfg(feature = "ssr")]
pub mod sender;
#[cfg(feature = "ssr")]
mod service;

pub use api::{InviteProgress, StartInvites, invite_progress, start_invites};
pub use panel::{InviteByTemplate, InviteData};
