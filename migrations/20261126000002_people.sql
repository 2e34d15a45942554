-- People and access: accounts, local passwords, memberships, invitations, password resets, the
-- one-time setup link of the first platform admin, sign-in attempts, and the append-only audit log.
-- Sessions live in the `tower_sessions` schema, which the session store creates itself.

alter table tenant add column suspended_at timestamptz;

create table app_user (
    app_user_id uuid primary key default gen_random_uuid(),
    email text not null check (
        char_length(email) between 3 and 254 and email = btrim(email) and email ~ '^[^@\s]+@[^@\s]+$'),
    display_name text not null check (
        char_length(display_name) between 1 and 100 and display_name = btrim(display_name)),
    platform_admin boolean not null default false,
    disabled_at timestamptz,
    created_at timestamptz not null default now()
);

-- An address names one person, whatever its case.
create unique index app_user_email_key on app_user (lower(email));

create table local_credential (
    app_user_id uuid primary key references app_user on delete cascade,
    -- The PHC string of an argon2id hash; never the password.
    password_hash text not null check (password_hash like '$argon2id$%'),
    updated_at timestamptz not null default now()
);

create table membership (
    membership_id uuid primary key default gen_random_uuid(),
    app_user_id uuid not null references app_user on delete cascade,
    tenant_id uuid not null references tenant on delete cascade,
    role text not null check (role in ('admin', 'staff', 'support')),
    created_at timestamptz not null default now(),
    unique (app_user_id, tenant_id)
);

create index membership_tenant_idx on membership (tenant_id);

create table invitation (
    invitation_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant on delete cascade,
    email text not null check (
        char_length(email) between 3 and 254 and email = btrim(email) and email ~ '^[^@\s]+@[^@\s]+$'),
    role text not null check (role in ('admin', 'staff', 'support')),
    -- SHA-256 of the token in the link; the token itself is shown once and never stored.
    token_hash bytea not null unique check (octet_length(token_hash) = 32),
    invited_by uuid references app_user,
    expires_at timestamptz not null,
    accepted_at timestamptz,
    created_at timestamptz not null default now(),
    check (expires_at > created_at),
    check (accepted_at is null or accepted_at <= expires_at)
);

create index invitation_tenant_idx on invitation (tenant_id, created_at desc);

create table password_reset (
    password_reset_id uuid primary key default gen_random_uuid(),
    app_user_id uuid not null references app_user on delete cascade,
    token_hash bytea not null unique check (octet_length(token_hash) = 32),
    created_by uuid references app_user,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    check (expires_at > created_at),
    check (used_at is null or used_at <= expires_at)
);

-- The one-time link that creates the first platform admin.
create table setup_token (
    setup_token_id uuid primary key default gen_random_uuid(),
    token_hash bytea not null unique check (octet_length(token_hash) = 32),
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    check (expires_at > created_at)
);

-- At most one open setup link at a time: a new start replaces the old one.
create unique index setup_token_one_open on setup_token ((true)) where used_at is null;

-- Failed and successful sign-ins, for rate limiting by address and by client IP.
create table login_attempt (
    login_attempt_id bigint generated always as identity primary key,
    email_key text not null check (email_key = lower(email_key)),
    client_ip inet,
    succeeded boolean not null,
    at timestamptz not null default now()
);

create index login_attempt_email_idx on login_attempt (email_key, at);
create index login_attempt_ip_idx on login_attempt (client_ip, at);

-- Who did what, where, to what, with which outcome. Rows are never changed or removed.
create table audit_log (
    audit_log_id bigint generated always as identity primary key,
    actor_user_id uuid references app_user,
    tenant_id uuid references tenant,
    action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
    target text check (char_length(target) <= 500),
    outcome text not null check (outcome in ('success', 'failure')),
    detail jsonb not null default '{}'::jsonb check (jsonb_typeof(detail) = 'object'),
    at timestamptz not null default now()
);

create index audit_log_tenant_at_idx on audit_log (tenant_id, at desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
