-- Invitations by template (issue #6, SPEC §2.9): one job per batch of phone numbers, one row per
-- number; a background worker sends the group invite template to each, paced like the outbox.

create table invite_job (
    invite_job_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenant on delete cascade,
    group_id uuid not null,
    business_number_id uuid not null,
    template_name text not null,
    template_language text not null,
    created_by uuid references app_user on delete set null,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, group_id) references whatsapp_group (tenant_id, group_id) on delete cascade,
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade
);

create index invite_job_group_idx on invite_job (tenant_id, group_id, created_at desc);

create table invite_recipient (
    invite_recipient_id uuid primary key default gen_random_uuid(),
    invite_job_id uuid not null references invite_job on delete cascade,
    tenant_id uuid not null,
    -- The order the numbers were given in.
    position integer not null check (position >= 0),
    -- E.164 with the leading +; never logged.
    phone text not null check (phone ~ '^\+[0-9]{8,15}$'),
    -- queued → sending → sent (WhatsApp answered with a wamid) → delivered → read; failed with
    -- Meta's reason; unknown when the answer was lost (never resent blindly).
    state text not null default 'queued'
        check (state in ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown')),
    wamid text,
    failure_code bigint,
    failure_detail text,
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    claimed_at timestamptz,
    updated_at timestamptz not null default now(),
    unique (invite_job_id, phone),
    unique (invite_job_id, position)
);

create index invite_recipient_due_idx on invite_recipient (next_attempt_at)
    where state = 'queued' and claimed_at is null;
create index invite_recipient_wamid_idx on invite_recipient (wamid) where wamid is not null;
