-- Media of group messages (issue #7): files staff send and files participants post. The bytes live
-- in the object store (MEDIA_STORE) under `storage_key`; WhatsApp knows a file by `wa_media_id`
-- (set once it was uploaded to Meta, or from the webhook of a participant's message).
create table media (
    media_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    group_id uuid not null,
    message_id uuid not null unique references message on delete cascade,
    kind text not null check (kind in ('image', 'video', 'audio', 'document')),
    mime_type text not null,
    byte_size bigint check (byte_size >= 0),
    -- Hex SHA-256 of the stored bytes.
    sha256 text,
    file_name text,
    storage_key text,
    wa_media_id text,
    -- stored: the bytes are in the object store; pending: a participant's file still to download
    -- from WhatsApp; failed: the download was given up (see `failure`).
    state text not null check (state in ('stored', 'pending', 'failed')),
    fetch_attempts integer not null default 0 check (fetch_attempts >= 0),
    fetch_next_at timestamptz,
    -- Set while a worker downloads it; an old claim belongs to a worker that died.
    fetch_claimed_at timestamptz,
    failure text,
    uploaded_at timestamptz,
    created_at timestamptz not null default now(),
    foreign key (tenant_id, group_id) references whatsapp_group (tenant_id, group_id) on delete cascade,
    check (state <> 'stored' or (storage_key is not null and byte_size is not null and sha256 is not null)),
    check (state <> 'pending' or (wa_media_id is not null and fetch_next_at is not null))
);

create index media_fetch_due_idx on media (fetch_next_at) where state = 'pending';
create index media_tenant_idx on media (tenant_id, group_id);
