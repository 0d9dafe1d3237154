//! The calendar file read back by an independent iCalendar parser (`icalendar`, here only):
//! every property comes back as written, whatever the text (commas, semicolons, backslashes,
//! line breaks, markup, emoji, control characters); every physical line is at most 75 octets
//! and unfolds to the logical line; and one small event compared byte for byte.

use chrono::{DateTime, NaiveDate, Utc};
use decision_core::calendar::{to_ics, uid, CalendarEvent};
use decision_core::dates::Date;
use icalendar::parser::{read_calendar, unfold};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, Event};
use proptest::prelude::*;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn naive(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 2026-12-04T22:08:51.500Z
const STAMP: f64 = 1_796_422_131_500.0;

/// The file's one event, as the independent parser reads it.
fn parse_event(ics: &str) -> Event {
    let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}\n{ics}"));
    let events: Vec<&Event> = calendar
        .components
        .iter()
        .filter_map(|c| if let CalendarComponent::Event(e) = c { Some(e) } else { None })
        .collect();
    assert_eq!(events.len(), 1, "{ics}");
    events[0].clone()
}

/// What a text should read as after the round trip: line breaks of any kind are one `\n`, a
/// tab is a space, other control characters are gone.
fn as_kept(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ")
        .chars()
        .filter(|c| *c == '\n' || !c.is_ascii_control())
        .collect()
}

/// The physical lines of `ics`, checked to end in CRLF with no other CR or LF.
fn physical_lines(ics: &str) -> Vec<&str> {
    let body = ics.strip_suffix("\r\n").expect("the file ends with CRLF");
    let lines: Vec<&str> = body.split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
    }
    lines
}

/// The logical lines of `ics`: each continuation (a physical line starting with one space)
/// joined to the line before, without that space.
fn logical_lines(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in physical_lines(ics) {
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a file does not start with a continuation").push_str(rest),
            None => lines.push(line.to_owned()),
        }
    }
    lines
}

const TRICKY: &str = "Model API, not self-hosted; costs \\ risks\n\"quoted\" <script>alert(1)</script> \
                      & <b>bold</b>\r\nRésumé naïve café – 日本語 🎉👩🏽‍💻\rend\ttab\u{0}\u{7}\u{1b}\u{7f}.";

#[test]
fn every_property_comes_back_through_an_independent_parser() {
    let reopen =
        "https://example.org/cards/model-api-vs-self-hosted.html#a=v1.eyJmIjp7ImNvc3Qi,Ojt9fQ;x=1&y=%20";
    let event = CalendarEvent {
        uid: &uid("model-api-vs-self-hosted", 1_796_422_131_500.0),
        stamp_utc_ms: STAMP,
        date: date(2027, 6, 4),
        summary: TRICKY,
        description: &format!(
            "{TRICKY}\n\n{}",
            "Re-look when: cost profile changes; privacy, tightens. ".repeat(12)
        ),
        url: Some(reopen),
    };
    let ics = to_ics(&event);
    let parsed = parse_event(&ics);
    assert_eq!(parsed.get_uid(), Some("model-api-vs-self-hosted-1796422131500@decision-cards"));
    assert_eq!(parsed.get_summary(), Some(as_kept(TRICKY).as_str()));
    assert_eq!(
        as_kept(TRICKY),
        "Model API, not self-hosted; costs \\ risks\n\"quoted\" <script>alert(1)</script> & <b>bold</b>\n\
         Résumé naïve café – 日本語 🎉👩🏽‍💻\nend tab.",
        "what is kept of the text"
    );
    assert_eq!(parsed.get_description(), Some(as_kept(event.description).as_str()));
    assert_eq!(parsed.get_url(), Some(reopen), "a URI is not TEXT-escaped");
    assert_eq!(parsed.get_start(), Some(DatePerhapsTime::Date(naive(2027, 6, 4))));
    assert_eq!(parsed.get_end(), Some(DatePerhapsTime::Date(naive(2027, 6, 5))), "DTEND is the next day");
    let stamp: DateTime<Utc> = "2026-12-04T22:08:51Z".parse().unwrap();
    assert_eq!(parsed.get_timestamp(), Some(stamp));
    assert_eq!(parsed.property_value("TRANSP"), Some("TRANSPARENT"));

    // The calendar's own properties and the order of everything, read without the typed layer.
    let unfolded = unfold(&ics);
    let raw = read_calendar(&unfolded).unwrap();
    let props: Vec<(&str, &str)> = raw.properties.iter().map(|p| (p.name.as_str(), p.val.as_str())).collect();
    assert_eq!(
        props,
        [
            ("VERSION", "2.0"),
            ("PRODID", "-//Decision Cards//Decision Cards//EN"),
            ("CALSCALE", "GREGORIAN"),
            ("METHOD", "PUBLISH")
        ]
    );
    assert_eq!(raw.components.len(), 1);
    let names: Vec<&str> = raw.components[0].properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "TRANSP"]);
    for p in &raw.components[0].properties[2..4] {
        let params: Vec<(&str, Option<&str>)> =
            p.params.iter().map(|q| (q.key.as_str(), q.val.as_ref().map(|v| v.as_str()))).collect();
        assert_eq!(params, [("VALUE", Some("DATE"))], "{}", p.name.as_str());
    }
}

