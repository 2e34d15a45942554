-- Message templates (issue #7): GroupDesk's per-number cache of Meta's templates
-- (`GET /<WABA_ID>/message_templates`), and the sandbox's templates per WABA.

-- Every template of the number's WABA as WhatsApp last reported it, whatever its status; the
-- picker offers only approved marketing and utility templates.
create table message_template (
    tenant_id uuid not null,
    business_number_id uuid not null,
    name text not null,
    language text not null,
    -- Meta's template ID.
    template_id text not null,
    status text not null,
    category text not null,
    -- POSITIONAL ({{1}}) or NAMED ({{first_name}}); null when Meta did not say (positional).
    parameter_format text,
    library_template_name text,
    -- Meta's components (HEADER, BODY, FOOTER, BUTTONS) as it sent them.
    components jsonb not null,
    primary key (business_number_id, name, language),
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade
);

create index message_template_tenant_idx on message_template (tenant_id);

-- When a number's templates were last read from WhatsApp. Reading them is a management call that
-- Meta limits per WABA (SPEC §1.7), so a refresh is claimed here first (`attempted_at`), at most
-- once a minute per number, whoever asks and in whichever process.
create table message_template_sync (
    business_number_id uuid primary key,
    tenant_id uuid not null,
    -- The last successful read; null until one succeeded.
    refreshed_at timestamptz,
    attempted_at timestamptz not null,
    -- Meta's code when the last attempt failed (0: WhatsApp could not be reached).
    failure_code bigint,
    -- Set when WhatsApp refused a template send as unknown or mismatched (132001, 132000): the
    -- cache is read again at the next look, whatever its age.
    stale boolean not null default false,
    foreign key (tenant_id, business_number_id)
        references business_number (tenant_id, business_number_id) on delete cascade
);

-- The sandbox: templates per WABA, seeded once per WABA on first use (`template_seed`), so a
-- template deleted through the Graph API stays deleted.
create table sandbox.message_template (
    template_id text primary key,
    waba_id text not null,
    name text not null check (name ~ '^[a-z0-9_]+$' and char_length(name) <= 512),
    language text not null,
    status text not null,
    category text not null,
    parameter_format text not null default 'POSITIONAL'
        check (parameter_format in ('POSITIONAL', 'NAMED')),
    library_template_name text,
    components jsonb not null,
    created_at timestamptz not null default now(),
    unique (waba_id, name, language)
);

create table sandbox.template_seed (
    waba_id text primary key,
    seeded_at timestamptz not null default now()
);
