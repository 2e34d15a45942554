//! The parts of the authorization matrix (`authorization.rs`): who may call each endpoint, the
//! tenant it is aimed at, the calls themselves, and the state a denied call must leave alone.

pub mod access;
pub mod calls;
pub mod fixture;
pub mod state;
