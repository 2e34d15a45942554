//! Fault settings from configuration: `SANDBOX_FAULTS="error_5xx_rate=0.2,timeout_rate=0.1"`.

use sqlx::PgPool;

/// Fault rates set at start-up; unset ones keep their stored value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSettings {
    /// Share of Graph requests answered with a 5xx.
    pub error_5xx_rate: Option<f64>,
    /// Share of sends answered with 130429.
    pub throughput_rate: Option<f64>,
    /// Share of group operations answered with 131208.
    pub group_rate_limit_rate: Option<f64>,
    /// Share of requests that act, then answer late.
    pub timeout_rate: Option<f64>,
    /// Share of webhooks sent twice.
    pub duplicate_webhook_rate: Option<f64>,
    /// Added latency per request, in milliseconds.
    pub latency_ms: Option<i32>,
    /// How late a "timeout" answers, in milliseconds.
    pub timeout_delay_ms: Option<i32>,
    /// Let later webhooks overtake earlier ones.
    pub reorder_webhooks: Option<bool>,
}

impl FaultSettings {
    /// Parses `key=value` pairs separated by commas; an unknown key or a bad value is an error
    /// that names it.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut settings = Self::default();
        for pair in raw
            .split(',')
            .map(str::trim)
            .filter(|pair| !pair.is_empty())
        {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("expected key=value, got {pair:?}"))?;
            let (key, value) = (key.trim(), value.trim());
            let rate = || {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|rate| (0.0..=1.0).contains(rate))
                    .ok_or_else(|| format!("{key} must be a fraction from 0 to 1, got {value:?}"))
            };
            let millis = || {
                value
                    .parse::<i32>()
                    .ok()
                    .filter(|ms| (0..=600_000).contains(ms))
                    .ok_or_else(|| {
                        format!("{key} must be milliseconds from 0 to 600000, got {value:?}")
                    })
            };
            match key {
                "error_5xx_rate" => settings.error_5xx_rate = Some(rate()?),
                "throughput_rate" => settings.throughput_rate = Some(rate()?),
                "group_rate_limit_rate" => settings.group_rate_limit_rate = Some(rate()?),
                "timeout_rate" => settings.timeout_rate = Some(rate()?),
                "duplicate_webhook_rate" => settings.duplicate_webhook_rate = Some(rate()?),
                "latency_ms" => settings.latency_ms = Some(millis()?.min(60_000)),
                "timeout_delay_ms" => settings.timeout_delay_ms = Some(millis()?),
                "reorder_webhooks" => {
                    settings.reorder_webhooks = Some(
                        value
                            .parse()
                            .map_err(|_| format!("{key} must be true or false"))?,
                    );
                }
                other => return Err(format!("unknown fault {other:?}")),
            }
        }
        Ok(settings)
    }

    /// Stores the settings that are set.
    pub async fn apply(&self, pool: &PgPool) -> Result<(), sqlx::Error> {
        sqlx::query!(
            r#"update sandbox.behaviour set
                 error_5xx_rate = coalesce($1, error_5xx_rate),
                 throughput_rate = coalesce($2, throughput_rate),
                 group_rate_limit_rate = coalesce($3, group_rate_limit_rate),
                 timeout_rate = coalesce($4, timeout_rate),
                 duplicate_webhook_rate = coalesce($5, duplicate_webhook_rate),
                 latency_ms = coalesce($6, latency_ms),
                 timeout_delay_ms = coalesce($7, timeout_delay_ms),
                 reorder_webhooks = coalesce($8, reorder_webhooks),
                 updated_at = now()"#,
            self.error_5xx_rate,
            self.throughput_rate,
            self.group_rate_limit_rate,
            self.timeout_rate,
            self.duplicate_webhook_rate,
            self.latency_ms,
            self.timeout_delay_ms,
            self.reorder_webhooks,
        )
        .execute(pool)
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_settings_parse_and_bad_ones_are_named() {
        let settings =
            FaultSettings::parse("error_5xx_rate=0.2, timeout_rate=0.1,reorder_webhooks=true")
                .unwrap();
        assert_eq!(settings.error_5xx_rate, Some(0.2));
        assert_eq!(settings.timeout_rate, Some(0.1));
        assert_eq!(settings.reorder_webhooks, Some(true));
        assert!(FaultSettings::parse("").unwrap() == FaultSettings::default());
        assert!(
            FaultSettings::parse("error_5xx_rate=2")
                .unwrap_err()
                .contains("error_5xx_rate")
        );
        assert!(
            FaultSettings::parse("explode=1")
                .unwrap_err()
                .contains("explode")
        );
        assert!(
            FaultSettings::parse("latency_ms")
                .unwrap_err()
                .contains("key=value")
        );
    }
}
