//! Calendar dates: the decision date, the revisit date, "revisit due".
//!
//! A decision lives for months, so the card needs whole days, not instants: a date as the
//! user picked it in `<input type=date>` (`YYYY-MM-DD`), today's date in the browser's time
//! zone, "six months later", and the words and calendar-file forms of a date.
//!
//! Why no date library: this module ends up in the card's WASM, and a date crate brings
//! time-zone tables, formatting machinery and float formatting for what is a handful of
//! integer functions here. Days are counted from 1970-01-01 with the proleptic Gregorian
//! calendar (the civil-from-days arithmetic: a year is shifted to start in March so that the
//! leap day is the last day of its year, and 400 years are exactly 146 097 days). The tests
//! compare every function with an independent reference (`chrono`, a dev-dependency only).
//!
//! Dates are kept within [`MIN_YEAR`]`..=`[`MAX_YEAR`]: nothing a decision needs lies
//! before the Unix epoch, and four-digit years are what `YYYY-MM-DD` and the iCalendar
//! `DATE` form can write. Anything outside is refused (`None` or [`DateError`]), never
//! wrapped or clamped silently.

/// The first year a [`Date`] may have.
pub const MIN_YEAR: i32 = 1970;
/// The last year a [`Date`] may have.
pub const MAX_YEAR: i32 = 9999;

const MS_PER_DAY: f64 = 86_400_000.0;

/// Days in 400 Gregorian years.
const DAYS_PER_ERA: i64 = 146_097;
/// Days from 0000-03-01 to 1970-01-01: day counts are taken from 0000-03-01, where a
/// 400-year era starts, and shifted to the Unix epoch at the end.
const ERA_START_TO_EPOCH: i64 = 719_468;
/// Days from 1970-01-01 to 9999-12-31, the last day a [`Date`] may be.
const MAX_DAYS: i64 = 2_932_896;

/// A day of the proleptic Gregorian calendar between 1970-01-01 and 9999-12-31.
///
/// The fields are private so that every `Date` names a day that exists; order is
/// chronological (year, then month, then day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date. Data only: the sentences are made in [`crate::messages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// No text (or only white space).
    Empty,
    /// Not of the form `YYYY-MM-DD` (four-digit year, two-digit month and day, ASCII
    /// digits, no sign, nothing around it).
    Malformed,
    /// Well formed, but that month or that day does not exist (`2026-02-30`, `2026-13-01`).
    NoSuchDay { year: i32, month: u8, day: u8 },
    /// Outside [`MIN_YEAR`]`..=`[`MAX_YEAR`]: a real day of a four-digit year, or any year
    /// of more than four digits (`year` saturates at `i32::MAX` for absurdly long ones).
    OutOfRange { year: i32 },
}

