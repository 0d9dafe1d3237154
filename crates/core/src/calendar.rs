//! The revisit date as a calendar file: one all-day event in iCalendar form (RFC 5545),
//! which the common calendar programs import.
//!
//! What the format asks for, and why it is done here by hand (a few string functions, no
//! crate in the WASM):
//!
//! - **An all-day event ends the next day.** `DTEND` is exclusive (§3.6.1, §3.8.2.2): a
//!   one-day event on 4 June has `DTSTART;VALUE=DATE:20270604` and
//!   `DTEND;VALUE=DATE:20270605`. Writing the same day twice makes an event of no length,
//!   which some programs hide or drop. On 9999-12-31 (no next day in range) `DURATION:P1D`
//!   says the same thing.
//! - **TEXT values are escaped** (§3.3.11): backslash, semicolon and comma get a backslash,
//!   a line break of any kind becomes `\n`. TEXT allows no other control character but the
//!   tab: a tab becomes a space (calendar programs show it unevenly), the rest are dropped,
//!   so a name or reason pasted with them still gives a valid file. Markup stays as it is:
//!   a calendar shows text, and the escaping keeps it from starting a property of its own.
//! - **Lines are folded at 75 octets** (§3.1), not 75 characters: the limit is on bytes of
//!   UTF-8, and a fold (CRLF and one space) never falls inside a character, so accented text
//!   and emoji survive readers that unfold byte-wise.
//! - **A stable UID per decision** ([`uid`]): downloading the file again for the same
//!   decision updates the same event instead of adding a second one.
//!
//! `DTSTAMP` is the moment the file was made, in UTC, computed with [`crate::dates`].

use crate::dates::Date;

/// The one event of a calendar file. The app composes the words (summary, description);
/// this module only writes them in the format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalendarEvent<'a> {
    /// The event's identity, kept across downloads (see [`uid`]).
    pub uid: &'a str,
    /// When the file is made, milliseconds since 1970-01-01T00:00:00Z (`Date.now()`). A
    /// non-finite or out-of-range value writes 1970-01-01T00:00:00Z rather than failing.
    pub stamp_utc_ms: f64,
    /// The day of the all-day event.
    pub date: Date,
    pub summary: &'a str,
    pub description: &'a str,
    /// A link to reopen the decision, written as a URI (not TEXT-escaped).
    pub url: Option<&'a str>,
}

/// The longest a physical line may be, in octets, without its CRLF (§3.1).
const MAX_LINE_OCTETS: usize = 75;

/// A stable UID for the decision recorded on `card_id` at `decided_at_ms`:
/// `<card-id>-<decided-at-ms>@decision-cards`. The same decision always gives the same UID;
/// two decisions on one card differ by their moment. A non-finite moment counts as 0, and
/// the milliseconds are written as a whole number (no float formatting in the WASM).
pub fn uid(card_id: &str, decided_at_ms: f64) -> String {
    // `as` saturates a finite value too large for i64 rather than wrapping it.
    let ms = if decided_at_ms.is_finite() { decided_at_ms.trunc() as i64 } else { 0 };
    format!("{card_id}-{ms}@decision-cards")
}

/// The calendar file for `event`: CRLF line ends, TEXT escaped, lines folded at 75 octets.
pub fn to_ics(event: &CalendarEvent) -> String {
    let mut out = String::with_capacity(512 + event.summary.len() + event.description.len());
    let mut line = |name: &str, value: &str| push_folded(&mut out, name, value);
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//Decision Cards//Decision Cards//EN");
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line("BEGIN", "VEVENT");
    line("UID", &escape_text(event.uid));
    line("DTSTAMP", &utc_stamp(event.stamp_utc_ms));
    line("DTSTART;VALUE=DATE", &event.date.ics_date());
    match event.date.add_days(1) {
        Some(next) => line("DTEND;VALUE=DATE", &next.ics_date()),
        None => line("DURATION", "P1D"),
    }
    line("SUMMARY", &escape_text(event.summary));
    line("DESCRIPTION", &escape_text(event.description));
    if let Some(url) = event.url {
        line("URL", &clean_uri(url));
    }
    line("TRANSP", "TRANSPARENT");
    line("END", "VEVENT");
    line("END", "VCALENDAR");
    out
}

