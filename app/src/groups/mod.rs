//! Groups: the list, the create form, and the server side that talks to the Groups API.

mod create_form;
mod create_group;
pub mod domain;
mod group_list;
mod list_groups;
mod page;
pub mod text;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

pub use create_group::{CreateGroup, create_group};
pub use list_groups::{GroupSummary, ListGroups, list_groups};
pub use page::GroupsPage;
