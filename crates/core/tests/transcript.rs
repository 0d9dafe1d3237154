//! Pasting a whole meeting chat into the workshop: links found anywhere, names taken from
//! each chat app's copy format and never from the chatter around a link, and every line
//! that needs a look reported with its number.

mod common;

use decision_core::answers::Answers;
use decision_core::card::Card;
use decision_core::share::{encode_link, ShareError};
use decision_core::transcript::scan;
use decision_core::workshop::{self, AddOutcome, Report, Source, Workshop};
use proptest::prelude::*;

const CARD: &str = "model-api-vs-self-hosted";

fn card() -> &'static Card {
    common::content_card(CARD)
}

/// A share link as the card page makes it, for answers that differ by `n`.
fn link(n: usize) -> String {
    let mut a = common::answers(&[("privacy", (n % 5) as i8 - 2), ("latency", ((n / 5) % 5) as i8 - 2)], &[]);
    a.notes.insert("data-sensitivity".into(), format!("answer {n}"));
    format!("https://wiki.example/decisions/{CARD}.html#{}", encode_link(card(), &a, None, None))
}

fn names(text: &str) -> Vec<Option<String>> {
    scan(text).links.into_iter().map(|f| f.name).collect()
}

fn some(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some((*n).to_string())).collect()
}

#[test]
fn the_chat_line_of_the_report_gives_the_name_without_the_chatter() {
    let text = format!("[10:02] Participant 3: here is mine {} thanks", link(1));
    assert_eq!(names(&text), some(&["Participant 3"]));
}

#[test]
fn names_come_from_every_common_chat_copy_format() {
    let (a, b, c) = (link(1), link(2), link(3));
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        ("name prefix", format!("Ana: {a}\nBo Chen: mine is {b}\nCy - {c}"), vec!["Ana", "Bo Chen", "Cy"]),
        ("timestamps", format!("10:02 Ana: {a}\n10:03 AM Bo: {b}\n[10:04] Cy: {c}"), vec!["Ana", "Bo", "Cy"]),
        (
            "From … to Everyone",
            format!(
                "10:02:11 From Ana Lima to Everyone: {a}\nFrom Bo to Everyone: here {b} ok?\n\
                 10:04:40 From Cy Diaz to Me (Direct Message):\n\t{c}"
            ),
            vec!["Ana Lima", "Bo", "Cy Diaz"],
        ),
        (
            "name, then a time, then the message",
            format!("Ana Lima\n10:02 AM\nhere is mine {a}\n\nBo Chen\n10:03 AM\n{b}\nand a second thought\n"),
            vec!["Ana Lima", "Bo Chen"],
        ),
        (
            "name and time on one line",
            format!("Ana Lima  10:02 AM\nhere {a}\n[10:03 AM] Bo Chen\n{b} thanks all"),
            vec!["Ana Lima", "Bo Chen"],
        ),
        (
            "messaging apps",
            format!("[02/12/2026, 10:02:33] Ana: {a}\n02/12/2026, 10:03 - Bo: {b}"),
            vec!["Ana", "Bo"],
        ),
        ("a list of names and links", format!("Ana Lima {a}\n  Bo   {b}  \r\n"), vec!["Ana Lima", "Bo"]),
    ];
    for (format, text, expected) in cases {
        assert_eq!(names(&text), some(&expected), "{format}:\n{text}");
    }
}

#[test]
fn a_link_without_a_sender_gets_no_name_rather_than_chatter() {
    let (a, b) = (link(1), link(2));
    let text = format!(
        "here is mine {a} thanks\n10:05 {b} is mine\n{a}\nsee https://x/#{}",
        &b[b.find('#').unwrap() + 1..]
    );
    assert_eq!(names(&text), vec![None, None, None, None]);
}

#[test]
fn several_links_on_a_line_take_only_the_name_right_before_each() {
    let (a, b, c) = (link(1), link(2), link(3));
    let text = format!("[10:02] Ana: {a} Bo: {b} {c}");
    assert_eq!(names(&text), vec![Some("Ana".into()), Some("Bo".into()), None]);
}

