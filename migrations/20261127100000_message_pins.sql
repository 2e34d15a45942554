-- Pinned messages of a group (SPEC §3.5). A pin or unpin is itself an outbound message of type
-- `pin` that goes through the outbox; this table says which messages are pinned because of them.
-- WhatsApp keeps at most 3 pins per group: when a 4th pin is taken, the one pinned longest ago is
-- dropped (GroupDesk does the same when the pin is taken).

create table message_pin (
    tenant_id uuid not null,
    group_id uuid not null,
    -- The pinned message.
    message_id uuid not null references message on delete cascade,
    -- The outbound `pin` message that pins it.
    pin_message_id uuid not null references message on delete cascade,
    -- While an unpin is on its way: the outbound `pin` message of type unpin.
    unpin_message_id uuid references message on delete cascade,
    -- How long WhatsApp keeps it pinned (1 to 30 days).
    days integer not null check (days between 1 and 30),
    -- pending: the pin waits for WhatsApp; active: WhatsApp took it; unpinning: an unpin is on
    -- its way (a failed unpin makes it active again, a failed pin removes the row).
    state text not null check (state in ('pending', 'active', 'unpinning')),
    -- When it was asked for; once WhatsApp took it, when it did (the order of the 3-pin limit).
    pinned_at timestamptz not null default now(),
    -- When WhatsApp unpins it by itself; counted from when WhatsApp took it.
    expires_at timestamptz not null,
    primary key (group_id, message_id),
    foreign key (tenant_id, group_id) references whatsapp_group (tenant_id, group_id) on delete cascade,
    check ((state = 'unpinning') = (unpin_message_id is not null))
);

create index message_pin_pin_message_idx on message_pin (pin_message_id);
create index message_pin_unpin_message_idx on message_pin (unpin_message_id)
    where unpin_message_id is not null;
create index message_pin_tenant_idx on message_pin (tenant_id);