/// Whether `year` has a 29 February.
fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of `month` (1 to 12) in `year`.
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The first day a `Date` may be: 1970-01-01.
    pub const MIN: Date = Date { year: MIN_YEAR, month: 1, day: 1 };
    /// The last day a `Date` may be: 9999-12-31.
    pub const MAX: Date = Date { year: MAX_YEAR, month: 12, day: 31 };

    /// The date `year-month-day`, if that day exists and its year is within
    /// [`MIN_YEAR`]`..=`[`MAX_YEAR`].
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let exists = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        (exists && (MIN_YEAR..=MAX_YEAR).contains(&year)).then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 (January) to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date `days` days after 1970-01-01 (0 is 1970-01-01), if within range.
    pub fn from_days(days: i64) -> Option<Date> {
        if !(0..=MAX_DAYS).contains(&days) {
            return None;
        }
        // Count from 0000-03-01 so that every year starts in March and ends with the leap
        // day, then split into 400-year eras (all alike) and the year within the era.
        let from_era_start = days + ERA_START_TO_EPOCH;
        let era = from_era_start / DAYS_PER_ERA;
        let day_of_era = from_era_start % DAYS_PER_ERA; // 0..=146_096
                                                        // 365 days a year, less the leap days already past: one every 4 years (1460 days),
                                                        // none every 100 years (36 524 days), one again every 400 (the era's last day).
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        // Months from March: 31, 30, 31, 30, 31 days repeat, which (153 * m + 2) / 5 gives.
        let month_from_march = (5 * day_of_year + 2) / 153; // 0 = March ... 11 = February
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
        // January and February belong to the March-based year that began the year before.
        let year = era * 400 + year_of_era + i64::from(month <= 2);
        Some(Date { year: year as i32, month: month as u8, day: day as u8 })
    }

    /// The number of days from 1970-01-01 to this date (0 for 1970-01-01).
    pub fn to_days(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        // The same March-based year as in `from_days`; years are never negative here, so
        // plain division is floor division.
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year / 400;
        let year_of_era = year % 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
        let day_of_era = 365 * year_of_era + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * DAYS_PER_ERA + day_of_era - ERA_START_TO_EPOCH
    }

    /// The local date of the instant `ms` (milliseconds since 1970-01-01T00:00:00Z, as
    /// `Date.now()` gives), where local time is `offset_minutes` minutes **east** of UTC:
    /// local = UTC + offset. Note the sign: JavaScript's `getTimezoneOffset()` counts the
    /// other way (it is -60 in Paris in winter), so pass its negation.
    ///
    /// `None` for a non-finite instant or a local date outside the range.
    pub fn from_unix_ms(ms: f64, offset_minutes: i32) -> Option<Date> {
        let local = ms + f64::from(offset_minutes) * 60_000.0;
        if !local.is_finite() {
            return None;
        }
        let days = (local / MS_PER_DAY).floor();
        // Compared as floats before the cast, which would saturate far outside the range.
        if !(0.0..=MAX_DAYS as f64).contains(&days) {
            return None;
        }
        Date::from_days(days as i64)
    }

    /// Reads exactly `YYYY-MM-DD`, the value of `<input type=date>`.
    ///
    /// A year of more than four digits (which a browser's date input can produce) is
    /// reported as [`DateError::OutOfRange`], not as malformed, so the user is told the
    /// useful thing.
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        if text.trim().is_empty() {
            return Err(DateError::Empty);
        }
        let mut parts = text.split('-');
        let (Some(year), Some(month), Some(day), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::Malformed);
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let long_year = year.len() > 4 && !year.starts_with('0');
        if !(digits(year) && (year.len() == 4 || long_year) && digits(month) && digits(day))
            || month.len() != 2
            || day.len() != 2
        {
            return Err(DateError::Malformed);
        }
        let number =
            |s: &str| s.bytes().fold(0i32, |n, b| n.saturating_mul(10).saturating_add(i32::from(b - b'0')));
        if long_year {
            // Whatever its month and day: past year 9999 is past the range.
            return Err(DateError::OutOfRange { year: number(year) });
        }
        let year = number(year);
        let (month, day) = (number(month) as u8, number(day) as u8);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay { year, month, day });
        }
        Date::new(year, month, day).ok_or(DateError::OutOfRange { year })
    }

    /// `YYYY-MM-DD`, what `<input type=date>` reads and [`Date::parse_iso`] reads back.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date `n` days later (earlier for negative `n`), if within range.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(n)?)
    }

    /// The same day `n` months later (earlier for negative `n`), clamped to the end of a
    /// shorter month: 31 Aug + 6 months is 28 Feb (29 in a leap year). `None` outside the
    /// range.
    pub fn add_months(self, n: i32) -> Option<Date> {
        let months = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        let year = i32::try_from(months.div_euclid(12)).ok()?;
        let month = months.rem_euclid(12) as u8 + 1;
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    /// The number of days from this date to `other`: positive when `other` is later,
    /// 0 on the same day.
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// The iCalendar `DATE` form (RFC 5545 §3.3.4): "20261204".
    pub fn ics_date(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_constants_agree_with_the_arithmetic() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(1970, 3, 1).unwrap().to_days(), 31 + 28);
        assert_eq!(Date::new(MAX_YEAR, 12, 31).unwrap().to_days(), MAX_DAYS);
        assert_eq!(Date::from_days(MAX_DAYS), Date::new(9999, 12, 31));
        assert_eq!(Date::from_days(0), Some(Date::MIN));
        assert_eq!(Date::from_days(MAX_DAYS), Some(Date::MAX));
        assert_eq!(Date::from_days(MAX_DAYS + 1), None);
        assert_eq!(Date::from_days(-1), None);
    }
}
