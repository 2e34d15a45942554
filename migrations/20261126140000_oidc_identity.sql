-- Sign-in through an OpenID Connect provider: which provider identity (issuer and subject) is
-- which person. Found by the verified email address at the first sign-in, by subject afterwards.
create table oidc_identity (
    oidc_identity_id uuid primary key default gen_random_uuid(),
    issuer text not null check (char_length(issuer) between 1 and 500),
    subject text not null check (char_length(subject) between 1 and 255),
    app_user_id uuid not null references app_user on delete cascade,
    created_at timestamptz not null default now(),
    last_sign_in_at timestamptz not null default now(),
    unique (issuer, subject),
    -- One identity per person and provider: another subject with the same address is refused.
    unique (issuer, app_user_id)
);

create index oidc_identity_user_idx on oidc_identity (app_user_id);
