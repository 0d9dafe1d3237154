//! Share links in pasted text, and who sent each one: a plain list of links, or a whole
//! meeting chat copied as it is.
//!
//! Links are found anywhere, any number per line (a word holding `#a=`). The sender's name
//! comes from the chat's own layout, in the copy formats chat apps produce:
//!
//! - `Name: message` — the name before the first `": "`, after an optional time stamp
//!   (`[10:02] Ana: here https://…`, `10:02 - Ana: …`, `[02/12/2026, 10:02:33] Ana: …`);
//! - `From Name to Everyone: message` (and `From Name : message`), after an optional stamp;
//! - a header line naming the sender, the message on the lines below it: a name followed by
//!   a time on the next line (`Ana Lima` / `10:02 AM` / `message`), a name and a time on one
//!   line (`Ana Lima  10:02 AM`, `[10:02 AM] Ana Lima`);
//! - a bare list: `Ana Lima https://…` (every word of the name capitalised, nothing after
//!   the link).
//!
//! Time stamps are `10:02`, `10:02:33`, `10:02 AM`, `10:02pm`, bracketed or not, optionally
//! after a date. Anything else said around a link is chatter, never part of a name; a link
//! whose sender the text does not show gets no name (the facilitator types it, or the name
//! the sender put into the link is used). With several links on one line, a link takes only
//! a name written right before it (`Ana: https://… Bo: https://…`).
//!
//! Pure and linear in the size of the text: a 10,000-line chat is one pass.

use crate::share::{self, MAX_NAME_CHARS};

/// One share link found in pasted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    /// Line number, from 1.
    pub line: usize,
    /// The word that holds the link.
    pub link: &'a str,
    /// Who sent it, when the text shows it.
    pub name: Option<String>,
}

/// Everything [`scan`] found in pasted text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scan<'a> {
    /// Every share link, in order.
    pub links: Vec<Found<'a>>,
    /// Lines holding a web address but no share link (a card's page sent instead of its
    /// share link, say): worth a word to the facilitator.
    pub other_addresses: Vec<usize>,
    /// Other non-empty lines: the chat around the links.
    pub chatter: usize,
}

/// Find every share link in `text`, with its sender's name where the text shows it.
pub fn scan(text: &str) -> Scan<'_> {
    let lines: Vec<&str> = text.lines().map(clean).collect();
    let mut out = Scan::default();
    // The sender of the message being read, from a header or a "Name:" prefix.
    let mut speaker: Option<String> = None;
    let next_text = |i: usize| lines[i + 1..].iter().copied().find(|l| !l.is_empty());
    for (i, &line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (stamped, rest) = match strip_stamp(line) {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        if stamped && rest.is_empty() {
            // A lone time stamp, between a header and its message: read as part of the header.
            continue;
        }
        let has_link = rest.split_whitespace().any(share::is_link);
        let (prefix, message) = sender_prefix(rest);
        if !has_link {
            if let Some(name) = header(stamped, rest, next_text(i)) {
                speaker = Some(name);
                continue;
            }
            if prefix.is_some() && message.trim().is_empty() {
                // `10:02:33 From Ana Lima to Everyone:`, the message on the next line.
                speaker = prefix;
                continue;
            }
            if prefix.is_some() || stamped {
                // Another message begins: the header above no longer names its sender.
                speaker = None;
            }
            if rest.contains("://") || rest.starts_with("www.") {
                out.other_addresses.push(i + 1);
            } else {
                out.chatter += 1;
            }
            continue;
        }
        let words: Vec<&str> = rest.split_whitespace().collect();
        let links: Vec<usize> = (0..words.len()).filter(|&k| share::is_link(words[k])).collect();
        for &k in &links {
            let name = if links.len() > 1 {
                name_before(&words[..k])
            } else {
                let after_prefix: Vec<&str> = message.split_whitespace().collect();
                let at = after_prefix.iter().position(|w| share::is_link(w)).unwrap_or(0);
                prefix
                    .clone()
                    .or_else(|| speaker.clone())
                    .or_else(|| bare_name(&after_prefix[..at], &after_prefix[at + 1..]))
            };
            out.links.push(Found { line: i + 1, link: link_part(words[k]), name });
        }
        if prefix.is_some() || stamped {
            speaker = None;
        }
    }
    out
}

/// A line without the invisible characters chat apps copy along, trimmed.
fn clean(line: &str) -> &str {
    line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}')
    })
}

