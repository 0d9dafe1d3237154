//! Subresource Integrity: rewriting the `integrity` attributes of an HTML file after the
//! files they cover have changed (the release build minifies the JS after Trunk has hashed
//! it), with SHA-384 and base64 from the `sha2` and `base64` crates. Pure functions, so they
//! are tested here without files.

use base64::Engine as _;
use sha2::Digest as _;

/// Standard base64 with padding (RFC 4648 §4), as SRI uses.
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// SHA-384 (FIPS 180-4).
pub fn sha384(data: &[u8]) -> [u8; 48] {
    sha2::Sha384::digest(data).into()
}

/// The SRI value for some bytes: `sha384-<base64>`.
pub fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&sha384(bytes)))
}

/// One rewritten `integrity` attribute.
#[derive(Debug, PartialEq)]
pub struct Update {
    /// The `href` or `src` of the element, as written in the HTML.
    pub url: String,
    pub changed: bool,
}

/// Recomputes every `integrity="..."` attribute on the `<link>` and `<script>` elements of
/// `html`. `read(url)` returns the bytes of the file an element's `href`/`src` names.
/// Everything else in the HTML is left byte for byte as it was.
pub fn rewrite_integrity(
    html: &str,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<(String, Vec<Update>), String> {
    let mut out = String::with_capacity(html.len());
    let mut updates = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name = tag[1..]
            .split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let attrs = if name == "link" || name == "script" { attributes(tag) } else { Vec::new() };
        let Some(integrity) = attrs.iter().find(|a| a.name == "integrity") else {
            out.push_str(tag);
            continue;
        };
        let url_attr = if name == "link" { "href" } else { "src" };
        let url = attrs
            .iter()
            .find(|a| a.name == url_attr)
            .map(|a| &tag[a.value.clone()])
            .ok_or_else(|| format!("<{name}> with integrity but no {url_attr}: {tag}"))?;
        let old = &tag[integrity.value.clone()];
        if !old.starts_with("sha384-") {
            return Err(format!("unsupported integrity algorithm on {url}: {old}"));
        }
        let new = self::integrity(&read(url)?);
        out.push_str(&tag[..integrity.value.start]);
        out.push_str(&new);
        out.push_str(&tag[integrity.value.end..]);
        updates.push(Update { url: url.to_owned(), changed: old != new });
    }
    out.push_str(rest);
    Ok((out, updates))
}

/// Length of the tag starting at `s[0] == '<'`, up to and including its `>`; quoted
/// attribute values may contain `>`. Comments end at `-->`.
pub(crate) fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |i| i + 3);
    }
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

pub(crate) struct Attr {
    pub(crate) name: String,
    /// Byte range of the (unquoted) value within the tag.
    pub(crate) value: std::ops::Range<usize>,
}

/// The attributes of one tag, with the byte ranges of their values.
pub(crate) fn attributes(tag: &str) -> Vec<Attr> {
    let bytes = tag.as_bytes();
    let mut attrs = Vec::new();
    // Skip "<name".
    let mut i = 1;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
        i += 1;
    }
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return attrs;
        }
        let name_start = i;
        while i < bytes.len() && !matches!(bytes[i], b'=' | b'>' | b'/') && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = tag[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let start = i + 1;
                let end = tag[start..].find(q as char).map_or(tag.len(), |e| start + e);
                i = (end + 1).min(tag.len());
                start..end
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                start..i
            };
            attrs.push(Attr { name, value });
        } else {
            attrs.push(Attr { name, value: i..i });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha384_matches_the_fips_180_examples() {
        assert_eq!(
            hex(&sha384(b"")),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da\
             274edebfe76f65fbd51ad2f14898b95b"
        );
        assert_eq!(
            hex(&sha384(b"abc")),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
             8086072ba1e7cc2358baeca134c825a7"
        );
        // Two blocks.
        assert_eq!(
            hex(&sha384(
                b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
            )),
            "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712\
             fcc7c71a557e2db966c3e9fa91746039"
        );
    }

    #[test]
    fn base64_matches_rfc_4648_examples() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "input {input:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn rewrites_integrity_of_links_and_scripts_only() {
        let html = r#"<!doctype html><html><head>
<link rel="modulepreload" href="./app-1.js" crossorigin="anonymous" integrity="sha384-OLD">
<link rel="preload" href="./app-1_bg.wasm" crossorigin=anonymous integrity='sha384-OLD2' as="fetch" type="application/wasm">
<link rel="stylesheet" href="./main.css">
<!-- <link href="./commented.js" integrity="sha384-X"> -->
<script type="module" data-x="a>b">import init from './app-1.js';</script>
<script src="./extra.js" integrity="sha384-Z"></script>
</head><body><p title="integrity='sha384-nope'">x</p></body></html>"#;
        let (out, updates) = rewrite_integrity(html, |url| match url {
            "./app-1.js" => Ok(b"abc".to_vec()),
            "./app-1_bg.wasm" => Ok(Vec::new()),
            "./extra.js" => Ok(b"abc".to_vec()),
            other => Err(format!("unexpected read of {other}")),
        })
        .unwrap();
        let abc = integrity(b"abc");
        let empty = integrity(b"");
        assert_eq!(
            updates.iter().map(|u| u.url.as_str()).collect::<Vec<_>>(),
            ["./app-1.js", "./app-1_bg.wasm", "./extra.js"]
        );
        assert!(updates.iter().all(|u| u.changed));
        let expected = html
            .replacen("sha384-OLD\"", &format!("{abc}\""), 1)
            .replacen("sha384-OLD2", &empty, 1)
            .replacen("sha384-Z", &abc, 1);
        assert_eq!(out, expected);
    }

    #[test]
    fn unchanged_files_are_reported_unchanged() {
        let good = integrity(b"same");
        let html = format!(r#"<link href="a.css" rel="stylesheet" integrity="{good}"/>"#);
        let (out, updates) = rewrite_integrity(&html, |_| Ok(b"same".to_vec())).unwrap();
        assert_eq!(out, html);
        assert_eq!(updates, [Update { url: "a.css".into(), changed: false }]);
    }

    #[test]
    fn rejects_other_algorithms_and_missing_urls() {
        assert!(rewrite_integrity(r#"<link href="a" integrity="sha512-x">"#, |_| Ok(vec![])).is_err());
        assert!(rewrite_integrity(r#"<script integrity="sha384-x"></script>"#, |_| Ok(vec![])).is_err());
        assert!(
            rewrite_integrity(r#"<link href="a" integrity="sha384-x">"#, |u| Err(format!("no {u}"))).is_err()
        );
    }
}
