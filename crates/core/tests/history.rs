//! Decisions over time: recording a decision from a draft (and refusing a draft that cannot
//! be one), the history in stored progress (round trips, older progress, entries kept aside),
//! what changed since a decision, and when a revisit is due.

use decision_core::answers::*;
use decision_core::card::*;
use decision_core::dates::Date;
use decision_core::engine::evaluate;
use decision_core::envelope::{self, decode, decode_detailed, encode, Envelope, MAX_BYTES};
use decision_core::history::compare::{compare, due};
use decision_core::history::{self, words, Decision, Draft, DraftError, History};
use proptest::prelude::*;

mod common;
use common::{seed_card, SEED_ID};

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The seed card's answers with Privacy pointing clearly to self-hosting.
fn privacy_answers() -> Answers {
    let mut a = Answers::default();
    a.apply(Edit::Position { factor: "privacy".into(), position: 2 });
    a
}

fn draft_for(card: &Card, answers: &Answers, today: Date) -> Draft {
    history::draft(card, &evaluate(card, answers), today)
}

fn decide(card: &Card, answers: &Answers, draft: &Draft, at: f64) -> Result<Decision, DraftError> {
    history::decide(card, answers, &evaluate(card, answers), draft, at)
}

fn recorded(answers: &Answers, on: Date, at: f64) -> Decision {
    let card = seed_card();
    decide(card, answers, &draft_for(card, answers, on), at).unwrap()
}

#[test]
fn a_draft_starts_with_the_verdicts_option_today_and_six_months_later() {
    let card = seed_card();
    let d = draft_for(card, &Answers::default(), day(2026, 12, 4));
    assert_eq!(d.chosen, evaluate(card, &Answers::default()).recommends);
    assert_eq!((d.decided_on.as_str(), d.revisit_by.as_str()), ("2026-12-04", "2027-06-04"));
    // The last day of August plus six months is the last day of February.
    let d = draft_for(card, &Answers::default(), day(2027, 8, 31));
    assert_eq!(d.revisit_by, "2028-02-29");
}

#[test]
fn a_cards_own_revisit_period_sets_the_default() {
    let mut card = seed_card().clone();
    for (text, expected) in [("1 year", "2027-12-04"), ("90 days", "2027-03-04"), ("6 weeks", "2027-01-15")] {
        card.reversibility.revisit_after = Some(Period::parse(text).unwrap());
        assert_eq!(history::default_revisit(&card, day(2026, 12, 4)).to_iso(), expected, "{text}");
    }
}

#[test]
fn periods_read_and_write_back_and_nonsense_is_refused() {
    for text in ["1 day", "90 days", "6 weeks", "1 month", "6 months", "1 year", "10 years"] {
        assert_eq!(String::from(Period::parse(text).unwrap()), text);
    }
    for bad in ["", "six months", "6", "6 fortnights", "0 days", "11 years", "-1 months", "6 months later"] {
        let err = Period::parse(bad).unwrap_err().to_string();
        assert!(err.contains(bad), "{err}");
    }
}

#[test]
fn choosing_against_the_verdict_needs_a_reason_which_the_record_keeps() {
    let card = seed_card();
    let answers = privacy_answers();
    let mut draft = draft_for(card, &answers, day(2026, 12, 4));
    draft.chosen = draft.chosen.other();
    assert_eq!(decide(card, &answers, &draft, 1.0), Err(DraftError::ReasonMissing));
    draft.reason = "  the platform team\nis   hiring \u{7}next quarter ".into();
    let d = decide(card, &answers, &draft, 1.0).unwrap();
    assert!(d.against_verdict());
    assert_eq!(d.reason, "the platform team is   hiring  next quarter");
    assert_eq!(
        words::against(&d).unwrap(),
        "Chosen against the verdict because the platform team is   hiring  next quarter"
    );
    // With the verdict, a reason typed and then left is not kept.
    draft.chosen = draft.chosen.other();
    assert_eq!(decide(card, &answers, &draft, 1.0).unwrap().reason, "");
}

