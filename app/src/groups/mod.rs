//! Groups: the list, the create form, the group page with its actions, and the server side that
//! talks to the Groups API.

#[cfg(feature = "ssr")]
mod acting;
mod approval_form;
mod create_form;
mod create_group;
mod delete_form;
#[cfg(feature = "ssr")]
mod detail_db;
pub mod domain;
pub mod group_detail;
mod group_list;
mod group_page;
pub mod group_tabs;
mod group_ui;
mod invite_check;
mod invite_panel;
mod invite_qr;
mod join_request_list;
#[cfg(feature = "ssr")]
mod join_request_service;
pub mod join_requests;
pub mod list_filter;
mod list_filter_form;
mod list_groups;
pub mod manage;
#[cfg(feature = "ssr")]
mod manage_service;
pub mod mark_deleted;
mod page;
mod participant_list;
pub mod picture;
#[cfg(feature = "hydrate")]
mod picture_crop;
mod picture_form;
#[cfg(feature = "ssr")]
pub mod picture_service;
#[cfg(feature = "ssr")]
mod qr;
mod settings_form;
pub mod text;

/// Where the group page sends a new picture (multipart `group_id`, `file`).
pub const PICTURE_PATH: &str = "/api/group_picture";

/// Where a group's picture is read (`{id}`: a picture GroupDesk sent).
pub const PICTURE_VIEW_PATH: &str = "/group-pictures/{id}";

/// The address of the picture `id`.
pub fn picture_url(id: uuid::Uuid) -> String {
    PICTURE_VIEW_PATH.replace("{id}", &id.to_string())
}

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod list_db;
#[cfg(feature = "ssr")]
pub mod service;

pub use create_group::{CreateGroup, create_group};
pub use group_page::GroupPage;
pub use invite_qr::{InviteCode, InviteQr, invite_qr};
pub use list_groups::{GroupPage, GroupSummary, ListGroups, list_groups};
pub use page::GroupsPage;