#[test]
fn a_small_event_byte_for_byte() {
    let ics = to_ics(&CalendarEvent {
        uid: "c-1@decision-cards",
        stamp_utc_ms: STAMP,
        date: date(2027, 2, 28),
        summary: "Revisit: Model API vs self-hosted",
        description: "Chosen: Model API.\nRe-look when: costs change, privacy tightens; a\\b.",
        url: Some("https://example.org/c.html#a=x"),
    });
    let expected = "BEGIN:VCALENDAR\r\n\
                    VERSION:2.0\r\n\
                    PRODID:-//Decision Cards//Decision Cards//EN\r\n\
                    CALSCALE:GREGORIAN\r\n\
                    METHOD:PUBLISH\r\n\
                    BEGIN:VEVENT\r\n\
                    UID:c-1@decision-cards\r\n\
                    DTSTAMP:20261204T220851Z\r\n\
                    DTSTART;VALUE=DATE:20270228\r\n\
                    DTEND;VALUE=DATE:20270301\r\n\
                    SUMMARY:Revisit: Model API vs self-hosted\r\n\
                    DESCRIPTION:Chosen: Model API.\\nRe-look when: costs change\\, privacy tighte\r\n \
                    ns\\; a\\\\b.\r\n\
                    URL:https://example.org/c.html#a=x\r\n\
                    TRANSP:TRANSPARENT\r\n\
                    END:VEVENT\r\n\
                    END:VCALENDAR\r\n";
    assert_eq!(ics, expected);
    assert_eq!(physical_lines(&ics)[11].len(), 75, "the folded line is exactly 75 octets");
}

#[test]
fn the_last_day_of_the_range_lasts_one_day_without_a_next_day() {
    let ics = to_ics(&CalendarEvent {
        uid: "u",
        stamp_utc_ms: STAMP,
        date: date(9999, 12, 31),
        summary: "s",
        description: "",
        url: None,
    });
    let lines = logical_lines(&ics);
    assert!(lines.contains(&"DTSTART;VALUE=DATE:99991231".to_owned()));
    assert!(lines.contains(&"DURATION:P1D".to_owned()));
    assert!(!lines.iter().any(|l| l.starts_with("DTEND") || l.starts_with("URL")), "{lines:?}");
    let parsed = parse_event(&ics);
    assert_eq!(parsed.get_start(), Some(DatePerhapsTime::Date(naive(9999, 12, 31))));
    assert_eq!(parsed.get_description(), Some(""));
}