#[test]
fn dates_that_cannot_be_a_decisions_are_refused_with_the_field_named() {
    let card = seed_card();
    let answers = Answers::default();
    let base = draft_for(card, &answers, day(2026, 12, 4));
    let with = |decided: &str, revisit: &str| {
        let draft = Draft { decided_on: decided.into(), revisit_by: revisit.into(), ..base.clone() };
        decide(card, &answers, &draft, 1.0).map(|_| ()).map_err(|e| words::draft_error(&e))
    };
    assert_eq!(with("2026-12-04", "2027-06-04"), Ok(()));
    let before = with("2026-12-04", "2026-12-01").unwrap_err();
    assert!(before.contains("must come after") && before.contains("1 Dec 2026"), "{before}");
    assert!(with("2026-12-04", "2026-12-04").unwrap_err().contains("must come after"));
    assert!(with("2026-12-04", "2046-12-05").unwrap_err().contains("more than 10 years"));
    assert!(with("2026-02-30", "2027-06-04").unwrap_err().starts_with("The decision date names a day"));
    assert!(with("2026-12-04", "").unwrap_err().starts_with("The revisit date is empty"));
    assert!(with("4/12/2026", "2027-06-04").unwrap_err().contains("YYYY-MM-DD"));
    assert!(with("2026-12-04", "10000-01-01").unwrap_err().contains("revisit date"));
}

#[test]
fn a_decision_is_kept_in_stored_progress_and_comes_back_whole() {
    let mut env = Envelope::new(SEED_ID, seed_card().version, 5.0, privacy_answers());
    env.history.record(recorded(&Answers::default(), day(2026, 12, 4), 1_764_806_400_000.0));
    env.history.record(recorded(&privacy_answers(), day(2027, 1, 5), 1_767_571_200_000.0));
    let back = decode_detailed(&encode(&env), SEED_ID).unwrap();
    assert_eq!(back.envelope, env);
    assert_eq!(back.envelope.history.latest().unwrap().decided_on, day(2027, 1, 5));
}

#[test]
fn progress_saved_before_decisions_existed_opens_with_an_empty_history() {
    let old = r#"{"schema":2,"card":"model-api-vs-self-hosted","content_version":1,"saved_at":5,
        "answers":{"factors":{"privacy":{"position":2,"weight":null}}}}"#;
    let back = decode_detailed(old, SEED_ID).unwrap();
    assert!(back.migrated());
    assert_eq!(back.envelope.answers, privacy_answers());
    assert!(back.envelope.history.is_empty());
}

#[test]
fn an_entry_that_cannot_be_read_is_kept_aside_and_written_back_as_it_was() {
    let mut env = Envelope::new(SEED_ID, 1, 5.0, Answers::default());
    env.history.record(recorded(&Answers::default(), day(2026, 12, 4), 1000.0));
    let text = encode(&env);
    let odd = r#"{"recorded_at":7,"chosen":"c","from":"a newer version","ratio":0.125,"big":-2.5e3,"list":[null,true,"\u0000"]}"#;
    let damaged = text.replacen("\"decisions\":[", &format!("\"decisions\":[{odd},42,"), 1);
    let back = decode(&damaged, SEED_ID).unwrap();
    assert_eq!(back.history.decisions.len(), 1);
    assert_eq!(back.history.unreadable.len(), 2);
    // Saved again, read again: the same entries, nothing lost or changed.
    let again = decode(&encode(&back), SEED_ID).unwrap();
    assert_eq!(again, back);
    let kept: serde_json::Value = serde_json::from_str(&encode(&back)).unwrap();
    let entries = kept["decisions"].as_array().unwrap();
    assert!(entries.contains(&serde_json::from_str(odd).unwrap()));
    assert!(entries.contains(&serde_json::json!(42)));
}

#[test]
fn a_decisions_list_of_the_wrong_shape_is_reported_with_its_path() {
    let text = encode(&Envelope::new(SEED_ID, 1, 5.0, Answers::default()));
    let bad = text.replacen("\"answers\":", "\"decisions\":{},\"answers\":", 1);
    let err = decode(&bad, SEED_ID).unwrap_err();
    assert!(err.to_string().contains("decisions"), "{err}");
}

#[test]
fn decisions_keep_the_order_they_were_recorded_in_even_with_the_clock_set_back() {
    let mut h = History::default();
    h.record(recorded(&Answers::default(), day(2026, 12, 4), 5000.0));
    // The clock was set back: recorded "earlier", but it is the newer decision.
    h.record(recorded(&privacy_answers(), day(2026, 11, 1), 4000.0));
    assert_eq!(h.decisions.len(), 2);
    assert_eq!(h.latest().unwrap().decided_on, day(2026, 11, 1));
    assert!(h.decisions[1].recorded_at > h.decisions[0].recorded_at);
    let env = Envelope { history: h.clone(), ..Envelope::new(SEED_ID, 1, 0.0, Answers::default()) };
    assert_eq!(decode(&encode(&env), SEED_ID).unwrap().history, h);
}

