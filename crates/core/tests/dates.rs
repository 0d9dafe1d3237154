//! The core's calendar dates against an independent reference (`chrono`, here only): day
//! counts both ways, adding days and months, the local date of an instant, the text forms;
//! then the cases people get wrong (leap years, month ends, the time-zone sign) and every
//! kind of refused input.

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, TimeDelta};
use decision_core::dates::{Date, DateError, MAX_YEAR, MIN_YEAR};
use decision_core::history::words::date as in_words;
use proptest::prelude::*;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
}

/// The last day a `Date` may be, in days since 1970-01-01, according to the reference.
fn max_days() -> i64 {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap().signed_duration_since(epoch()).num_days()
}

fn reference(d: Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month().into(), d.day().into()).unwrap()
}

/// The reference's date as a `Date`, or `None` when it is outside the range.
fn from_reference(n: NaiveDate) -> Option<Date> {
    Date::new(n.year(), n.month() as u8, n.day() as u8)
}

fn in_range(n: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&n.year())
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// Any date of the range, drawn by its day number.
fn any_date() -> impl Strategy<Value = Date> {
    (0..=max_days()).prop_map(|days| Date::from_days(days).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn from_days_and_to_days_agree_with_the_reference(days in -1000i64..max_days() + 1000) {
        let expected = epoch().checked_add_signed(TimeDelta::days(days)).filter(|n| in_range(*n));
        let got = Date::from_days(days);
        prop_assert_eq!(got.map(reference), expected);
        if let Some(d) = got {
            prop_assert_eq!(d.to_days(), days);
        }
    }

    #[test]
    fn new_accepts_exactly_the_real_days_of_the_range(y in 1960i32..10_010, m in 0u8..=13, d in 0u8..=32) {
        let expected = NaiveDate::from_ymd_opt(y, m.into(), d.into()).filter(|n| in_range(*n));
        let got = Date::new(y, m, d);
        prop_assert_eq!(got.map(reference), expected);
        if let Some(got) = got {
            prop_assert_eq!((got.year(), got.month(), got.day()), (y, m, d));
            prop_assert_eq!(got.to_days(), expected.unwrap().signed_duration_since(epoch()).num_days());
        }
    }

    #[test]
    fn add_days_agrees_with_the_reference(d in any_date(), n in -3_000_000i64..3_000_000) {
        let expected = reference(d).checked_add_signed(TimeDelta::days(n)).and_then(from_reference);
        prop_assert_eq!(d.add_days(n), expected);
    }

    #[test]
    fn add_months_clamps_to_the_month_end_as_the_reference_does(d in any_date(), n in -120_000i32..120_000) {
        let months = Months::new(n.unsigned_abs());
        let moved =
            if n >= 0 { reference(d).checked_add_months(months) } else { reference(d).checked_sub_months(months) };
        prop_assert_eq!(d.add_months(n), moved.and_then(from_reference));
    }

    #[test]
    fn days_until_agrees_with_the_reference(a in any_date(), b in any_date()) {
        prop_assert_eq!(a.days_until(b), reference(b).signed_duration_since(reference(a)).num_days());
        prop_assert_eq!(a.days_until(b) > 0, a < b, "order is chronological");
    }

    #[test]
    fn the_text_forms_agree_with_the_reference(d in any_date()) {
        let n = reference(d);
        prop_assert_eq!(d.to_iso(), n.format("%Y-%m-%d").to_string());
        prop_assert_eq!(d.ics_date(), n.format("%Y%m%d").to_string());
        // English, as a page in English says it.
        prop_assert_eq!(in_words(d), n.format("%-d %b %Y").to_string());
        prop_assert_eq!(Date::parse_iso(&d.to_iso()), Ok(d));
    }

    #[test]
    fn the_local_date_of_an_instant_agrees_with_the_reference(
        ms in -100_000_000i64..253_402_400_000_000,
        offset in -14 * 60i32..=14 * 60,
    ) {
        let zone = FixedOffset::east_opt(offset * 60).unwrap();
        let expected = DateTime::from_timestamp_millis(ms).unwrap().with_timezone(&zone).date_naive();
        prop_assert_eq!(Date::from_unix_ms(ms as f64, offset), from_reference(expected));
    }

    /// Any text of date-like characters: an answer or a refusal, never a panic, and an
    /// answer only for exactly `YYYY-MM-DD` naming the day the reference reads.
    #[test]
    fn parse_iso_reads_only_what_the_reference_reads(text in "[0-9+ T:-]{0,14}|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        let strict = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        let expected = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok().filter(|_| strict);
        match Date::parse_iso(&text) {
            Ok(d) => prop_assert_eq!(Some(reference(d)), expected),
            Err(DateError::OutOfRange { year }) => {
                prop_assert!(!(MIN_YEAR..=MAX_YEAR).contains(&year));
            }
            Err(_) => prop_assert!(expected.is_none(), "{} refused", text),
        }
    }
}

/// Every day of the range, walked one by one beside the reference: a slip at a century or
/// an era boundary touches only a few days, which sampling would rarely draw.
#[test]
fn every_day_of_the_range_agrees_with_the_reference() {
    let mut expected = epoch();
    for days in 0..=max_days() {
        let got = Date::from_days(days).unwrap();
        assert_eq!(reference(got), expected, "day {days}");
        assert_eq!(got.to_days(), days);
        expected = expected.succ_opt().unwrap();
    }
    assert_eq!(Date::from_days(max_days() + 1), None);
}

#[test]
fn leap_years_follow_the_gregorian_rule() {
    // Divisible by 400: leap. By 100 but not 400: not. By 4: leap.
    assert!(Date::new(2000, 2, 29).is_some());
    assert!(Date::new(2100, 2, 29).is_none());
    assert!(Date::new(2024, 2, 29).is_some());
    assert!(Date::new(2026, 2, 29).is_none());
    assert_eq!(date(2000, 2, 28).add_days(1), Some(date(2000, 2, 29)));
    assert_eq!(date(2100, 2, 28).add_days(1), Some(date(2100, 3, 1)));
    assert_eq!(date(2024, 12, 31).to_days() - date(2024, 1, 1).to_days(), 365);
    assert_eq!(date(2100, 12, 31).to_days() - date(2100, 1, 1).to_days(), 364);
}

#[test]
fn months_end_where_they_should() {
    assert_eq!(date(2026, 8, 31).add_months(6), Some(date(2027, 2, 28)));
    assert_eq!(date(2023, 8, 31).add_months(6), Some(date(2024, 2, 29)));
    assert_eq!(date(2026, 1, 31).add_months(1), Some(date(2026, 2, 28)));
    assert_eq!(date(2026, 3, 31).add_months(1), Some(date(2026, 4, 30)));
    assert_eq!(date(2024, 2, 29).add_months(12), Some(date(2025, 2, 28)));
    assert_eq!(date(2026, 12, 4).add_months(6), Some(date(2027, 6, 4)));
    assert_eq!(date(2026, 12, 31).add_months(-12), Some(date(2025, 12, 31)));
    assert_eq!(date(2026, 12, 31).add_days(1), Some(date(2027, 1, 1)));
    assert_eq!(date(2026, 4, 30).add_days(1), Some(date(2026, 5, 1)));
    for (month, days) in (1..=12).zip([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]) {
        assert!(Date::new(2026, month, days).is_some());
        assert!(Date::new(2026, month, days + 1).is_none(), "{month}");
    }
}

#[test]
fn nothing_leaves_the_range() {
    let first = date(1970, 1, 1);
    let last = date(9999, 12, 31);
    assert_eq!(first.to_days(), 0);
    assert_eq!(first.add_days(-1), None);
    assert_eq!(last.add_days(1), None);
    assert_eq!(last.add_months(1), None);
    assert_eq!(first.add_months(-1), None);
    assert_eq!(first.add_days(i64::MAX), None);
    assert_eq!(last.add_days(i64::MIN), None);
    assert_eq!(first.add_months(i32::MAX), None);
    assert_eq!(last.add_months(i32::MIN), None);
    assert_eq!(first.days_until(last), 2_932_896);
    assert_eq!(Date::new(1969, 12, 31), None);
    assert_eq!(Date::new(10_000, 1, 1), None);
    assert_eq!(Date::new(i32::MIN, 1, 1), None);
    assert_eq!(Date::from_days(i64::MIN), None);
}

/// The sign of the offset is "minutes east of UTC": the negation of `getTimezoneOffset()`.
#[test]
fn the_local_date_uses_minutes_east_of_utc() {
    // 2026-12-04T23:30:00Z
    let late = 1_796_427_000_000.0;
    assert_eq!(Date::from_unix_ms(late, 0), Some(date(2026, 12, 4)));
    assert_eq!(Date::from_unix_ms(late, 60), Some(date(2026, 12, 5)), "Paris, already the 5th");
    assert_eq!(Date::from_unix_ms(late, -300), Some(date(2026, 12, 4)), "New York");
    assert_eq!(Date::from_unix_ms(late - 22.0 * 3_600_000.0, -300), Some(date(2026, 12, 3)));
    assert_eq!(Date::from_unix_ms(late, 14 * 60), Some(date(2026, 12, 5)), "Kiribati");
    // Half a millisecond before local midnight is still the day before.
    assert_eq!(Date::from_unix_ms(86_399_999.5, 0), Some(date(1970, 1, 1)));
    assert_eq!(Date::from_unix_ms(86_400_000.0, 0), Some(date(1970, 1, 2)));
    // Before the epoch in UTC but after it locally, and the other way round.
    assert_eq!(Date::from_unix_ms(-1.0, 60), Some(date(1970, 1, 1)));
    assert_eq!(Date::from_unix_ms(1.0, -60), None);
    assert_eq!(Date::from_unix_ms(-1.0, 0), None);
}

#[test]
fn an_instant_that_is_no_date_is_refused() {
    for ms in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN, 1e300, 253_402_300_800_000.0] {
        assert_eq!(Date::from_unix_ms(ms, 0), None, "{ms}");
    }
    assert_eq!(Date::from_unix_ms(253_402_300_799_999.0, 0), Some(date(9999, 12, 31)));
    assert_eq!(Date::from_unix_ms(253_402_300_799_999.0, 1), None);
    assert_eq!(Date::from_unix_ms(0.0, i32::MIN), None);
    assert_eq!(Date::from_unix_ms(0.0, i32::MAX), Date::from_days(i64::from(i32::MAX) / 1440));
}

