//! An imported card written out as a `content/` file, in the order and with the comments of
//! the seed card.

use super::*;
use std::fmt::Write as _;

/// The card as a `content/` file, in the order and with the comments of the seed card.
pub fn to_toml(card: &Card, source: &str) -> String {
    let s = |v: &str| toml::Value::String(v.to_owned()).to_string();
    let list = |v: &[String]| -> String {
        match v {
            [] => "[]".into(),
            [one] => format!("[{}]", s(one)),
            many => format!("[\n{}]", many.iter().map(|x| format!("  {},\n", s(x))).collect::<String>()),
        }
    };
    let mut t = String::new();
    let _ = writeln!(t, "# Decision card: {}.", card.title);
    let _ = writeln!(t, "#");
    let _ =
        writeln!(t, "# Imported from {source} by `cargo xtask import-card`; how to write and change a card:");
    let _ = writeln!(
        t,
        "# docs/card-format.md. Every `id` is what saved answers are keyed on: reword any text, but"
    );
    let _ =
        writeln!(t, "# do not rename an id. What the source did not say is drafted and marked `*_added`.\n");
    let _ = writeln!(t, "id = {}\nversion = {}\ntitle = {}", s(&card.id), card.version, s(&card.title));
    if !card.tagline.is_empty() {
        let _ = writeln!(t, "tagline = {}", s(&card.tagline));
    }
    let f = &card.framing;
    if !(f.really_about.is_empty() && f.not_about.is_empty() && f.why_hard.is_empty()) {
        let _ = writeln!(t, "\n[framing]");
        for (k, v) in
            [("really_about", &f.really_about), ("not_about", &f.not_about), ("why_hard", &f.why_hard)]
        {
            if !v.is_empty() {
                let _ = writeln!(t, "{k} = {}", list(v));
            }
        }
    }
    let dd = &card.decision;
    let _ = writeln!(t, "\n[decision]\nquestion = {}", s(&dd.question));
    for (k, v) in [("heuristic", &dd.heuristic), ("default_stance", &dd.default_stance)] {
        if !v.is_empty() {
            let _ = writeln!(t, "{k} = {}", s(v));
        }
    }
    let _ = writeln!(t, "default_option = {}", s(&dd.default_option));
    for o in &card.options {
        let _ = writeln!(t, "\n[[options]]\nid = {}\nname = {}", s(&o.id), s(&o.name));
        for (k, v) in [
            ("best_when", &o.best_when),
            ("real_world_fits", &o.real_world_fits),
            ("strengths", &o.strengths),
            ("costs", &o.costs),
            ("hidden_costs", &o.hidden_costs),
            ("failure_modes", &o.failure_modes),
            ("who_absorbs_cost", &o.who_absorbs_cost),
        ] {
            // The required lists are written even when empty, so the file says what is missing.
            if !v.is_empty() || matches!(k, "best_when" | "strengths" | "costs") {
                let _ = writeln!(t, "{k} = {}", list(v));
            }
        }
        if !o.over_time.is_empty() {
            let _ = writeln!(t, "over_time = {}", s(&o.over_time));
        }
        for i in &o.signals {
            let _ = writeln!(t, "\n[[options.signals]]\nid = {}\ntext = {}", s(&i.id), s(&i.text));
        }
    }
    let r = &card.reversibility;
    let _ = writeln!(t, "\n[reversibility]\nundo_cost = {}", s(&r.undo_cost));
    if r.undo_cost_added {
        let _ = writeln!(t, "undo_cost_added = true");
    }
    for i in &r.relook_triggers {
        let _ = writeln!(t, "\n[[reversibility.relook_triggers]]\nid = {}\ntext = {}", s(&i.id), s(&i.text));
    }
    for f in &card.factors {
        let _ = writeln!(t, "\n[[factors]]\nid = {}\nname = {}", s(&f.id), s(&f.name));
        if !f.prompt.is_empty() {
            let _ = writeln!(t, "prompt = {}", s(&f.prompt));
        }
        if f.prompt_added {
            let _ = writeln!(t, "prompt_added = true");
        }
        let _ = writeln!(t, "weight = {}", f.weight);
        if f.weight_added {
            let _ = writeln!(t, "weight_added = true");
        }
        if let Some(g) = &f.gate_for {
            let _ = writeln!(t, "gate_for = {}", s(g));
        }
    }
    for (table, items) in [("questions", &card.questions), ("evidence", &card.evidence)] {
        for i in items {
            let _ = writeln!(t, "\n[[{table}]]\nid = {}\ntext = {}", s(&i.id), s(&i.text));
        }
    }
    for (table, items) in
        [("bad_reasons", &card.pressures.bad_reasons), ("anti_patterns", &card.pressures.anti_patterns)]
    {
        for p in items {
            let _ = writeln!(
                t,
                "\n[[pressures.{table}]]\nid = {}\ntext = {}\nwhy = {}",
                s(&p.id),
                s(&p.text),
                s(&p.why)
            );
            if p.why_added {
                let _ = writeln!(t, "why_added = true");
            }
            let _ = writeln!(t, "favours = {}", s(&p.favours));
        }
    }
    let ai = &card.ai;
    if *ai != AiImpact::default() {
        let _ = writeln!(t, "\n[ai]");
        for (k, v) in [("helps", &ai.helps), ("worsens", &ai.worsens)] {
            if !v.is_empty() {
                let _ = writeln!(t, "{k} = {}", list(v));
            }
        }
        for (k, v) in [("false_confidence", &ai.false_confidence), ("synthesis", &ai.synthesis)] {
            if !v.is_empty() {
                let _ = writeln!(t, "{k} = {}", s(v));
            }
        }
    }
    for r in &card.related {
        let _ = writeln!(t, "\n[[related]]\nkind = {}\ntitle = {}", s(&r.kind), s(&r.title));
        if r.title_added {
            let _ = writeln!(t, "title_added = true");
        }
        let _ = writeln!(t, "text = {}", s(&r.text));
    }
    let _ =
        writeln!(t, "\n[scoring]\nsignal_strength = {:?}\n\n[scoring.burden]", card.scoring.signal_strength);
    for (k, v) in &card.scoring.burden {
        let key = if k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            k.clone()
        } else {
            s(k)
        };
        let _ = writeln!(t, "{key} = {v:?}");
    }
    t
}