#[test]
fn two_tabs_histories_are_joined_without_losing_or_repeating_a_decision() {
    let a = recorded(&Answers::default(), day(2026, 12, 4), 1000.0);
    let b = recorded(&privacy_answers(), day(2026, 12, 5), 2000.0);
    let c = recorded(&privacy_answers(), day(2026, 12, 6), 3000.0);
    let ours = History { decisions: vec![a.clone(), c.clone()], unreadable: vec![] };
    let theirs = History { decisions: vec![a.clone(), b.clone()], unreadable: vec![] };
    let joined = History::union(&ours, &theirs);
    assert_eq!(joined.decisions, vec![a, b, c]);
}

#[test]
fn the_comparison_names_what_moved_and_whether_the_verdict_would_differ() {
    let card = seed_card();
    let then = recorded(&Answers::default(), day(2026, 12, 4), 1000.0);
    let mut now = Answers::default();
    for factor in ["privacy", "control", "economics"] {
        now.apply(Edit::Position { factor: factor.into(), position: 2 });
    }
    now.apply(Edit::EvidenceStatus { id: card.evidence[0].id.clone(), status: EvidenceStatus::Gathered });
    let trigger = card.reversibility.relook_triggers[0].id.clone();
    now.apply(Edit::Trigger { id: trigger.clone(), on: true });
    let verdict = evaluate(card, &now);
    let c = compare(card, &then, &now, &verdict);
    assert_eq!(
        c.moved.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["privacy", "control", "economics"]
    );
    assert_eq!(c.evidence.len(), 1);
    assert_eq!(c.triggers, vec![trigger]);
    assert!(c.verdict_differs(), "three factors clearly toward self-hosting change the recommendation");
    let lines = words::changes(card, &c);
    assert!(
        lines.iter().any(|l| l.starts_with("Privacy moved: Neutral then, points clearly to")),
        "{lines:?}"
    );
    assert!(lines.last().unwrap().starts_with("The verdict would now recommend"), "{lines:?}");
    let same = compare(card, &then, &Answers::default(), &evaluate(card, &Answers::default()));
    assert!(same.answers_unchanged() && !same.verdict_differs());
    assert!(words::changes(card, &same).contains(&"No answer has changed since.".to_string()));
}

#[test]
fn a_decision_on_an_older_card_version_lists_what_the_card_gained_and_lost() {
    let card = seed_card();
    let mut then = recorded(&Answers::default(), day(2026, 12, 4), 1000.0);
    then.content_version = card.version - 1;
    then.items.remove(&card.factors[0].id);
    then.items.insert("a-factor-since-removed".into());
    let c = compare(card, &then, &Answers::default(), &evaluate(card, &Answers::default()));
    let change = c.card.clone().unwrap();
    assert_eq!(change.added, vec![card.factors[0].id.clone()]);
    assert_eq!(change.removed, vec!["a-factor-since-removed".to_string()]);
    let first = &words::changes(card, &c)[0];
    assert!(first.contains("The card has changed since") && first.contains(&card.factors[0].name), "{first}");
    assert!(first.contains("Removed: a-factor-since-removed."), "{first}");
}

#[test]
fn a_revisit_is_due_on_its_date_or_when_a_trigger_is_ticked_after_the_decision() {
    let card = seed_card();
    let d = recorded(&Answers::default(), day(2026, 12, 4), 1000.0);
    assert_eq!(d.revisit_by, day(2027, 6, 4));
    assert_eq!(due(&d, day(2027, 6, 3), &Answers::default()), None);
    let on_the_day = due(&d, day(2027, 6, 4), &Answers::default()).unwrap();
    assert_eq!(
        words::due(card, &on_the_day),
        "This decision is due for a revisit: its revisit date, 4 Jun 2027, has come."
    );
    // A clock set back before the decision is simply "not due".
    assert_eq!(due(&d, day(2020, 1, 1), &Answers::default()), None);
    let mut now = Answers::default();
    let trigger = &card.reversibility.relook_triggers[1];
    now.apply(Edit::Trigger { id: trigger.id.clone(), on: true });
    let by_trigger = due(&d, day(2026, 12, 5), &now).unwrap();
    assert!(words::due(card, &by_trigger).contains(&format!("\u{201c}{}\u{201d}", trigger.text)));
    // A trigger already ticked when the decision was made is not news.
    let d2 = recorded(&now, day(2026, 12, 4), 2000.0);
    assert_eq!(due(&d2, day(2026, 12, 5), &now), None);
}