#[test]
fn the_words_and_the_calendar_form() {
    assert_eq!(in_words(date(2026, 12, 4)), "4 Dec 2026");
    assert_eq!(in_words(date(2027, 6, 4)), "4 Jun 2027");
    assert_eq!(in_words(date(1970, 1, 1)), "1 Jan 1970");
    assert_eq!(in_words(date(9999, 12, 31)), "31 Dec 9999");
    assert_eq!(date(2026, 12, 4).ics_date(), "20261204");
    assert_eq!(date(2027, 1, 9).to_iso(), "2027-01-09");
}

#[test]
fn parse_iso_reads_the_date_input_and_refuses_the_rest() {
    use DateError::*;
    assert_eq!(Date::parse_iso("2026-12-04"), Ok(date(2026, 12, 4)));
    assert_eq!(Date::parse_iso("2024-02-29"), Ok(date(2024, 2, 29)));
    assert_eq!(Date::parse_iso("1970-01-01"), Ok(date(1970, 1, 1)));
    assert_eq!(Date::parse_iso("9999-12-31"), Ok(date(9999, 12, 31)));
    let cases = [
        ("", Empty),
        ("   ", Empty),
        ("2026-02-30", NoSuchDay { year: 2026, month: 2, day: 30 }),
        ("2100-02-29", NoSuchDay { year: 2100, month: 2, day: 29 }),
        ("2026-13-01", NoSuchDay { year: 2026, month: 13, day: 1 }),
        ("2026-00-10", NoSuchDay { year: 2026, month: 0, day: 10 }),
        ("2026-04-00", NoSuchDay { year: 2026, month: 4, day: 0 }),
        ("1969-12-31", OutOfRange { year: 1969 }),
        ("0000-01-01", OutOfRange { year: 0 }),
        ("10000-01-01", OutOfRange { year: 10_000 }),
        ("275760-09-13", OutOfRange { year: 275_760 }),
        ("99999999999999999999-01-01", OutOfRange { year: i32::MAX }),
        ("26-1-1", Malformed),
        ("2026-1-01", Malformed),
        ("2026-01-1", Malformed),
        ("+2026-01-01", Malformed),
        ("-2026-01-01", Malformed),
        ("02026-01-01", Malformed),
        (" 2026-01-01", Malformed),
        ("2026-01-01 ", Malformed),
        ("2026-01-01\n", Malformed),
        ("2026-01-01T00:00", Malformed),
        ("2026/01/01", Malformed),
        ("20260101", Malformed),
        ("2026-01", Malformed),
        ("2026-01-01-01", Malformed),
        ("2026--01", Malformed),
        ("２０２６-01-01", Malformed),
        ("2026-0a-01", Malformed),
        ("2026-+1-01", Malformed),
    ];
    for (text, expected) in cases {
        assert_eq!(Date::parse_iso(text), Err(expected), "{text:?}");
    }
}
