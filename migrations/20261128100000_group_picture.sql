-- Pictures GroupDesk sent to WhatsApp for a group, kept in the media store. WhatsApp offers no
-- way to read a group's picture back, so the newest one it accepted is shown as the group's
-- picture. Each belongs to the settings operation that sent it, whose webhook decides it.
create table group_picture (
    group_picture_id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null,
    group_id uuid not null references whatsapp_group on delete cascade,
    operation_id uuid not null unique references operation on delete cascade,
    storage_key text not null,
    byte_size bigint not null check (byte_size >= 0),
    -- Hex SHA-256 of the stored bytes.
    sha256 text not null,
    -- pending: WhatsApp's outcome is not in yet; accepted / refused: its webhook said so.
    state text not null default 'pending' check (state in ('pending', 'accepted', 'refused')),
    created_at timestamptz not null default now(),
    decided_at timestamptz
);

create index group_picture_current_idx on group_picture (group_id, decided_at desc)
    where state = 'accepted';
