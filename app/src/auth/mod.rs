//! Signing in and out: local accounts, OpenID Connect, sessions, the tenant switcher and the first
//! platform admin.

pub mod domain;
mod form_error;
mod login;
mod login_page;
mod me;
mod oidc_button;
pub mod oidc_problem;
mod setup;
mod setup_page;
mod sign_in_options;
pub mod text;

#[cfg(feature = "ssr")]
pub mod bootstrap;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod oidc;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod token;

pub use form_error::FormError;
pub use login::{Login, Logout, login, logout};
pub use login_page::LoginPage;
pub use me::{Me, MembershipSummary, SwitchTenant, current_user, switch_tenant};
pub use oidc_button::OidcButton;
pub use oidc_problem::OidcProblem;
pub use setup::{CompleteSetup, complete_setup};
pub use setup_page::SetupPage;
pub use sign_in_options::{OIDC_CALLBACK_PATH, OIDC_START_PATH, SignInOptions, sign_in_options};