/// The link inside a word that may carry words glued before it (`mine:https://…`).
fn link_part(word: &str) -> &str {
    match word.find("http://").or_else(|| word.find("https://")).or_else(|| word.find("file://")) {
        Some(at) => &word[at..],
        None => word,
    }
}

/// A header line without a link: the name of the sender of the lines below it.
fn header(stamped: bool, rest: &str, next: Option<&str>) -> Option<String> {
    let next_is_stamp = next.is_some_and(|n| strip_stamp(n).is_some_and(str::is_empty));
    let next_is_stamped = next.is_some_and(|n| strip_stamp(n).is_some());
    if rest.contains(": ") || rest.ends_with(':') {
        return None;
    }
    if stamped {
        // `[10:02 AM] Ana Lima`, the message below; not `10:02 hello all` in a chat whose
        // every line starts with a time.
        return (!next_is_stamped).then(|| name_like(rest)).flatten();
    }
    if let Some(name) = strip_trailing_stamp(rest) {
        // `Ana Lima  10:02 AM`, the message below.
        return (!next_is_stamped).then(|| name_like(name)).flatten();
    }
    // `Ana Lima`, then `10:02 AM` alone on the next line.
    next_is_stamp.then(|| name_like(rest)).flatten()
}

/// The sender named at the start of a message (`Ana: …`, `From Ana to Everyone: …`), and
/// the message after it.
fn sender_prefix(text: &str) -> (Option<String>, &str) {
    if let Some(from) = text.strip_prefix("From ") {
        if let Some(colon) = from.find(':') {
            let head = &from[..colon];
            let name = match head.rfind(" to ") {
                Some(to) => &head[..to],
                None => head,
            };
            if let Some(name) = name_like(name) {
                return (Some(name), &from[colon + 1..]);
            }
        }
    }
    let first_link = text.find("#a=").unwrap_or(text.len());
    // A colon followed by a space (or the end): never the one of `https://` or of `10:02`.
    let colon = text[..first_link]
        .char_indices()
        .find(|&(i, c)| c == ':' && text[i + 1..].chars().next().is_none_or(char::is_whitespace));
    if let Some((at, _)) = colon {
        if let Some(name) = name_like(&text[..at]) {
            return (Some(name), &text[at + 1..]);
        }
    }
    (None, text)
}

/// `Ana` in `Ana: https://… Bo: https://…`: the words right before a link, when the last
/// ends in a colon.
fn name_before(words: &[&str]) -> Option<String> {
    let (last, before) = words.split_last()?;
    if !last.ends_with(':') {
        return None;
    }
    // From just after the previous link or the previous name, to this link.
    let start = before.iter().rposition(|w| share::is_link(w) || w.ends_with(':')).map_or(0, |s| s + 1);
    name_like(words[start..].join(" ").trim_end_matches(':'))
}

/// `Ana Lima https://…`: a list of names and links, every word of the name capitalised and
/// nothing after the link, so `here is mine https://…` gives no name.
fn bare_name(before: &[&str], after: &[&str]) -> Option<String> {
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let words = || before.iter().filter(|w| w.chars().any(char::is_alphanumeric));
    if words().next().is_none() || !after.is_empty() || !words().all(capitalised) {
        return None;
    }
    name_like(&before.join(" "))
}

