//! Rounds: the round being gathered and the way to the next one, and what moved since round 1
//! (who answered again, who moved most, each round's group verdict, converged or split).

use crate::state::workshop::WorkshopSession;
use decision_core::card::Card;
use decision_core::explain;
use decision_core::workshop::{label_in, movement_sentence, Rounds, Workshop, MOVERS_NAMED};
use leptos::prelude::*;

/// The round being gathered, how many of the round before answered again, and "Start round
/// N + 1", which closes this round as it is.
#[component]
pub fn RoundBar(session: WorkshopSession, rounds: Memo<Option<Rounds>>) -> impl IntoView {
    let ws = session.workshop();
    let round = Memo::new(move |_| ws.with(Workshop::round));
    let gathered = Memo::new(move |_| ws.with(|w| w.participants.len()));
    let status = move || match rounds.with(|r| r.as_ref().map(|r| r.answered_again)) {
        None => "Everyone answers alone. Reveal the results, discuss where the group disagrees, \
                 then start round 2: everyone answers again and the page shows who moved."
            .to_string(),
        Some((again, of)) => format!(
            "Gathering round {}: {again} of {of} from round {} have answered again; {} in all so far.",
            round.get(),
            round.get() - 1,
            decision_core::messages::participants(gathered.get())
        ),
    };
    view! {
        <section class="dc-section dc-ws-rounds" aria-labelledby="dc-ws-rounds-h">
            <h2 id="dc-ws-rounds-h" data-testid="ws-round">{move || format!("Round {}", round.get())}</h2>
            <p data-testid="ws-round-status">{status}</p>
            <div class="dc-actions">
                <button
                    type="button"
                    data-testid="ws-start-round"
                    disabled=move || gathered.get() == 0
                    on:click=move |_| session.start_round()
                >
                    {move || format!("Close round {} and start round {}", round.get(), round.get() + 1)}
                </button>
            </div>
            <p class="dc-blurb">
                {move || format!(
                    "Round {}\u{2019}s answers are kept as they are; links pasted from then on go into round {}. \
                     Participants send a new link from the same browser: it tells their rounds apart.",
                    round.get(),
                    round.get() + 1
                )}
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
                    let words = v
                        .as_ref()
                        .map_or_else(|| "no participants".to_string(), |v| explain::headline(card, v).0);
                    view! { <li>{format!("Round {}: {words}", i + 1)}</li> }
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
                        "A participant".to_string()
                    };
                    let moves: Vec<String> = mover
                        .moves
                        .iter()
                        .map(|&(f, from, to)| {
                            format!(
                                "{} from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                                card.factors[f].name,
                                explain::position_words(card, from),
                                explain::position_words(card, to)
                            )
                        })
                        .collect();
                    let steps = if mover.steps == 1 {
                        "1 step".to_string()
                    } else {
                        format!("{} steps", mover.steps)
                    };
                    view! { <li><strong>{who}</strong>{format!(": {steps} — {}", moves.join("; "))}</li> }
                })
                .collect_view();
            let any = !m.movers.is_empty();
            Some(view! {
                <div class="dc-ws-moved" data-testid="ws-moved">
                    <h3>"What moved since round 1"</h3>
                    <p data-testid="ws-moved-sentence">{movement_sentence(m)}</p>
                    <h4>"The group verdict, round by round"</h4>
                    <ol class="dc-list" data-testid="ws-round-verdicts">{verdicts}</ol>
                    {any.then(|| view! {
                        <h4>"Who moved most"</h4>
                        <ol class="dc-list" data-testid="ws-movers">{movers}</ol>
                    })}
                </div>
            })
        })
    }
}
