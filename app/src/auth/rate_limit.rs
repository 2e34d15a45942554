//! Sign-in rate limiting, kept in PostgreSQL (`login_attempt`): the limits then hold across
//! several server processes and restarts, and tests can see them. The cost is one insert per
//! attempt, which is small next to an argon2 verification.

use crate::AppError;
use std::net::IpAddr;

/// Failed attempts allowed per address within the window.
pub const PER_EMAIL: i64 = 5;
/// Failed attempts allowed per client IP within the window (several people may share one).
pub const PER_IP: i64 = 30;
/// The window, in minutes.
pub const WINDOW_MINUTES: i32 = 15;

/// Refuses with `RateLimited` when the address or the IP failed too often recently.
pub async fn check(
    pool: &sqlx::PgPool,
    email_key: &str,
    ip: Option<IpAddr>,
) -> Result<(), AppError> {
    let counts = sqlx::query!(
        r#"select count(*) filter (where email_key = $1) as "by_email!",
                  count(*) filter (where client_ip = $2::text::inet) as "by_ip!"
           from login_attempt
           where not succeeded and at > now() - make_interval(mins => $3)
             and (email_key = $1 or client_ip = $2::text::inet)"#,
        email_key,
        ip.map(|ip| ip.to_string()),
        WINDOW_MINUTES,
    )
    .fetch_one(pool)
    .await?;
    if counts.by_email >= PER_EMAIL || counts.by_ip >= PER_IP {
        return Err(AppError::RateLimited);
    }
    Ok(())
}

/// Remembers one attempt.
pub async fn note(
    pool: &sqlx::PgPool,
    email_key: &str,
    ip: Option<IpAddr>,
    succeeded: bool,
) -> Result<(), AppError> {
    sqlx::query!(
        r#"insert into login_attempt (email_key, client_ip, succeeded)
           values ($1, $2::text::inet, $3)"#,
        email_key,
        ip.map(|ip| ip.to_string()),
        succeeded,
    )
    .execute(pool)
    .await?;
    Ok(())
}
