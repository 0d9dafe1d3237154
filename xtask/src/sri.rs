//! Subresource Integrity: SHA-384, base64, and rewriting the `integrity` attributes of an
//! HTML file after the files they cover have changed (the release build minifies the JS
//! after Trunk has hashed it). Pure functions, so they are tested here without files.

/// Standard base64 with padding (RFC 4648 §4), as SRI uses.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// SHA-384 (FIPS 180-4): SHA-512 with its own initial values, truncated to 48 bytes.
pub fn sha384(data: &[u8]) -> [u8; 48] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0xcbbb9d5dc1059ed8,
        0x629a292a367cd507,
        0x9159015a3070dd17,
        0x152fecd8f70e5939,
        0x67332667ffc00b31,
        0x8eb44a8768581511,
        0xdb0c2e0d64f98fa7,
        0x47b5481dbefa4fa4,
    ];

    // Padding: 0x80, zeros, then the bit length as a 128-bit big-endian number.
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());

    let mut w = [0u64; 80];
    for block in msg.chunks_exact(128) {
        for (i, word) in block.chunks_exact(8).enumerate() {
            w[i] = u64::from_be_bytes(word.try_into().expect("8 bytes"));
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(v);
        }
    }

    let mut out = [0u8; 48];
    for (chunk, word) in out.chunks_exact_mut(8).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
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
    fn sha384_handles_padding_at_block_boundaries() {
        // Lengths around 112 and 128 bytes take the path where padding needs a new block.
        // Reference values from a standard implementation (openssl dgst -sha384).
        assert_eq!(
            hex(&sha384(&[b'a'; 111])),
            "3c37955051cb5c3026f94d551d5b5e2ac38d572ae4e07172085fed81f8466b8f\
             90dc23a8ffcdea0b8d8e58e8fdacc80a"
        );
        assert_eq!(
            hex(&sha384(&[b'a'; 112])),
            "187d4e07cb306103c69967bf544d0dfbe9042577599c73c330abc0cb64c61236\
             d5ed565ee19119d8c31779a38f791fcd"
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
