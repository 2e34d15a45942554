//! Business numbers: onboarding with an access token, token rotation, disabling, and the access
//! every Graph call on a stored number goes through.

mod capacity;
#[cfg(feature = "ssr")]
mod capacity_db;
mod capacity_view;
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
pub mod text;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

pub use capacity::{
    CapacityOverview, CheckNumberFacts, NumberCapacity, capacity_overview, check_number_facts,
};
pub use disable_number::{DisableNumber, disable_number};
pub use list_numbers::{ListBusinessNumbers, NumberRow, NumbersOverview, list_business_numbers};
pub use onboard_number::{OnboardNumber, onboard_number};
pub use page::NumbersPage;
pub use rotate_token::{RotateNumberToken, rotate_number_token};
