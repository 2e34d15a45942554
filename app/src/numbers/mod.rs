//! Business numbers: onboarding with an access token, token rotation, disabling, and the access
//! every Graph call on a stored number goes through.

mod capacity;
#[cfg(feature = "ssr")]
mod capacity_db;
mod capacity_view;
mod complete_signup;
mod disable_number;
pub mod domain;
mod facts_view;
mod list_numbers;
mod number_row;
mod number_table;
mod onboard_form;
mod onboard_number;
mod page;
mod rotate_token;
mod signup_section;
pub mod text;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod signup;

pub use capacity::{
    CapacityOverview, CheckNumberFacts, GROUPS_PER_NUMBER, NumberCapacity, capacity_overview,
    check_number_facts,
};
pub use complete_signup::{
    CompleteEmbeddedSignup, SandboxSignup, StartSandboxSignup, complete_embedded_signup,
    start_sandbox_signup,
};
pub use disable_number::{DisableNumber, disable_number};
pub use list_numbers::{
    FacebookSignup, ListBusinessNumbers, NumberRow, NumbersOverview, list_business_numbers,
};
pub use onboard_number::{OnboardNumber, onboard_number};
pub use page::NumbersPage;
pub use rotate_token::{RotateNumberToken, rotate_number_token};
