//! The names of audited actions, so that filters and tests agree with the writers.

pub const SIGN_IN: &str = "auth.sign_in";
pub const SIGN_OUT: &str = "auth.sign_out";
pub const SWITCH_TENANT: &str = "auth.switch_tenant";
pub const SETUP: &str = "auth.setup";
pub const BOOTSTRAP: &str = "auth.bootstrap";
pub const INVITE: &str = "people.invite";
pub const INVITE_ACCEPT: &str = "people.invite_accept";
pub const RESET_CREATE: &str = "people.reset_create";
pub const RESET_USE: &str = "people.reset_use";
pub const GROUP_CREATE: &str = "group.create";
pub const GROUP_DELETE: &str = "group.delete";
pub const GROUP_REMOVE_PARTICIPANTS: &str = "group.remove_participants";
pub const GROUP_RESET_LINK: &str = "group.reset_link";
pub const GROUP_UPDATE_SETTINGS: &str = "group.update_settings";
pub const GROUP_APPROVE_JOIN_REQUESTS: &str = "group.approve_join_requests";
pub const GROUP_REJECT_JOIN_REQUESTS: &str = "group.reject_join_requests";
/// Invitations by template queued for a batch of phone numbers (issue #6).
pub const GROUP_INVITE_BY_TEMPLATE: &str = "group.invite_by_template";
pub const MESSAGE_SEND: &str = "message.send";
pub const MESSAGE_RETRY: &str = "message.retry";
pub const MESSAGE_PIN: &str = "message.pin";
pub const MESSAGE_UNPIN: &str = "message.unpin";
pub const NUMBER_ONBOARD: &str = "number.onboard";
pub const NUMBER_ROTATE_TOKEN: &str = "number.rotate_token";
pub const NUMBER_DISABLE: &str = "number.disable";
pub const TENANT_CREATE: &str = "tenant.create";
pub const TENANT_RENAME: &str = "tenant.rename";
pub const TENANT_SUSPEND: &str = "tenant.suspend";
pub const TENANT_REACTIVATE: &str = "tenant.reactivate";
pub const TENANT_INVITE_ADMIN: &str = "tenant.invite_admin";
pub const WEBHOOK_REPLAY: &str = "webhook.replay";
pub const SYNC_START: &str = "sync.start";
pub const SYNC_FINISH: &str = "sync.finish";
pub const GROUP_IMPORT: &str = "group.import";
pub const GROUP_SYNC_CORRECT: &str = "group.sync_correct";
pub const GROUP_NOT_FOUND: &str = "group.not_found_on_whatsapp";
/// A group WhatsApp no longer lists, marked deleted in GroupDesk by a person.
pub const GROUP_MARK_DELETED: &str = "group.mark_deleted";

/// Every action, for the audit page's filter.
pub const ALL: &[&str] = &[
    SIGN_IN,
    SIGN_OUT,
    SWITCH_TENANT,
    SETUP,
    BOOTSTRAP,
    INVITE,
    INVITE_ACCEPT,
    RESET_CREATE,
    RESET_USE,
    GROUP_CREATE,
    GROUP_DELETE,
    GROUP_REMOVE_PARTICIPANTS,
    GROUP_RESET_LINK,
    GROUP_UPDATE_SETTINGS,
    GROUP_APPROVE_JOIN_REQUESTS,
    GROUP_REJECT_JOIN_REQUESTS,
    GROUP_INVITE_BY_TEMPLATE,
    MESSAGE_SEND,
    MESSAGE_RETRY,
    MESSAGE_PIN,
    MESSAGE_UNPIN,
    NUMBER_ONBOARD,
    NUMBER_ROTATE_TOKEN,
    NUMBER_DISABLE,
    TENANT_CREATE,
    TENANT_RENAME,
    TENANT_SUSPEND,
    TENANT_REACTIVATE,
    TENANT_INVITE_ADMIN,
    WEBHOOK_REPLAY,
    SYNC_START,
    SYNC_FINISH,
    GROUP_IMPORT,
    GROUP_SYNC_CORRECT,
    GROUP_NOT_FOUND,
    GROUP_MARK_DELETED,
];
