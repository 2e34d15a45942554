//! People: the member list, invitations by link and password-reset links made by an admin.

mod accept_invitation;
mod accept_page;
mod create_invitation;
mod create_reset;
mod invite_form;
mod list_people;
mod member_table;
mod page;
mod reset_button;
mod reset_page;
mod reset_password;
pub mod text;

#[cfg(feature = "ssr")]
pub mod db;

pub use accept_invitation::{AcceptInvitation, accept_invitation};
pub use accept_page::AcceptInvitationPage;
pub use create_invitation::{CreateInvitation, create_invitation};
pub use create_reset::{CreatePasswordReset, create_password_reset};
pub use list_people::{Invited, ListPeople, People, Person, list_people};
pub use page::PeoplePage;
pub use reset_page::ResetPasswordPage;
pub use reset_password::{ResetPassword, reset_password};