#[test]
fn the_decided_line_says_when_what_and_until_when() {
    let card = seed_card();
    let d = recorded(&Answers::default(), day(2026, 12, 4), 1000.0);
    let option = &card.option(d.chosen).name;
    assert_eq!(words::decided(card, &d), format!("Decided on 4 Dec 2026: {option}. Revisit by 4 Jun 2027."));
}

#[test]
fn hundreds_of_decisions_fit_in_stored_progress() {
    let card = seed_card();
    let mut full = Answers::default();
    for f in &card.factors {
        full.apply(Edit::Position { factor: f.id.clone(), position: 1 });
        full.apply(Edit::Weight { factor: f.id.clone(), weight: 2 });
    }
    for e in &card.evidence {
        full.apply(Edit::EvidenceNote {
            id: e.id.clone(),
            note: "checked with the team, see the wiki".into(),
        });
    }
    let mut env = Envelope::new(SEED_ID, card.version, 0.0, full.clone());
    for i in 0..300 {
        env.history.record(recorded(&full, day(2026, 12, 4), f64::from(i)));
    }
    let text = encode(&env);
    // The size per decision that docs/decisions.md quotes (run with --nocapture to see it).
    println!("300 decisions of the fully answered seed card: {} bytes stored", text.len());
    assert!(text.len() < MAX_BYTES, "300 decisions take {} bytes", text.len());
    assert_eq!(decode(&text, SEED_ID).unwrap().history.decisions.len(), 300);
}

fn any_date() -> impl Strategy<Value = Date> {
    (0i64..2_900_000).prop_map(|d| Date::from_days(d).unwrap())
}

fn any_decision() -> impl Strategy<Value = Decision> {
    let card = seed_card();
    let factors: Vec<String> = card.factors.iter().map(|f| f.id.clone()).collect();
    (
        0u32..2_000_000,
        any::<bool>(),
        ".{0,40}",
        any_date(),
        1i64..4000,
        proptest::collection::vec((0..factors.len(), -2i8..=2), 0..6),
    )
        .prop_map(move |(at, against, reason, decided_on, later, moves)| {
            let mut answers = Answers::default();
            for (i, p) in moves {
                answers.apply(Edit::Position { factor: factors[i].clone(), position: p });
            }
            let verdict = evaluate(card, &answers);
            let decided_on_later = decided_on.add_days(later).unwrap_or(decided_on);
            Decision {
                recorded_at: f64::from(at),
                chosen: if against { verdict.recommends.other() } else { verdict.recommends },
                recommended: verdict.recommends,
                outcome: verdict.outcome,
                reason: history::one_line(&reason),
                by: history::one_line(&reason),
                decided_on,
                revisit_by: decided_on_later,
                content_version: card.version,
                items: history::item_ids(card),
                answers,
            }
        })
}

proptest! {
    #[test]
    fn any_history_survives_saving_and_reading(decisions in proptest::collection::vec(any_decision(), 0..6)) {
        let mut env = Envelope::new(SEED_ID, 1, 0.0, Answers::default());
        for d in decisions {
            env.history.record(d);
        }
        let back = decode(&encode(&env), SEED_ID).unwrap();
        prop_assert_eq!(back, env);
    }

    #[test]
    fn a_recorded_decision_is_always_the_latest(decisions in proptest::collection::vec(any_decision(), 1..6)) {
        let mut h = History::default();
        for d in decisions {
            let date = d.decided_on;
            h.record(d);
            prop_assert_eq!(h.latest().unwrap().decided_on, date);
        }
        let ids: Vec<f64> = h.decisions.iter().map(|d| d.recorded_at).collect();
        prop_assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }
}

#[test]
fn the_answers_file_carries_the_history_to_another_browser() {
    let card = seed_card();
    let mut env = Envelope::new(SEED_ID, card.version, 0.0, privacy_answers());
    env.history.record(recorded(&privacy_answers(), day(2026, 12, 4), 1000.0));
    let mut file = String::new();
    envelope::write_envelope(&mut file, &env, Some("Ada"));
    let shared = decision_core::share::decode_file(&file, card).unwrap();
    assert_eq!(shared.history, env.history);
}

