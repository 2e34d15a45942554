//! Words of the live-update indicator. Translations replace this file only.

pub const ON: &str = "Live";
pub const OFF: &str = "Not live: reload to see changes";
