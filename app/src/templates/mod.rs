//! Message templates (issue #7): a per-number cache of the WABA's templates, the rules for which
//! ones GroupDesk offers, filling in their fields, and a reusable picker.

pub mod domain;
mod list;
mod picker;
pub mod text;

#[cfg(feature = "ssr")]
pub mod convert;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod service;

pub use list::{
    GroupTemplates, RefreshTemplates, TemplateList, group_templates, refresh_templates,
};
pub use picker::{TemplateChoice, TemplatePicker};
