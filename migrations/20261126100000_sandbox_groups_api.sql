-- The sandbox's model of the whole Groups API (SPEC §8): number facts, participants, join
-- requests, removed users, messages and their statuses, pins, media, and fault injection.

alter table sandbox.phone_number
    add column platform_type text not null default 'CLOUD_API',
    add column is_on_biz_app boolean not null default false,
    add column messaging_limit text not null default 'TIER_100K',
    add column quality_rating text not null default 'GREEN',
    add column throughput_level text not null default 'STANDARD'
        check (throughput_level in ('STANDARD', 'HIGH')),
    -- When set, only this token is accepted for the number; otherwise any non-empty token is.
    add column access_token text,
    add column subscribed boolean not null default false;

-- A deleted invite link (SPEC §2.8) leaves the group without one.
alter table sandbox.wa_group alter column invite_link drop not null;
alter table sandbox.wa_group add column picture_sha256 text;

-- A WhatsApp user the sandbox plays. `user_key` is the wa_id when the user shows a number, else the BSUID.
create table sandbox.wa_user (
    user_key text primary key,
    wa_id text unique check (wa_id ~ '^[0-9]{6,20}$'),
    user_id text unique,
    username text,
    name text not null default '',
    created_at timestamptz not null default now(),
    check (wa_id is not null or user_id is not null),
    check (user_key = coalesce(wa_id, user_id))
);

create table sandbox.participant (
    wa_group_id text not null references sandbox.wa_group on delete cascade,
    user_key text not null references sandbox.wa_user on delete cascade,
    joined_via text not null check (joined_via in ('invite_link', 'join_request')),
    joined_at timestamptz not null default now(),
    primary key (wa_group_id, user_key)
);

create table sandbox.join_request (
    join_request_id text primary key,
    wa_group_id text not null references sandbox.wa_group on delete cascade,
    user_key text not null references sandbox.wa_user on delete cascade,
    created_at timestamptz not null default now()
);

create unique index sandbox_join_request_once on sandbox.join_request (wa_group_id, user_key);

-- Users removed by the business cannot rejoin through the link (SPEC §2.10).
create table sandbox.removed_user (
    wa_group_id text not null references sandbox.wa_group on delete cascade,
    user_key text not null references sandbox.wa_user on delete cascade,
    removed_at timestamptz not null default now(),
    primary key (wa_group_id, user_key)
);

create table sandbox.message (
    wamid text primary key,
    wa_group_id text not null references sandbox.wa_group on delete cascade,
    direction text not null check (direction in ('outbound', 'inbound')),
    -- The sender for inbound messages.
    user_key text references sandbox.wa_user on delete cascade,
    message_type text not null,
    content jsonb not null,
    -- For outbound messages: group_service, group_utility or group_marketing (SPEC §7, §8 rule 12).
    pricing_category text,
    created_at timestamptz not null default now(),
    check (direction = 'outbound' or user_key is not null)
);

create index sandbox_message_group_idx on sandbox.message (wa_group_id, created_at);

-- Per-participant receipts of outbound messages.
create table sandbox.receipt (
    wamid text not null references sandbox.message on delete cascade,
    user_key text not null references sandbox.wa_user on delete cascade,
    delivered_at timestamptz,
    read_at timestamptz,
    primary key (wamid, user_key)
);

create table sandbox.pin (
    wa_group_id text not null references sandbox.wa_group on delete cascade,
    wamid text not null,
    pinned_at timestamptz not null default now(),
    expires_at timestamptz not null,
    primary key (wa_group_id, wamid)
);

create table sandbox.media (
    media_id text primary key,
    phone_number_id text not null references sandbox.phone_number on delete cascade,
    mime_type text not null,
    sha256 text not null,
    content bytea not null,
    created_at timestamptz not null default now()
);

-- How the sandbox behaves (one row). Fault rates are fractions from 0 to 1 of the requests or
-- webhooks affected.
create table sandbox.behaviour (
    behaviour_id boolean primary key default true check (behaviour_id),
    -- Participants read every delivered message at once (SPEC §8 rule 11).
    auto_read boolean not null default true,
    error_5xx_rate double precision not null default 0 check (error_5xx_rate between 0 and 1),
    throughput_rate double precision not null default 0 check (throughput_rate between 0 and 1),
    group_rate_limit_rate double precision not null default 0 check (group_rate_limit_rate between 0 and 1),
    timeout_rate double precision not null default 0 check (timeout_rate between 0 and 1),
    latency_ms integer not null default 0 check (latency_ms between 0 and 60000),
    -- A "timeout" fault acts, then answers only after this long.
    timeout_delay_ms integer not null default 25000 check (timeout_delay_ms between 0 and 600000),
    duplicate_webhook_rate double precision not null default 0 check (duplicate_webhook_rate between 0 and 1),
    reorder_webhooks boolean not null default false,
    updated_at timestamptz not null default now()
);

insert into sandbox.behaviour default values;
