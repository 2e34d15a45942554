-- Group chat: messages staff send go through a durable outbox; what became of them is kept per
-- participant, with the pricing WhatsApp reports (SPEC §3.1–§3.3, §7).

-- Our own messages have no wamid until WhatsApp accepts them (or a status webhook names it).
alter table message alter column wamid drop not null;
alter table message
    add column sent_by uuid references app_user on delete set null,
    -- Outbound only: queued → sending → accepted (WhatsApp answered with a wamid) → sent (status
    -- webhook); unknown when a send timed out (never resent blindly); failed with Meta's reason.
    add column send_state text
        check (send_state in ('queued', 'sending', 'accepted', 'unknown', 'sent', 'failed')),
    add column failure_code bigint,
    add column failure_detail text,
    -- How many participants the group had when WhatsApp accepted the message ("of m").
    add column recipient_count integer,
    add column send_state_at timestamptz,
    -- How many times the outbox tried to send it.
    add column send_attempts integer not null default 0,
    add constraint message_outbound_has_send_state check ((direction = 'outbound') = (send_state is not null)),
    add constraint message_inbound_has_wamid check (direction = 'outbound' or wamid is not null);

-- What is still to be sent. A row leaves when the send is settled (accepted, failed or unknown).
create table outbox (
    message_id uuid primary key references message on delete cascade,
    tenant_id uuid not null,
    business_number_id uuid not null,
    -- The `MessageContent` to send (type and its object).
    content jsonb not null,
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    -- Set while a worker sends it; a claim older than any send could take means the worker died
    -- mid-send, and the outcome is unknown.
    claimed_at timestamptz,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade
);

create index outbox_due_idx on outbox (next_attempt_at) where claimed_at is null;

-- Per-participant receipts of our messages, from `delivered` and `read` statuses.
create table message_receipt (
    message_id uuid not null references message on delete cascade,
    tenant_id uuid not null,
    -- The participant's wa_id, else their BSUID.
    participant_key text not null,
    wa_id text,
    user_id text,
    delivered_at timestamptz,
    read_at timestamptz,
    pricing_model text,
    pricing_type text,
    pricing_category text,
    billable boolean,
    primary key (message_id, participant_key)
);

create index message_receipt_tenant_idx on message_receipt (tenant_id);

-- `STANDARD` or `HIGH` when known: the outbox paces a number by its throughput tier (SPEC §1.7).
alter table business_number add column throughput_level text;
