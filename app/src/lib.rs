//! GroupDesk: the product. UI components and server functions for every area, and, behind the
//! `ssr` feature, the domain services, the database access and the Graph API client.

// Built without `erase_components` (which the project's builds all use), the nested view types
// need more than the default 128 levels of the compiler's query depth.
#![recursion_limit = "256"]

pub mod audit;
pub mod auth;
pub mod chat;
pub mod dates;
pub mod error;
pub mod groups;
pub mod ids;
pub mod invites;
pub mod join_queue;
pub mod live;
pub mod numbers;
pub mod operations;
pub mod people;
pub mod platform;
pub mod resource;
pub mod shell;
pub mod simulator;
#[cfg(test)]
mod size_rules;
pub mod sync;
pub mod templates;
pub mod tenants;
#[cfg(feature = "ssr")]
pub mod token_cipher;

#[cfg(feature = "ssr")]
pub mod graph;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod webhooks;

pub use error::AppError;
pub use shell::{App, shell};
