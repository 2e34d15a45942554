//! The GroupDesk process: configuration, router and middleware, the webhook endpoint, live
//! updates, background workers, the Groups API sandbox, and the command line.

// The group page's view type is deep: without erased components (release builds) rustc needs more
// than the default 128 levels to lay out its future.
#![recursion_limit = "256"]

pub mod access_config;
pub mod audit_csv;
pub mod bootstrap;
pub mod cli;
pub mod config;
pub mod guard;
pub mod health;
pub mod ingest;
pub mod invite_sender;
pub mod live;
pub mod media_fetch;
pub mod media_routes;
pub mod oidc;
pub mod oidc_config;
pub mod outbox;
pub mod picture_route;
pub mod routes;
pub mod sandbox;
pub mod serve;
pub mod state;
pub mod sync;
pub mod telemetry;
pub mod token_key;
pub mod webhook;
pub mod worker;
