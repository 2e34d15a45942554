-- The first tables: tenants, their business numbers, groups, the operations ledger and raw webhooks.

create table tenant (
    tenant_id uuid primary key default gen_random_uuid(),
    name text not null check (char_length(btrim(name)) between 1 and 200),
    slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    created_at timestamptz not null default now()
);

create table business_number (
    business_number_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant on delete cascade,
    -- Meta's IDs are opaque numeric strings; keep them as text.
    phone_number_id text not null unique check (phone_number_id ~ '^[0-9]{1,64}$'),
    waba_id text not null check (waba_id ~ '^[0-9]{1,64}$'),
    display_phone_number text not null check (char_length(display_phone_number) between 1 and 32),
    -- AES-256-GCM ciphertext of the access token and its nonce; never the token itself.
    access_token_ciphertext bytea,
    access_token_nonce bytea,
    sandbox boolean not null default false,
    disabled_at timestamptz,
    created_at timestamptz not null default now(),
    unique (tenant_id, business_number_id),
    check ((access_token_ciphertext is null) = (access_token_nonce is null)),
    check (sandbox or access_token_ciphertext is not null)
);

create table whatsapp_group (
    group_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    business_number_id uuid not null,
    -- Meta's group ID: unknown until the create webhook arrives.
    wa_group_id text,
    subject text not null check (char_length(subject) between 1 and 128 and subject = btrim(subject)),
    description text not null default '' check (char_length(description) <= 2048),
    join_approval_mode text not null default 'auto_approve'
        check (join_approval_mode in ('auto_approve', 'approval_required')),
    invite_link text,
    state text not null default 'creating'
        check (state in ('creating', 'active', 'failed', 'deleting', 'deleted')),
    suspended boolean not null default false,
    failure_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade,
    unique (business_number_id, wa_group_id),
    check (state in ('creating', 'failed') or wa_group_id is not null),
    check (state <> 'failed' or failure_reason is not null)
);

create index whatsapp_group_tenant_created_idx on whatsapp_group (tenant_id, created_at desc);

create table operation (
    operation_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    business_number_id uuid not null,
    group_id uuid references whatsapp_group on delete cascade,
    kind text not null check (kind in (
        'group_create', 'group_delete', 'group_settings_update',
        'participants_remove', 'join_requests_approve')),
    request_id text not null check (char_length(request_id) between 1 and 512),
    state text not null default 'pending'
        check (state in ('pending', 'succeeded', 'partially_failed', 'failed')),
    error_detail jsonb,
    created_at timestamptz not null default now(),
    resolved_at timestamptz,
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade,
    unique (business_number_id, request_id),
    check ((state = 'pending') = (resolved_at is null))
);

create index operation_pending_idx on operation (created_at) where state = 'pending';

create table webhook_event (
    webhook_event_id bigint generated always as identity primary key,
    -- A redelivery of the same body is a no-op.
    dedup_key text not null unique,
    raw_body bytea not null,
    phone_number_id text,
    received_at timestamptz not null default now(),
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    processed_at timestamptz,
    outcome text check (outcome in ('applied', 'unmatched', 'quarantined', 'unreadable')),
    last_error text,
    check ((processed_at is null) = (outcome is null))
);

create index webhook_event_due_idx on webhook_event (next_attempt_at) where processed_at is null;

-- The sandbox: GroupDesk's local emulator of the Groups API keeps its own state here.
create schema sandbox;

create table sandbox.phone_number (
    phone_number_id text primary key,
    waba_id text not null,
    display_phone_number text not null,
    is_official_business_account boolean not null default true,
    created_at timestamptz not null default now()
);

create table sandbox.wa_group (
    wa_group_id text primary key,
    phone_number_id text not null references sandbox.phone_number on delete cascade,
    subject text not null,
    description text not null default '',
    join_approval_mode text not null,
    invite_link text not null unique,
    suspended boolean not null default false,
    deleted_at timestamptz,
    created_at timestamptz not null default now()
);

create index sandbox_wa_group_number_idx on sandbox.wa_group (phone_number_id) where deleted_at is null;

-- Webhooks the sandbox owes the app, delivered with retries until answered 200.
create table sandbox.outbound_webhook (
    outbound_webhook_id bigint generated always as identity primary key,
    body bytea not null,
    due_at timestamptz not null default now(),
    attempts integer not null default 0,
    delivered_at timestamptz,
    last_error text,
    created_at timestamptz not null default now()
);

create index sandbox_outbound_webhook_due_idx on sandbox.outbound_webhook (due_at) where delivered_at is null;