#[test]
fn a_url_cannot_break_the_line_structure() {
    let ics = to_ics(&CalendarEvent {
        uid: "u\r\nX-INJECTED:1",
        stamp_utc_ms: STAMP,
        date: date(2027, 1, 1),
        summary: "s\nEND:VEVENT",
        description: "d",
        url: Some("https://example.org/a b\r\nX-INJECTED:1"),
    });
    let lines = logical_lines(&ics);
    assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 1);
    assert!(lines.iter().all(|l| !l.starts_with("X-INJECTED")), "{lines:?}");
    let parsed = parse_event(&ics);
    assert_eq!(parsed.get_url(), Some("https://example.org/a%20bX-INJECTED:1"));
    assert_eq!(parsed.get_uid(), Some("u\nX-INJECTED:1"));
    assert_eq!(parsed.get_summary(), Some("s\nEND:VEVENT"));
}

#[test]
fn the_uid_is_stable_per_decision() {
    assert_eq!(uid("card", 1_796_422_131_500.0), uid("card", 1_796_422_131_500.0));
    assert_ne!(uid("card", 1_796_422_131_500.0), uid("card", 1_796_422_131_501.0));
    assert_ne!(uid("card", 1_796_422_131_500.0), uid("other", 1_796_422_131_500.0));
}

/// Any text, including every control character and long runs of multi-byte characters.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zé,;\\\\\r\n\t\u{0}-\u{1f}\u{7f} 日🎉👩🏽‍💻\"<>:]{0,300}", "[é日🎉]{60,200}",]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_text_round_trips_and_every_line_fits(
        summary in any_text(),
        description in any_text(),
        url in proptest::option::of("https://[a-z.]{1,20}/[a-zA-Z0-9#=.,;%&é/-]{0,200}"),
        days in 0i64..2_932_896,
        stamp in any::<f64>(),
    ) {
        let event = CalendarEvent {
            uid: &uid("card-id", stamp),
            stamp_utc_ms: stamp,
            date: Date::from_days(days).unwrap(),
            summary: &summary,
            description: &description,
            url: url.as_deref(),
        };
        let ics = to_ics(&event);

        // Folding: at most 75 octets a line, valid UTF-8 on every line on its own, and a
        // fold only where the next character would not have fitted.
        let physical = physical_lines(&ics);
        for (i, line) in physical.iter().enumerate() {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(std::str::from_utf8(line.as_bytes()).is_ok());
            if let Some(next) = physical.get(i + 1).and_then(|n| n.strip_prefix(' ')) {
                let first = next.chars().next().map_or(0, char::len_utf8);
                prop_assert!(line.len() + first > 75, "folded early: {:?}", line);
            }
        }
        prop_assert!(ics.split("\r\n").all(|l| std::str::from_utf8(l.as_bytes()).is_ok()));
        let logical = logical_lines(&ics);
        prop_assert_eq!(logical.iter().filter(|l| l.starts_with("SUMMARY:")).count(), 1);
        prop_assert_eq!(logical.len(), 15 + usize::from(url.is_some()));

        // And the independent parser, which unfolds and unescapes on its own, reads it all back.
        let parsed = parse_event(&ics);
        prop_assert_eq!(parsed.get_summary().map(str::to_owned), Some(as_kept(&summary)));
        prop_assert_eq!(parsed.get_description().map(str::to_owned), Some(as_kept(&description)));
        prop_assert_eq!(parsed.get_url(), url.as_deref());
        prop_assert_eq!(parsed.get_start(), Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::TimeDelta::days(days)
        )));
        let in_range = stamp.is_finite() && (0.0..253_402_300_800_000.0).contains(&stamp);
        let expected_stamp = if in_range {
            DateTime::from_timestamp((stamp / 1000.0).floor() as i64, 0).unwrap()
        } else {
            DateTime::UNIX_EPOCH
        };
        prop_assert_eq!(parsed.get_timestamp(), Some(expected_stamp));
    }
}