// --- The record and the calendar file --------------------------------------------------------

use decision_core::record::{self, Record};

fn two_decisions() -> (History, Answers) {
    let card = seed_card();
    let mut h = History::default();
    h.record(recorded(&Answers::default(), day(2026, 12, 4), 1000.0));
    let answers = privacy_answers();
    let mut draft = draft_for(card, &answers, day(2027, 1, 5));
    draft.chosen = draft.chosen.other();
    draft.reason = "the | platform team <b>owns</b> serving now".into();
    draft.by = "Architecture guild".into();
    h.record(decide(card, &answers, &draft, 2000.0).unwrap());
    (h, answers)
}

#[test]
fn the_record_of_the_decision_in_force_is_accepted_and_lists_the_one_it_superseded() {
    let card = seed_card();
    let (h, answers) = two_decisions();
    let verdict = evaluate(card, &answers);
    let link = "https://wiki.example/cards/model-api-vs-self-hosted.html#a=1.abc";
    let md = record::markdown(
        card,
        &Record { answers: &answers, verdict: &verdict, history: &h, today: "2027-02-01", link },
    );
    let latest = h.latest().unwrap();
    let chosen = &card.option(latest.chosen).name;
    for part in [
        "- Status: accepted\n".to_string(),
        "- Date: 2027-01-05\n".to_string(),
        "- Decided by: Architecture guild\n".to_string(),
        "- Revisit by: 2027-07-05\n".to_string(),
        format!("- Reopen these answers: {link}\n"),
        format!("Chosen option: \"{chosen}\". Chosen against the verdict because the | platform team <b>owns</b> serving now."),
        "## Decision history\n".to_string(),
        format!("- 2027-01-05: {chosen} (accepted); decided by Architecture guild; chosen against the verdict because"),
        "(superseded by the decision of 2027-01-05); revisit by 2027-06-04".to_string(),
    ] {
        assert!(md.contains(&part), "{part:?} missing from\n{md}");
    }
    // Answers changed since: a proposal again, with the decision in force still listed.
    let moved = Answers::default();
    let verdict = evaluate(card, &moved);
    let md = record::markdown(
        card,
        &Record { answers: &moved, verdict: &verdict, history: &h, today: "2027-02-01", link: "" },
    );
    assert!(md.contains("- Status: proposed") && md.contains("- Date: 2027-02-01"), "{md}");
    assert!(md.contains("(accepted; the answers have changed since)"), "{md}");
}

#[test]
fn the_record_file_name_fits_an_adr_folder() {
    let card = seed_card();
    assert_eq!(record::file_name(card, Some(7), day(2026, 12, 4)), "0007-model-api-vs-self-hosted.md");
    assert_eq!(record::file_name(card, None, day(2026, 12, 4)), "2026-12-04-model-api-vs-self-hosted.md");
}

#[test]
fn the_calendar_file_parses_with_an_independent_reader_and_carries_the_decision() {
    let card = seed_card();
    let (h, _) = two_decisions();
    let latest = h.latest().unwrap();
    let link = "https://wiki.example/cards/model-api-vs-self-hosted.html#a=1.abc,def;x";
    let ics = record::calendar(card, latest, link, 1_767_571_200_000.0);
    let again = record::calendar(card, latest, link, 1_767_600_000_000.0);
    use icalendar::{Calendar, CalendarComponent, Component, Event};
    let event_of = |ics: &str| -> Event {
        let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}\n{ics}"));
        let mut events = calendar.components.into_iter().filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        });
        events.next().expect("one event")
    };
    let event = event_of(&ics);
    assert_eq!(event.get_summary(), Some("Revisit: Model API vs Self-Hosted Model"));
    let description = event.get_description().unwrap();
    assert!(description.starts_with(&words::decided(card, latest)), "{description}");
    assert!(description
        .contains("Chosen against the verdict because the | platform team <b>owns</b> serving now."));
    assert!(description.contains("- Cost profile changes"), "{description}");
    assert!(description.ends_with(&format!("Reopen the decision: {link}")), "{description}");
    let uid = event.get_uid().unwrap();
    assert_eq!(Some(uid), event_of(&again).get_uid(), "downloading again updates the same event");
    assert!(ics.contains("DTSTART;VALUE=DATE:20270705\r\n"), "{ics}");
}
