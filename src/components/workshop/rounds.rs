//! Rounds: the round being gathered and the way to the next one, and what moved since round 1
//! (who answered again, who moved most, each round's group verdict, converged or split).

use crate::state::workshop::WorkshopSession;
use decision_core::card::Card;
use decision_core::explain;
use decision_core::lang::workshop_page::WorkshopPageWord as W;
use decision_core::workshop::{label_in, movement_sentence, Rounds, Workshop, MOVERS_NAMED};
use decision_core::{say, say_n};
use leptos::prelude::*;

/// The round being gathered, how many of the round before answered again, and "Start round
/// N + 1", which closes this round as it is.
#[component]
pub fn RoundBar(session: WorkshopSession, rounds: Memo<Option<Rounds>>) -> impl IntoView {
    let ws = session.workshop();
    let round = Memo::new(move |_| ws.with(Workshop::round));
    let gathered = Memo::new(move |_| ws.with(|w| w.participants.len()));
    let status = move || match rounds.with(|r| r.as_ref().map(|r| r.answered_again)) {
        None => say!(W::RoundOneStatus).to_string(),
        Some((again, of)) => say!(
            W::Gathering,
            round = round.get(),
            again = again,
            of = of,
            previous = round.get() - 1,
            participants = decision_core::messages::participants(gathered.get())
        ),
    };
    view! {
        <section class="dc-section dc-ws-rounds" aria-labelledby="dc-ws-rounds-h">
            <h2 id="dc-ws-rounds-h" data-testid="ws-round">{move || say!(W::RoundN, round = round.get())}</h2>
            <p data-testid="ws-round-status">{status}</p>
            <div class="dc-actions">
                <button
                    type="button"
                    data-testid="ws-start-round"
                    disabled=move || gathered.get() == 0
                    on:click=move |_| session.start_round()
                >
                    {move || say!(W::StartRound, round = round.get(), next = round.get() + 1)}
                </button>
            </div>
            <p class="dc-blurb">
                {move || say!(W::RoundKept, round = round.get(), next = round.get() + 1)}
            </p>
        </section>
    }
}

/// What moved since round 1, once there is a later round: the summary sentence, each round's
/// group verdict and the participants who moved most, by name when `show_names` (the
/// projector hides them until the facilitator shows them).
#[component]
pub fn Moved(
    card: &'static Card,
    rounds: Memo<Option<Rounds>>,
    ws: ReadSignal<Workshop>,
    #[prop(into)] show_names: Signal<bool>,
) -> impl IntoView {
    move || {
        rounds.with(|r| {
            let r = r.as_ref()?;
            let m = &r.movement;
            let verdicts = r
                .verdicts
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let words = v.as_ref().map_or_else(
                        || say!(W::NoParticipants).to_string(),
                        |v| explain::headline(card, v).0,
                    );
                    view! { <li>{say!(W::RoundVerdict, round = i + 1, verdict = words)}</li> }
                })
                .collect_view();
            let named = show_names.get();
            let movers = m
                .movers
                .iter()
                .take(MOVERS_NAMED)
                .map(|mover| {
                    let who = if named {
                        ws.with(|w| label_in(&w.participants, mover.index))
                    } else {
                        say!(W::AParticipant).to_string()
                    };
                    let moves: Vec<String> = mover
                        .moves
                        .iter()
                        .map(|&(f, from, to)| {
                            say!(
                                W::MovedFromTo,
                                factor = card.factors[f].name,
                                from = explain::position_words(card, from),
                                to = explain::position_words(card, to)
                            )
                        })
                        .collect();
                    let steps = say_n!(mover.steps as usize, W::MoverSteps, moves = moves.join("; "));
                    view! { <li><strong>{who}</strong>{steps}</li> }
                })
                .collect_view();
            let any = !m.movers.is_empty();
            Some(view! {
                <div class="dc-ws-moved" data-testid="ws-moved">
                    <h3>{say!(W::WhatMovedSince)}</h3>
                    <p data-testid="ws-moved-sentence">{movement_sentence(m)}</p>
                    <h4>{say!(W::VerdictByRound)}</h4>
                    <ol class="dc-list" data-testid="ws-round-verdicts">{verdicts}</ol>
                    {any.then(|| view! {
                        <h4>{say!(W::WhoMovedMost)}</h4>
                        <ol class="dc-list" data-testid="ws-movers">{movers}</ol>
                    })}
                </div>
            })
        })
    }
}
