-- What happens inside groups, as webhooks report it: participants, join requests, messages.

alter table whatsapp_group add constraint whatsapp_group_tenant_group_key unique (tenant_id, group_id);

create table participant (
    participant_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    group_id uuid not null,
    -- A user shows a phone number (wa_id), a business-scoped user ID, or both (SPEC §3.7).
    wa_id text,
    user_id text,
    username text,
    user_key text generated always as (coalesce(wa_id, user_id)) stored,
    joined_via text not null check (joined_via in ('invite_link', 'join_request', 'sync')),
    joined_at timestamptz not null default now(),
    left_at timestamptz,
    left_reason text check (left_reason in ('left', 'removed')),
    foreign key (tenant_id, group_id) references whatsapp_group (tenant_id, group_id) on delete cascade,
    unique (group_id, user_key),
    check (wa_id is not null or user_id is not null),
    check ((left_at is null) = (left_reason is null))
);

create table join_request (
    join_request_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    group_id uuid not null,
    wa_join_request_id text not null,
    wa_id text,
    user_id text,
    username text,
    state text not null default 'pending'
        check (state in ('pending', 'approving', 'approved', 'rejected', 'revoked', 'failed')),
    failure_reason text,
    created_at timestamptz not null default now(),
    decided_at timestamptz,
    foreign key (tenant_id, group_id) references whatsapp_group (tenant_id, group_id) on delete cascade,
    unique (group_id, wa_join_request_id),
    check (wa_id is not null or user_id is not null),
    check (state <> 'failed' or failure_reason is not null)
);

create index join_request_pending_idx on join_request (tenant_id, created_at) where state = 'pending';

create table message (
    message_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    group_id uuid not null,
    wamid text not null,
    direction text not null check (direction in ('inbound', 'outbound')),
    sender_wa_id text,
    sender_user_id text,
    sender_name text,
    message_type text not null,
    body text,
    content jsonb not null default '{}',
    sent_at timestamptz not null,
    received_at timestamptz not null default now(),
    foreign key (tenant_id, group_id) references whatsapp_group (tenant_id, group_id) on delete cascade,
    unique (group_id, wamid)
);

create index message_group_sent_idx on message (group_id, sent_at desc);
