//! The groups list query: search, filters, order and keyset paging, built for the filters that are
//! set (so each combination gets its own plan) and always scoped to the member's tenant.

use super::domain::{GroupState, JoinApprovalMode};
use super::list_filter::{ListQuery, PAGE_SIZE, Sort, StateFilter};
use super::list_groups::{GroupPage, GroupSummary};
use crate::AppError;
use crate::ids::{GroupId, TenantId};
use crate::tenants::TenantMember;
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Postgres, QueryBuilder, Row};

/// The table the product reads. The benchmark runs the same query on an unindexed copy.
pub const GROUP_TABLE: &str = "whatsapp_group";

/// One page of the member's tenant's groups.
pub async fn page(
    pool: &PgPool,
    member: &TenantMember,
    query: &ListQuery,
) -> Result<GroupPage, AppError> {
    let rows = page_query(GROUP_TABLE, member.tenant_id(), query)
        .build()
        .fetch_all(pool)
        .await?;
    read_page(&rows)
}

/// The SQL of one page of `tenant`'s groups read from `table` (`whatsapp_group`, or a copy of it
/// in the benchmark). It only builds the query: the product runs it through [`page`], which
/// takes the membership proof.
pub fn page_query<'a>(
    table: &str,
    tenant: TenantId,
    query: &ListQuery,
) -> QueryBuilder<'a, Postgres> {
    let mut sql = select(table, tenant);
    filters(&mut sql, table, tenant, query);
    order(&mut sql, query.sort);
    sql.push(" limit ").push_bind(PAGE_SIZE + 1);
    sql
}

/// The page made of the rows [`page_query`] returned.
pub fn read_page(rows: &[PgRow]) -> Result<GroupPage, AppError> {
    let mut groups = rows.iter().map(summary).collect::<Result<Vec<_>, _>>()?;
    let more = groups.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    groups.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
    let next_cursor = more
        .then(|| groups.last().map(|group| group.id.to_string()))
        .flatten();
    Ok(GroupPage {
        groups,
        next_cursor,
    })
}

/// One group of the member's tenant, with the list's facts; a deleted one too (its page says so).
pub async fn one(
    pool: &PgPool,
    member: &TenantMember,
    group_id: GroupId,
) -> Result<GroupSummary, AppError> {
    let mut sql = select_any(GROUP_TABLE, member.tenant_id());
    sql.push(" and g.group_id = ").push_bind(group_id.0);
    let row = sql
        .build()
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    summary(&row)
}

fn select<'a>(table: &str, tenant: TenantId) -> QueryBuilder<'a, Postgres> {
    let mut sql = select_any(table, tenant);
    sql.push(" and g.state <> 'deleted'");
    sql
}

/// The list's select for one tenant, deleted groups included.
fn select_any<'a>(table: &str, tenant: TenantId) -> QueryBuilder<'a, Postgres> {
    let mut sql = QueryBuilder::new(format!(
        "select g.group_id, g.subject, g.state, g.join_approval_mode, g.invite_link, \
                g.failure_reason, n.display_phone_number, g.created_at, g.suspended, g.missing_since, \
                (select count(*) from participant p \
                  where p.group_id = g.group_id and p.left_at is null) as participants, \
                (select count(*) from join_request j \
                  where j.group_id = g.group_id and j.state = 'pending') as pending_requests \
         from {table} g \
         join business_number n using (tenant_id, business_number_id) \
         where g.tenant_id = "
    ));
    sql.push_bind(tenant.0);
    sql
}

fn filters(sql: &mut QueryBuilder<'_, Postgres>, table: &str, tenant: TenantId, query: &ListQuery) {
    if let Some(search) = &query.search {
        sql.push(" and g.subject ilike ")
            .push_bind(format!("%{}%", escape_like(search)));
    }
    match query.state {
        Some(StateFilter::State(state)) => {
            sql.push(" and g.state = ").push_bind(state.as_str());
        }
        Some(StateFilter::Suspended) => {
            sql.push(" and g.suspended");
        }
        None => {}
    }
    if let Some(mode) = query.approval {
        sql.push(" and g.join_approval_mode = ")
            .push_bind(mode.as_str());
    }
    if let Some(number) = query.number {
        sql.push(" and g.business_number_id = ").push_bind(number.0);
    }
    if query.pending {
        // Measured: a semi-join driven from the pending requests plans worse than this.
        sql.push(
            " and exists (select 1 from join_request j \
              where j.group_id = g.group_id and j.state = 'pending')",
        );
    }
    if let Some(after) = query.after {
        // Keyset paging: rows strictly after the cursor's row in the list's order.
        let (key, op) = match query.sort {
            Sort::Newest => ("{t}.created_at, {t}.group_id", "<"),
            Sort::Oldest => ("{t}.created_at, {t}.group_id", ">"),
            Sort::Subject => ("lower({t}.subject), {t}.group_id", ">"),
        };
        let ours = key.replace("{t}", "g");
        let cursor = key.replace("{t}", "c");
        sql.push(format!(
            " and ({ours}) {op} (select {cursor} from {table} c where c.tenant_id = "
        ))
        .push_bind(tenant.0)
        .push(" and c.group_id = ")
        .push_bind(after.0)
        .push(")");
    }
}

fn order(sql: &mut QueryBuilder<'_, Postgres>, sort: Sort) {
    sql.push(match sort {
        Sort::Newest => " order by g.created_at desc, g.group_id desc",
        Sort::Oldest => " order by g.created_at, g.group_id",
        Sort::Subject => " order by lower(g.subject), g.group_id",
    });
}

/// Makes `%`, `_` and `\` in a search match themselves.
pub(crate) fn escape_like(search: &str) -> String {
    search
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn summary(row: &PgRow) -> Result<GroupSummary, AppError> {
    let state: String = row.try_get("state")?;
    let state = GroupState::parse(&state)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown group state {state}")))?;
    let mode: String = row.try_get("join_approval_mode")?;
    let join_approval_mode = JoinApprovalMode::parse(&mode)
        .map_err(|_| AppError::internal(anyhow::anyhow!("unknown approval mode {mode}")))?;
    Ok(GroupSummary {
        id: GroupId(row.try_get("group_id")?),
        subject: row.try_get("subject")?,
        state,
        join_approval_mode,
        invite_link: row.try_get("invite_link")?,
        failure_reason: row.try_get("failure_reason")?,
        number: row.try_get("display_phone_number")?,
        created_at: row.try_get("created_at")?,
        suspended: row.try_get("suspended")?,
        missing_since: row.try_get("missing_since")?,
        participants: row.try_get("participants")?,
        pending_requests: row.try_get("pending_requests")?,
    })
}
