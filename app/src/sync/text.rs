//! Words of "Sync from WhatsApp". Translations replace this file only.

pub const HEADING: &str = "Sync from WhatsApp";
pub const INTRO: &str = "Reads every active group of a number from WhatsApp and brings GroupDesk in line: groups created outside GroupDesk are imported, changed subjects, descriptions, participants and suspensions are corrected. A group GroupDesk has as active that WhatsApp no longer lists is not deleted: it is marked \u{201c}Not found on WhatsApp\u{201d} and the audit log says when, so nothing is lost if WhatsApp lists it again.";
pub const START: &str = "Sync from WhatsApp";
pub const NEVER: &str = "Not synced yet.";
pub const RUNNING: &str = "Syncing…";
pub const WAITING: &str = "Waiting before trying again:";
pub const SUCCEEDED: &str = "Finished";
pub const FAILED: &str = "Failed:";
pub const SOME_FAILED: &str = "Last problem with a group:";
pub const LOADING: &str = "Loading sync status…";
pub const NO_NUMBER: &str = "No business number yet: an admin adds one on the Numbers page.";
pub const READ_ONLY: &str = "Admins and staff can start a sync.";
pub const NUMBER_UNKNOWN: &str = "Choose one of your enabled numbers.";
pub const NUMBER_GONE: &str = "The number was disabled while the sync ran.";
pub const CURSOR_RESTARTS: &str = "WhatsApp kept refusing the list's page position (error 131059), even after starting over. Try again later.";

/// The progress counts in one sentence.
pub fn counts(
    pages: i64,
    seen: i64,
    imported: i64,
    updated: i64,
    flagged: i64,
    failed: i64,
) -> String {
    let pages = if pages == 1 {
        "1 page".to_owned()
    } else {
        format!("{pages} pages")
    };
    let groups = if seen == 1 {
        "1 group".to_owned()
    } else {
        format!("{seen} groups")
    };
    format!(
        "{pages} read, {groups} seen: {imported} imported, {updated} corrected, {flagged} not found on WhatsApp, {failed} failed."
    )
}

/// When a run started or ended, in UTC.
pub fn at(time: chrono::DateTime<chrono::Utc>) -> String {
    crate::dates::minute_utc(time)
}
pub const UNTITLED: &str = "Untitled group";