/// `text` as a name, when it reads like one: a few words, a letter, no address, no sentence
/// end. Separators a chat glues to it (`-`, `–`, `,`, `<`, `>`) are trimmed.
fn name_like(text: &str) -> Option<String> {
    let name = text.trim_matches(|c: char| c.is_whitespace() || "-\u{2013}\u{2014},;<>()\"".contains(c));
    let words = name.split_whitespace().count();
    let plausible = (1..=5).contains(&words)
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().any(char::is_alphabetic)
        && !name.contains("://")
        && !name.contains("#a=")
        && !name.ends_with(['.', '?', '!']);
    plausible.then(|| name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The text after a time stamp that starts `line` (with a date before it, brackets round
/// it and a separator after it), or `None` when the line does not start with one.
pub fn strip_stamp(line: &str) -> Option<&str> {
    let rest = if let Some(inner) = line.strip_prefix('[').or_else(|| line.strip_prefix('(')) {
        let close = inner.find([']', ')'])?;
        let stamp = &inner[..close];
        (stamp_len(stamp)? == stamp.trim_end().len()).then_some(&inner[close + 1..])?
    } else {
        let n = stamp_len(line)?;
        let rest = &line[n..];
        // The stamp must end at a word boundary: `10:02am` yes, `10:02x` no.
        if !rest.is_empty() && !rest.starts_with(|c: char| c.is_whitespace() || "-\u{2013},|".contains(c)) {
            return None;
        }
        rest
    };
    Some(rest.trim_start().trim_start_matches(['-', '\u{2013}', ',', '|']).trim_start())
}

/// `Ana Lima` from `Ana Lima  10:02 AM` or `Ana Lima [10:02]`: the text before a time
/// stamp that ends the line.
fn strip_trailing_stamp(line: &str) -> Option<&str> {
    let starts = line.char_indices().filter(|&(_, c)| c.is_whitespace()).map(|(i, _)| i);
    for at in starts {
        let tail = line[at..].trim();
        let tail = tail.strip_prefix(['[', '(']).and_then(|t| t.strip_suffix([']', ')'])).unwrap_or(tail);
        if stamp_len(tail) == Some(tail.len()) {
            return Some(line[..at].trim_end());
        }
    }
    None
}

/// The length of the time stamp at the start of `text`: an optional date (`2026-12-02`,
/// `02/12/2026,`, `12.02.26`), then `H:MM` or `H:MM:SS`, then an optional `AM`/`PM`.
fn stamp_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = 0;
    // A date: digits, a separator, digits, the same separator, digits.
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d1 = digits(0);
    if d1 > 0 && matches!(b.get(d1), Some(b'-' | b'/' | b'.')) {
        let sep = b[d1];
        let d2 = digits(d1 + 1);
        if d2 > 0 && b.get(d1 + 1 + d2) == Some(&sep) {
            let d3 = digits(d1 + 2 + d2);
            if d3 > 0 {
                at = d1 + 2 + d2 + d3;
                at += b[at..].iter().take_while(|&&c| c == b',' || c == b' ' || c == b'T').count();
            }
        }
    }
    let h = digits(at);
    if !(1..=2).contains(&h) || b.get(at + h) != Some(&b':') || digits(at + h + 1) != 2 {
        return None;
    }
    at += h + 3;
    if b.get(at) == Some(&b':') && digits(at + 1) == 2 {
        at += 3;
    }
    let spaces = b[at..].iter().take_while(|&&c| c == b' ').count();
    let meridiem = &b[at + spaces..];
    for word in [&b"a.m."[..], b"p.m.", b"am", b"pm"] {
        if meridiem.len() >= word.len() && meridiem[..word.len()].eq_ignore_ascii_case(word) {
            let end = at + spaces + word.len();
            if text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return Some(end);
            }
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_stamps_in_every_common_shape() {
        for (line, rest) in [
            ("10:02 Ana: hi", "Ana: hi"),
            ("[10:02] Ana: hi", "Ana: hi"),
            ("[10:02 AM] Ana Lima", "Ana Lima"),
            ("10:02 AM", ""),
            ("10:02pm - Ana: hi", "Ana: hi"),
            ("(10:02:33) Ana", "Ana"),
            ("[02/12/2026, 10:02:33] Ana: hi", "Ana: hi"),
            ("02/12/2026, 10:02 - Ana: hi", "Ana: hi"),
            ("2026-12-02 10:02 Ana: hi", "Ana: hi"),
            ("9:05 a.m. Bo", "Bo"),
        ] {
            assert_eq!(strip_stamp(line), Some(rest), "{line}");
        }
        for line in ["Ana: hi", "10:0 hi", "100:02 hi", "10:02x", "[note] 10:02"] {
            assert_eq!(strip_stamp(line), None, "{line}");
        }
        assert_eq!(strip_trailing_stamp("Ana Lima  10:02 AM"), Some("Ana Lima"));
        assert_eq!(strip_trailing_stamp("Ana Lima [10:02]"), Some("Ana Lima"));
        assert_eq!(strip_trailing_stamp("Ana Lima"), None);
    }

    #[test]
    fn a_name_is_a_few_words_not_a_sentence() {
        assert_eq!(name_like(" Ana Lima "), Some("Ana Lima".into()));
        assert_eq!(name_like("Participant 3"), Some("Participant 3".into()));
        assert_eq!(name_like("this is the link for everyone to open now"), None);
        assert_eq!(name_like("see you all."), None);
        assert_eq!(name_like("12"), None);
        assert_eq!(name_like(&"a".repeat(MAX_NAME_CHARS + 1)), None);
    }
}
