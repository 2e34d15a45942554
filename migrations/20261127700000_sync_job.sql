-- "Sync from WhatsApp": one durable job per run that reads a number's active groups (SPEC §2.4)
-- page by page and each group's info (SPEC §2.3), and brings GroupDesk's groups in line.

create table sync_job (
    sync_job_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    business_number_id uuid not null,
    started_by uuid references app_user on delete set null,
    state text not null default 'running' check (state in ('running', 'succeeded', 'failed')),
    -- Where the listing continues: Meta's `after` cursor of the next page (null: the first page),
    -- and how many items of that page are already reconciled.
    after_cursor text,
    page_done integer not null default 0 check (page_done >= 0),
    -- Times the listing started over because WhatsApp said the cursor expired (131059).
    restarts integer not null default 0 check (restarts >= 0),
    pages_read integer not null default 0 check (pages_read >= 0),
    groups_seen integer not null default 0 check (groups_seen >= 0),
    imported integer not null default 0 check (imported >= 0),
    updated integer not null default 0 check (updated >= 0),
    flagged integer not null default 0 check (flagged >= 0),
    failed integer not null default 0 check (failed >= 0),
    -- Failed attempts in a row of the current step (reset by progress), for backoff.
    attempts integer not null default 0 check (attempts >= 0),
    -- The last problem, explained for a person (why the job failed, or what it is waiting out).
    last_error text,
    last_error_code bigint,
    next_attempt_at timestamptz not null default now(),
    -- A worker holds the job until then; a worker that died lets it go when this passes.
    claimed_until timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    finished_at timestamptz,
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade,
    check ((state = 'running') = (finished_at is null)),
    check (state <> 'failed' or last_error is not null)
);

-- One running job per number: starting again while one runs shows that one.
create unique index sync_job_running_key on sync_job (business_number_id) where state = 'running';
create index sync_job_due_idx on sync_job (next_attempt_at) where state = 'running';
create index sync_job_number_idx on sync_job (business_number_id, created_at desc);

-- Which job last saw the group in WhatsApp's list, and since when WhatsApp no longer lists it.
alter table whatsapp_group
    add column last_seen_sync_job_id uuid references sync_job on delete set null,
    add column missing_since timestamptz;

-- A participant GroupDesk knew who was not in WhatsApp's list at a sync.
alter table participant drop constraint participant_left_reason_check;
alter table participant add constraint participant_left_reason_check
    check (left_reason in ('left', 'removed', 'not_listed'));
