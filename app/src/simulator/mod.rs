//! The Sandbox page: play WhatsApp users against the local emulator (sandbox mode only).

mod api;
#[cfg(feature = "ssr")]
mod control;
mod elsewhere_form;
mod forms;
mod page;
mod text;

pub use api::{
    SandboxOverview, SimCreateElsewhere, SimGroup, SimJoin, SimLeave, SimMessage, SimSuspension,
    sandbox_overview,
};
#[cfg(feature = "ssr")]
pub use control::SandboxControl;
pub use page::SandboxPage;
