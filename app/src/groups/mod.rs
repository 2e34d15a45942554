//! Groups: the list, the create form, and the server side that talks to the Groups API.

mod create_form;
mod create_group;
#[cfg(feature = "ssr")]
mod detail_db;
pub mod domain;
pub mod group_detail;
mod group_list;
mod group_page;
mod join_request_list;
#[cfg(feature = "ssr")]
mod join_request_service;
pub mod join_requests;
pub mod list_filter;
mod list_filter_form;
mod list_groups;
mod message_list;
mod page;
mod participant_list;
pub mod text;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod list_db;
#[cfg(feature = "ssr")]
pub mod service;

pub use create_group::{CreateGroup, create_group};
pub use group_page::GroupPage;
pub use list_groups::{GroupPage, GroupSummary, ListGroups, list_groups};
pub use page::GroupsPage;
