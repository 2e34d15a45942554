-- The sandbox's Embedded Signup codes: each names the number it onboards, lives 30 seconds
-- (SPEC §6) and can be exchanged once.
create table sandbox.signup_code (
    code text primary key,
    phone_number_id text not null references sandbox.phone_number on delete cascade,
    issued_at timestamptz not null default now(),
    used_at timestamptz
);
