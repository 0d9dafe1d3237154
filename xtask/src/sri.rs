//! Subresource Integrity: rewriting the `integrity` attributes of an HTML file after the
//! files they cover have changed (the release build minifies the JS after Trunk has hashed
//! it), with SHA-384 and base64 from the `sha2` and `base64` crates, through the HTML pass
//! of `html.rs`. Pure functions, so they are tested here without files.

use crate::html;
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

/// What the rewrite did to one `integrity` attribute.
#[derive(Debug, PartialEq)]
pub enum Change {
    /// The hash of the file is the one written.
    Unchanged,
    /// The file changed since it was hashed: the new hash is written.
    Updated,
    /// The attribute is gone: HTML allows `integrity` on a `<link>` only when it loads a
    /// stylesheet or preloads (Trunk writes one on the icon link too).
    Dropped,
}

/// One `integrity` attribute of the page.
#[derive(Debug, PartialEq)]
pub struct Update {
    /// The `href` or `src` of the element, as written in the HTML.
    pub url: String,
    pub change: Change,
}

/// The link types whose `<link>` may carry `integrity` (HTML, "the link element").
const LINK_TYPES_WITH_INTEGRITY: &[&str] = &["stylesheet", "preload", "modulepreload"];

/// Recomputes every `integrity` attribute on the `<link>` and `<script>` elements of `html`
/// and drops it where HTML does not allow it. `read(url)` returns the bytes of the file an
/// element's `href`/`src` names. The page goes through [`html::rewrite`]: nothing else of it
/// changes.
pub fn rewrite_integrity(
    html: &str,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<(String, Vec<Update>), String> {
    let mut updates = Vec::new();
    let out = html::rewrite(html, "link[integrity], script[integrity]", |e, el| {
        let url_attr = if e.name == "link" { "href" } else { "src" };
        let url = e.attr(url_attr).ok_or_else(|| format!("<{}> with integrity but no {url_attr}", e.name))?;
        if e.name == "link" && !LINK_TYPES_WITH_INTEGRITY.iter().any(|t| e.has_rel(t)) {
            el.remove_attribute("integrity");
            updates.push(Update { url: url.to_owned(), change: Change::Dropped });
            return Ok(());
        }
        let old = e.attr("integrity").unwrap_or_default();
        if !old.starts_with("sha384-") {
            return Err(format!("unsupported integrity algorithm on {url}: {old}"));
        }
        let new = integrity(&read(url)?);
        let change = if old == new {
            Change::Unchanged
        } else {
            el.set_attribute("integrity", &new).map_err(|e| e.to_string())?;
            Change::Updated
        };
        updates.push(Update { url: url.to_owned(), change });
        Ok(())
    })?;
    Ok((out, updates))
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
<link rel="icon" href="./favicon.svg" integrity="sha384-ICON" type="image/svg+xml">
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
            ["./app-1.js", "./app-1_bg.wasm", "./favicon.svg", "./extra.js"]
        );
        let changes: Vec<&Change> = updates.iter().map(|u| &u.change).collect();
        assert_eq!(changes, [&Change::Updated, &Change::Updated, &Change::Dropped, &Change::Updated]);
        // A changed attribute is written in double quotes, whatever quotes it had.
        let expected = html
            .replacen("sha384-OLD\"", &format!("{abc}\""), 1)
            .replacen("integrity='sha384-OLD2'", &format!("integrity=\"{empty}\""), 1)
            .replacen(" integrity=\"sha384-ICON\"", "", 1)
            .replacen("sha384-Z", &abc, 1);
        assert_eq!(out, expected);
    }

    #[test]
    fn unchanged_files_are_reported_unchanged() {
        let good = integrity(b"same");
        let html = format!(r#"<link href="a.css" rel="stylesheet" integrity="{good}"/>"#);
        let (out, updates) = rewrite_integrity(&html, |_| Ok(b"same".to_vec())).unwrap();
        assert_eq!(out, html);
        assert_eq!(updates, [Update { url: "a.css".into(), change: Change::Unchanged }]);
    }

    #[test]
    fn rejects_other_algorithms_and_missing_urls() {
        let css = |integrity: &str| format!(r#"<link rel="stylesheet" href="a" integrity="{integrity}">"#);
        assert!(rewrite_integrity(&css("sha512-x"), |_| Ok(vec![])).is_err());
        assert!(rewrite_integrity(r#"<script integrity="sha384-x"></script>"#, |_| Ok(vec![])).is_err());
        assert!(rewrite_integrity(&css("sha384-x"), |u| Err(format!("no {u}"))).is_err());
        assert!(rewrite_integrity(&css("sha384-x"), |_| Ok(vec![])).is_ok());
    }
}
