//! Dates and times as the pages show them, written out field by field.
//!
//! chrono's `format("%Y-%m-%d …")` parses its pattern at run time, which brings chrono's whole
//! strftime interpreter (every specifier, padding rule and name table) into the browser's wasm
//! for every page that shows a date. These functions give the same text from the date's fields.
//! The names of days and months are in [`text`].

pub mod text;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

/// `2026-12-07`
pub fn day(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day())
}

/// `2026-12-07 14:05`
pub fn minute(at: DateTime<Utc>) -> String {
    format!("{} {}", day(at), clock(at))
}

/// `2026-12-07 14:05 UTC`
pub fn minute_utc(at: DateTime<Utc>) -> String {
    format!("{} {}", minute(at), text::UTC)
}

/// `2026-12-07 14:05:09`
pub fn second(at: DateTime<Utc>) -> String {
    format!("{}:{:02}", minute(at), at.second())
}

/// `2026-12-07 14:05:09 UTC`
pub fn second_utc(at: DateTime<Utc>) -> String {
    format!("{} {}", second(at), text::UTC)
}

/// `14:05`
pub fn clock(at: DateTime<Utc>) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// `7 Dec 2026 14:05 UTC`
pub fn short_minute_utc(at: DateTime<Utc>) -> String {
    format!(
        "{} {} {} {} {}",
        at.day(),
        text::SHORT_MONTHS[at.month0() as usize],
        at.year(),
        clock(at),
        text::UTC
    )
}

/// `Monday 7 December 2026`
pub fn long_day(day: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        text::WEEKDAYS[day.weekday().num_days_from_monday() as usize],
        day.day(),
        text::MONTHS[day.month0() as usize],
        day.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    /// Moments that cover every month, weekday, one- and two-digit fields, midnight and leap days.
    fn moments() -> Vec<DateTime<Utc>> {
        let start = Utc.with_ymd_and_hms(2023, 12, 31, 0, 0, 0).unwrap();
        (0..800)
            .map(|n| start + Duration::days(n) + Duration::seconds(n * 3_607 % 86_400))
            .collect()
    }

    #[test]
    fn each_form_reads_as_chrono_would_write_it() {
        for at in moments() {
            assert_eq!(day(at), at.format("%Y-%m-%d").to_string());
            assert_eq!(minute(at), at.format("%Y-%m-%d %H:%M").to_string());
            assert_eq!(minute_utc(at), at.format("%Y-%m-%d %H:%M UTC").to_string());
            assert_eq!(second(at), at.format("%Y-%m-%d %H:%M:%S").to_string());
            assert_eq!(
                second_utc(at),
                at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
            );
            assert_eq!(clock(at), at.format("%H:%M").to_string());
            assert_eq!(
                short_minute_utc(at),
                at.format("%-d %b %Y %H:%M UTC").to_string()
            );
            let date = at.date_naive();
            assert_eq!(long_day(date), date.format("%A %-d %B %Y").to_string());
        }
    }

    #[test]
    fn examples() {
        let at = Utc.with_ymd_and_hms(2026, 2, 7, 4, 5, 9).unwrap();
        assert_eq!(second_utc(at), "2026-02-07 04:05:09 UTC");
        assert_eq!(short_minute_utc(at), "7 Feb 2026 04:05 UTC");
        assert_eq!(long_day(at.date_naive()), "Saturday 7 February 2026");
    }
}