/// `ms` as a UTC date-time in the form `YYYYMMDDTHHMMSSZ` (§3.3.5, form #2), or the epoch
/// when `ms` is not a moment between 1970 and 9999.
fn utc_stamp(ms: f64) -> String {
    const MS_PER_DAY: f64 = 86_400_000.0;
    let days = (ms / MS_PER_DAY).floor();
    let (date, ms_of_day) = match Date::from_unix_ms(ms, 0) {
        // Whole milliseconds of the day, clamped so rounding never gives second 86 400.
        Some(date) => (date, ((ms - days * MS_PER_DAY) as u32).min(86_399_999)),
        None => (Date::MIN, 0),
    };
    let seconds = ms_of_day / 1000;
    format!("{}T{:02}{:02}{:02}Z", date.ics_date(), seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// `text` as an iCalendar TEXT value (§3.3.11).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF is one line break, as is a lone CR.
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(' '),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `uri` with what may not appear in a URI value removed: control characters would break
/// the line structure, a space is percent-encoded. Nothing else is touched (a URI is not
/// TEXT: a comma in it stays a comma).
fn clean_uri(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        match c {
            ' ' => out.push_str("%20"),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends the content line `name:value` to `out`, folded so that no physical line is longer
/// than [`MAX_LINE_OCTETS`]: each continuation starts with one space, which counts towards
/// its 75 octets, and folds fall only between characters.
fn push_folded(out: &mut String, name: &str, value: &str) {
    let logical = format!("{name}:{value}");
    let mut rest = logical.as_str();
    let mut room = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // Checked, though `cut` is a boundary by now: it keeps the slicing panic (and its
        // formatting code) out of the WASM.
        let (head, tail) = rest.split_at_checked(cut).unwrap_or((rest, ""));
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        room = MAX_LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_each_special_character_and_every_kind_of_line_break() {
        assert_eq!(escape_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
        assert_eq!(escape_text("1\n2\r\n3\r4\n\r5"), "1\\n2\\n3\\n4\\n\\n5");
        assert_eq!(escape_text("t\tab\u{0}\u{7}\u{1b}\u{7f}end"), "t abend");
        assert_eq!(escape_text("<b>\"x\": é 🎉</b>"), "<b>\"x\": é 🎉</b>");
    }

    #[test]
    fn a_stamp_outside_the_range_is_the_epoch() {
        for ms in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 1e300] {
            assert_eq!(utc_stamp(ms), "19700101T000000Z", "{ms}");
        }
        assert_eq!(utc_stamp(0.0), "19700101T000000Z");
        assert_eq!(utc_stamp(86_399_999.9), "19700101T235959Z");
        // 2026-12-04T22:08:51.500Z
        assert_eq!(utc_stamp(1_796_422_131_500.0), "20261204T220851Z");
    }

    #[test]
    fn a_uid_has_no_float_in_it() {
        assert_eq!(uid("model-api", 1_796_422_131_500.0), "model-api-1796422131500@decision-cards");
        assert_eq!(uid("c", 12.75), "c-12@decision-cards");
        assert_eq!(uid("c", f64::NAN), "c-0@decision-cards");
        assert_eq!(uid("c", f64::INFINITY), "c-0@decision-cards");
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        push_folded(&mut out, "X", &"é".repeat(80));
        let lines: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        // "X:" and 36 two-octet letters make 74 octets; a 37th would make 76.
        assert_eq!(lines[0].len(), 74);
        assert!(lines.iter().all(|l| l.len() <= MAX_LINE_OCTETS));
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String =
            lines.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
        assert_eq!(unfolded, format!("X:{}", "é".repeat(80)));
    }
}
