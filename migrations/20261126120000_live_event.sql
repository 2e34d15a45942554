-- Live updates, kept briefly so a reconnecting browser resumes from Last-Event-ID and so every
-- server process (LISTEN/NOTIFY) fans out the same events.

create table live_event (
    live_event_id bigint generated always as identity primary key,
    tenant_id uuid not null references tenant on delete cascade,
    change jsonb not null,
    created_at timestamptz not null default now()
);

create index live_event_tenant_idx on live_event (tenant_id, live_event_id);
create index live_event_created_idx on live_event (created_at);
