//! Who may call each endpoint: [`ACCESS`], one line per server function, page and route.

use app::tenants::Role;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    /// Anyone: sign-in, one-time links, health, machine endpoints (they check their own secrets).
    Public,
    /// A signed-in person; the endpoint checks anything tenant-specific itself.
    SignedIn,
    /// A member of the current tenant with one of these roles.
    Members(&'static [Role]),
    /// A platform admin (whatever their tenants); no tenant member may call it.
    Platform,
}

pub use Access::{Members, Platform, Public, SignedIn};

pub const ADMIN: &[Role] = &[Role::Admin];
pub const ADMIN_STAFF: &[Role] = &[Role::Admin, Role::Staff];
pub const ADMIN_SUPPORT: &[Role] = &[Role::Admin, Role::Support];

/// Every endpoint, by kind and path, and who may call it.
pub const ACCESS: &[(&str, Access)] = &[
    // Server functions.
    ("fn /api/login", Public),
    ("fn /api/logout", Public),
    ("fn /api/current_user", Public),
    ("fn /api/complete_setup", Public),
    ("fn /api/sign_in_options", Public),
    ("fn /api/switch_tenant", SignedIn),
    ("fn /api/list_groups", Members(Role::ALL)),
    ("fn /api/list_numbers", Members(Role::ALL)),
    ("fn /api/create_group", Members(ADMIN_STAFF)),
    ("fn /api/list_people", Members(ADMIN)),
    ("fn /api/create_invitation", Members(ADMIN)),
    ("fn /api/create_password_reset", Members(ADMIN)),
    ("fn /api/accept_invitation", Public),
    ("fn /api/reset_password", Public),
    ("fn /api/list_audit", Members(ADMIN_SUPPORT)),
    ("fn /api/group_detail", Members(Role::ALL)),
    ("fn /api/group_header", Members(Role::ALL)),
    ("fn /api/list_operations", Members(Role::ALL)),
    ("fn /api/chat_messages", Members(Role::ALL)),
    ("fn /api/message_receipts", Members(Role::ALL)),
    ("fn /api/search_messages", Members(Role::ALL)),
    ("fn /api/send_message", Members(ADMIN_STAFF)),
    ("fn /api/retry_message", Members(ADMIN_STAFF)),
    // In this order: the allowed call of group_templates fills the cache send_template needs.
    ("fn /api/group_templates", Members(ADMIN_STAFF)),
    ("fn /api/refresh_templates", Members(ADMIN_STAFF)),
    ("fn /api/send_template", Members(ADMIN_STAFF)),
    ("fn /api/start_invites", Members(ADMIN_STAFF)),
    ("fn /api/invite_progress", Members(ADMIN_STAFF)),
    ("fn /api/chat_pins", Members(Role::ALL)),
    // Before unpin_message: its allowed call pins the message that unpin_message then unpins.
    ("fn /api/pin_message", Members(ADMIN_STAFF)),
    ("fn /api/unpin_message", Members(ADMIN_STAFF)),
    ("fn /api/approve_join_request", Members(Role::ALL)),
    ("fn /api/reject_join_request", Members(Role::ALL)),
    ("fn /api/join_queue", Members(Role::ALL)),
    ("fn /api/decide_join_requests", Members(Role::ALL)),
    ("fn /api/refresh_join_requests", Members(Role::ALL)),
    ("fn /api/sandbox_overview", Members(ADMIN_STAFF)),
    ("fn /api/sim_join", Members(ADMIN_STAFF)),
    ("fn /api/sim_message", Members(ADMIN_STAFF)),
    ("fn /api/sim_leave", Members(ADMIN_STAFF)),
    ("fn /api/sim_suspension", Members(ADMIN_STAFF)),
    ("fn /api/sim_create_elsewhere", Members(ADMIN_STAFF)),
    ("fn /api/sync_status", Members(Role::ALL)),
    ("fn /api/start_sync", Members(ADMIN_STAFF)),
    ("fn /api/list_business_numbers", Members(ADMIN)),
    ("fn /api/onboard_number", Members(ADMIN)),
    ("fn /api/complete_embedded_signup", Members(ADMIN)),
    ("fn /api/start_sandbox_signup", Members(ADMIN)),
    ("fn /api/rotate_number_token", Members(ADMIN)),
    ("fn /api/disable_number", Members(ADMIN)),
    ("fn /api/capacity_overview", Members(ADMIN)),
    ("fn /api/check_number_facts", Members(ADMIN)),
    ("fn /api/list_tenants", Platform),
    ("fn /api/create_tenant", Platform),
    ("fn /api/rename_tenant", Platform),
    ("fn /api/suspend_tenant", Platform),
    ("fn /api/reactivate_tenant", Platform),
    ("fn /api/invite_tenant_admin", Platform),
    ("fn /api/invite_qr", Members(Role::ALL)),
    ("fn /api/remove_participants", Members(Role::ALL)),
    ("fn /api/delete_invite_link", Members(Role::ALL)),
    ("fn /api/reset_invite_link", Members(Role::ALL)),
    ("fn /api/update_group_settings", Members(ADMIN_STAFF)),
    ("fn /api/change_approval_mode", Members(Role::ALL)),
    ("fn /api/check_invite_link", Members(Role::ALL)),
    ("fn /api/delete_group", Members(ADMIN_STAFF)),
    ("fn /api/mark_group_deleted", Members(ADMIN_STAFF)),
    ("fn /api/list_set_aside_events", Platform),
    ("fn /api/replay_set_aside_event", Platform),
    // Pages.
    ("page /", SignedIn),
    ("page /groups", SignedIn),
    ("page /groups/{id}", SignedIn),
    ("page /groups/{id}/chat", SignedIn),
    ("page /join-requests", SignedIn),
    ("page /sandbox", SignedIn),
    ("page /operations", SignedIn),
    ("page /login", Public),
    ("page /setup/{token}", Public),
    ("page /people", SignedIn),
    ("page /audit", SignedIn),
    ("page /numbers", SignedIn),
    ("page /tenants", Platform),
    ("page /webhook-events", Platform),
    ("page /invite/{token}", Public),
    ("page /reset/{token}", Public),
    // Other routes.
    ("route GET /healthz", Public),
    ("route GET /readyz", Public),
    ("route GET /webhooks/whatsapp", Public),
    ("route POST /webhooks/whatsapp", Public),
    ("route GET /api/live", Members(Role::ALL)),
    ("route GET /api/audit.csv", Members(ADMIN_SUPPORT)),
    ("route POST /api/media", Members(ADMIN_STAFF)),
    ("route GET /media/{id}", Members(Role::ALL)),
    ("route POST /api/group_picture", Members(ADMIN_STAFF)),
    ("route GET /group-pictures/{id}", Members(Role::ALL)),
    ("route GET /auth/oidc/start", Public),
    ("route GET /auth/oidc/callback", Public),
];
