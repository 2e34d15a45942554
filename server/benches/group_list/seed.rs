//! The bench's data: a tenant with 10 numbers × 10,000 groups, a neighbour tenant with 10,000
//! more, participants (0 to 8 per group), some pending join requests, failed and suspended
//! groups, and the unindexed baseline copy.

use app::ids::{BusinessNumberId, GroupId, TenantId};
use sqlx::PgPool;

/// The first words of subjects; a search for one matches a tenth of the groups.
pub const WORDS: [&str; 10] = [
    "book", "runners", "chess", "yoga", "parents", "choir", "garden", "cycling", "football",
    "cooking",
];

const NUMBERS: i32 = 10;
const GROUPS_PER_NUMBER: i32 = 10_000;

/// What was seeded.
pub struct Seeded {
    pub tenant: TenantId,
    pub numbers: Vec<BusinessNumberId>,
    pub tenant_groups: i64,
    pub all_groups: i64,
    /// Groups spread over the list, used as page cursors.
    pub sample_groups: Vec<GroupId>,
}

pub async fn seed(pool: &PgPool, baseline_table: &str) -> anyhow::Result<Seeded> {
    let tenant = new_tenant(pool, "Bench", "bench", NUMBERS, 100).await?;
    tenant_groups(pool, tenant).await?;
    let neighbour = new_tenant(pool, "Neighbour", "neighbour", 1, 200).await?;
    tenant_groups(pool, neighbour).await?;
    sqlx::query(&format!(
        "create table {baseline_table} as select * from whatsapp_group"
    ))
    .execute(pool)
    .await?;
    sqlx::query("analyze").execute(pool).await?;

    let numbers = sqlx::query_scalar(
        "select business_number_id from business_number where tenant_id = $1 order by phone_number_id",
    )
    .bind(tenant.0)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(BusinessNumberId)
    .collect();
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(tenant.0)
            .fetch_one(pool)
            .await
    };
    let tenant_groups = count("select count(*) from whatsapp_group where tenant_id = $1").await?;
    let all_groups =
        count("select count(*) from whatsapp_group where $1::uuid is not null").await?;
    let sample_groups = sqlx::query_scalar(
        "select group_id from whatsapp_group where tenant_id = $1 and random() < 0.001 limit 100",
    )
    .bind(tenant.0)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(GroupId)
    .collect();
    Ok(Seeded {
        tenant,
        numbers,
        tenant_groups,
        all_groups,
        sample_groups,
    })
}

async fn new_tenant(
    pool: &PgPool,
    name: &str,
    slug: &str,
    numbers: i32,
    pnid_base: i32,
) -> anyhow::Result<TenantId> {
    let tenant =
        sqlx::query_scalar("insert into tenant (name, slug) values ($1, $2) returning tenant_id")
            .bind(name)
            .bind(slug)
            .fetch_one(pool)
            .await?;
    sqlx::query(
        "insert into business_number (tenant_id, phone_number_id, waba_id, display_phone_number, sandbox)
         select $1, ($2 + i)::text, '9' || $2, '+1 555 ' || ($2 + i), true
           from generate_series(1, $3) i",
    )
    .bind(tenant)
    .bind(pnid_base)
    .bind(numbers)
    .execute(pool)
    .await?;
    Ok(TenantId(tenant))
}

/// 10,000 groups per number of `tenant`, created over a year, with their people.
async fn tenant_groups(pool: &PgPool, tenant: TenantId) -> anyhow::Result<()> {
    sqlx::query(
        "insert into whatsapp_group
           (tenant_id, business_number_id, wa_group_id, subject, state, failure_reason, suspended,
            join_approval_mode, invite_link, created_at)
         select n.tenant_id, n.business_number_id,
                case when i % 50 = 7 then null else n.phone_number_id || '-' || i end,
                initcap((array['book','runners','chess','yoga','parents','choir','garden','cycling',
                               'football','cooking'])[1 + i % 10])
                  || ' ' || (array['Lisbon','Porto','Madrid','Lyon','Turin','Ghent','Cork','Graz',
                                   'Brno','Bergen','Malmo','Tartu'])[1 + (i / 10) % 12]
                  || ' #' || i,
                case when i % 50 = 7 then 'failed' else 'active' end,
                case when i % 50 = 7 then 'WhatsApp refused it' end,
                i % 100 = 13,
                -- independent of the subject's word (i % 10)
                case when (i / 10) % 5 = 0 then 'approval_required' else 'auto_approve' end,
                case when i % 50 = 7 then null else 'https://chat.whatsapp.com/' || md5(n.phone_number_id || i) end,
                now() - interval '365 days' + (i * 10 + random()) * interval '1 minute'
           from business_number n, generate_series(1, $2) i
          where n.tenant_id = $1",
    )
    .bind(tenant.0)
    .bind(GROUPS_PER_NUMBER)
    .execute(pool)
    .await?;
    sqlx::query(
        "insert into participant (tenant_id, group_id, user_id, joined_via)
         select g.tenant_id, g.group_id, 'US.' || md5(g.group_id::text || k), 'invite_link'
           from whatsapp_group g, generate_series(1, 8) k
          where g.tenant_id = $1 and g.state = 'active' and k <= abs(hashtext(g.group_id::text)) % 9",
    )
    .bind(tenant.0)
    .execute(pool)
    .await?;
    sqlx::query(
        "insert into join_request (tenant_id, group_id, wa_join_request_id, user_id)
         select g.tenant_id, g.group_id, 'jr-' || g.group_id, 'US.waiting'
           from whatsapp_group g
          where g.tenant_id = $1 and g.join_approval_mode = 'approval_required'
            and g.state = 'active' and abs(hashtext(g.group_id::text)) % 20 = 0",
    )
    .bind(tenant.0)
    .execute(pool)
    .await?;
    Ok(())
}
