-- The groups list at scale (10,000 groups per number): each order and each common filter reads an
-- index in list order, and keyset paging continues from (sort key, group_id).

drop index whatsapp_group_tenant_created_idx;
create index whatsapp_group_list_created_idx on whatsapp_group (tenant_id, created_at, group_id);
create index whatsapp_group_list_subject_idx on whatsapp_group (tenant_id, lower(subject), group_id);
create index whatsapp_group_list_number_idx
    on whatsapp_group (tenant_id, business_number_id, created_at, group_id);
create index whatsapp_group_list_state_idx on whatsapp_group (tenant_id, state, created_at, group_id);
create index whatsapp_group_list_suspended_idx on whatsapp_group (tenant_id, created_at, group_id)
    where suspended;
create index join_request_pending_group_idx on join_request (group_id) where state = 'pending';

-- Subject search ("contains", any case) uses trigrams when the server has pg_trgm (PostgreSQL's
-- contrib; a trusted extension). Without it the search still works, by scanning the tenant's groups.
do $$
begin
    create extension if not exists pg_trgm;
    create index whatsapp_group_subject_trgm_idx on whatsapp_group using gin (subject gin_trgm_ops);
exception when others then
    raise notice 'pg_trgm is not available (%); group search scans instead of using an index', sqlerrm;
end
$$;
