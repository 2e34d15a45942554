//! Words of the Sandbox page. Translations replace this file only.

pub const TITLE: &str = "Sandbox";
pub const INTRO: &str = "Play WhatsApp users and WhatsApp itself against the local emulator. Nothing here reaches real WhatsApp.";
pub const EMPTY: &str = "The sandbox has no groups yet. Create one on the Groups page.";
pub const JOIN_HEADING: &str = "A user opens the invite link";
pub const PHONE: &str = "Phone number";
pub const NAME: &str = "Name";
pub const OPEN_LINK: &str = "Open link";
pub const POST_HEADING: &str = "A participant posts";
pub const AS: &str = "As";
pub const MESSAGE: &str = "Message";
pub const KIND: &str = "Type";
pub const KIND_TEXT: &str = "Text";
pub const KIND_IMAGE: &str = "Image";
pub const KIND_VIDEO: &str = "Video";
pub const KIND_AUDIO: &str = "Audio";
pub const KIND_DOCUMENT: &str = "Document (PDF)";
pub const KIND_UNSUPPORTED: &str = "A type WhatsApp cannot deliver (poll)";
pub const POST: &str = "Post";
pub const LEAVE: &str = "Leave";
pub const SUSPEND: &str = "Suspend (as WhatsApp)";
pub const CLEAR: &str = "Clear suspension";
pub const SUSPENDED: &str = "Suspended";
pub const NO_LINK: &str = "No invite link (deleted).";
pub const NOBODY: &str = "No participants.";
pub const PENDING: &str = "Waiting for approval";
pub const DONE: &str = "Done.";
pub const JOINED: &str = "Joined the group.";
pub const REQUESTED: &str = "Asked to join; the request is waiting for staff.";
#[cfg_attr(
    not(feature = "ssr"),
    expect(dead_code, reason = "checked by server functions only")
)]
pub const PHONE_INVALID: &str = "Enter a phone number with 6 to 20 digits, country code first.";
#[cfg_attr(
    not(feature = "ssr"),
    expect(dead_code, reason = "checked by server functions only")
)]
pub const MESSAGE_EMPTY: &str = "Write a message first.";
#[cfg_attr(
    not(feature = "ssr"),
    expect(dead_code, reason = "checked by server functions only")
)]
pub const LINK_UNKNOWN: &str = "This invite link is not valid (reset, deleted or unknown).";
pub const ELSEWHERE_HEADING: &str = "A group created outside GroupDesk";
pub const ELSEWHERE_INTRO: &str = "Another app makes a group on one of your sandbox numbers. GroupDesk hears nothing about it until someone runs Sync from WhatsApp on the Groups page.";
pub const ELSEWHERE_NUMBER: &str = "On number";
pub const ELSEWHERE_SUBJECT: &str = "Group subject";
pub const ELSEWHERE_PHONE: &str = "First participant's phone (optional)";
pub const ELSEWHERE_CREATE: &str = "Create outside GroupDesk";
pub const ELSEWHERE_DONE: &str =
    "Created on WhatsApp. Run Sync from WhatsApp on the Groups page to import it.";
#[cfg_attr(
    not(feature = "ssr"),
    expect(dead_code, reason = "checked by server functions only")
)]
pub const NUMBER_UNKNOWN: &str = "Choose one of your sandbox numbers.";
#[cfg_attr(
    not(feature = "ssr"),
    expect(dead_code, reason = "checked by server functions only")
)]
pub const SUBJECT_EMPTY: &str = "Give the group a subject.";