#[test]
fn a_whole_transcript_reports_each_link_and_counts_the_chat() {
    let mut w = Workshop::new(card());
    let (a, b) = (link(1), link(2));
    let other_card = a.replace(CARD, "rent-vs-build");
    let damaged = &a[..a.len() - 6];
    let text = format!(
        "[10:00] Host: welcome all\n[10:01] Ana: {a}\n[10:01] Bo: {b}\n[10:02] Ana: {a}\n\
         [10:02] Cy: {other_card}\n[10:03] Dee: {damaged}\n[10:04] Eve: agenda at https://wiki.example/agenda\n\
         [10:05] Host: thanks"
    );
    let pasted = w.add_pasted(card(), &text);
    let line = |n| Some(Source::Line(n));
    let lines: Vec<(Option<Source>, Option<AddOutcome>)> =
        pasted.reports.into_iter().map(|Report { source, outcome }| (source, outcome)).collect();
    assert_eq!(
        lines,
        vec![
            (line(2), Some(AddOutcome::Added { who: "Ana".into() })),
            (line(3), Some(AddOutcome::Added { who: "Bo".into() })),
            (line(4), Some(AddOutcome::Duplicate { who: "Ana".into() })),
            (line(5), Some(AddOutcome::Refused(ShareError::OtherCard { card: "rent-vs-build".into() }))),
            (line(6), Some(AddOutcome::Refused(ShareError::Incomplete))),
            (line(7), Some(AddOutcome::NotALink)),
            (None, Some(AddOutcome::Chatter { lines: 2 })),
        ]
    );
    // What needs a look stays in the box, once per line; the chat goes.
    assert_eq!(pasted.kept.lines().count(), 3);
    assert!(pasted.kept.starts_with("[10:02] Cy:"));
    assert_eq!(w.participants.len(), 2);
}

#[test]
fn ten_thousand_lines_of_chat_with_a_thousand_links() {
    let mut text = String::new();
    for i in 0..10_000 {
        if i % 10 == 3 {
            text.push_str(&format!(
                "[{:02}:{:02}] Person {i}: mine {} cheers\n",
                i / 600,
                (i / 10) % 60,
                link(i)
            ));
        } else {
            text.push_str(&format!(
                "[{:02}:{:02}] Person {i}: a remark about the question\n",
                i / 600,
                (i / 10) % 60
            ));
        }
    }
    let mut w = Workshop::new(card());
    let pasted = w.add_pasted(card(), &text);
    assert_eq!(w.participants.len(), 1_000);
    assert_eq!(w.label(0), "Person 3");
    assert_eq!(
        pasted.reports.last().and_then(|r| r.outcome.clone()),
        Some(AddOutcome::Chatter { lines: 9_000 })
    );
    assert!(pasted.kept.is_empty());
    let summary = workshop::summarize(card(), &w.participants);
    assert_eq!(summary.participants, 1_000);
    assert_eq!(summary.factors[0].counts.iter().sum::<usize>(), 1_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever surrounds them, every link is found once, on its line, and no name ever
    /// holds a link or runs past the name limit.
    #[test]
    fn every_link_is_found_and_no_name_holds_one(
        lines in prop::collection::vec(
            (prop::option::of(0usize..25), "[ -~]{0,40}", "[ -~]{0,20}"),
            1..40,
        )
    ) {
        // The text around the links holds no "a=" of its own, also where removing one or
        // joining two pieces would make one ("aa==", "a" then "=").
        let no_link = |text: String| {
            let mut text = text;
            while text.contains("a=") {
                text = text.replace("a=", "");
            }
            text
        };
        let mut text = String::new();
        let mut expected = Vec::new();
        for (i, (n, before, after)) in lines.iter().enumerate() {
            let (before, after) = (no_link(before.clone()), no_link(after.clone()));
            match n {
                Some(n) => {
                    text.push_str(&format!("{before} {} {after}\n", link(*n)));
                    expected.push(i + 1);
                }
                None => text.push_str(&no_link(format!("{before}{after}\n"))),
            }
        }
        let found = scan(&text).links;
        prop_assert_eq!(found.iter().map(|f| f.line).collect::<Vec<_>>(), expected);
        for f in &found {
            prop_assert!(decision_core::share::decode_link(f.link, card()).is_ok(), "{}", f.link);
            if let Some(name) = &f.name {
                prop_assert!(!name.contains("#a=") && name.chars().count() <= decision_core::share::MAX_NAME_CHARS);
            }
        }
    }
}

#[test]
fn empty_answers_make_a_link_too() {
    let text = format!("Ana: https://x/#{}", encode_link(card(), &Answers::default(), None, None));
    assert_eq!(names(&text), some(&["Ana"]));
}
