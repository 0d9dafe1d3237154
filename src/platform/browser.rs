//! Thin, never-panicking wrappers over the browser APIs the widget uses besides storage:
//! the URL, the clipboard, file downloads and picked files.
//!
//! Every way into the browser goes through [`window`]. When the pages are rendered at build
//! time (feature `ssr`), a call there means a component asked the browser something while
//! rendering, which would make the prerendered page differ from the live one: it is noted
//! (`render_check`, feature `ssr`) and the prerender step fails, naming the place.

use decision_core::lang::card_page::CardPageWord as W;
use decision_core::say;
use wasm_bindgen::JsCast;

/// The browser window, or `None` anywhere else (natively, calling into JS would panic).
#[track_caller]
pub fn window() -> Option<web_sys::Window> {
    #[cfg(feature = "ssr")]
    super::render_check::touched(std::panic::Location::caller());
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// A query parameter of the page URL (`?card=…`).
#[track_caller]
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// Offer `text` as a file download. Returns false when the browser refused.
#[track_caller]
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    (|| -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = window()?.document()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(filename);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    })()
    .is_some()
}

/// 32 random bits, for a participant token. `Math.random` is enough: the token only tells
/// one anonymous participant's answers from another's, it guards nothing.
pub fn random_u32() -> u32 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Math::random() * 4_294_967_296.0) as u32
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::hash::{BuildHasher, RandomState};
        RandomState::new().hash_one(std::time::SystemTime::now()) as u32
    }
}

/// Copy text to the clipboard. The promise's outcome is not awaited: the caller shows
/// the text too, so a refused clipboard never loses it.
#[track_caller]
pub fn copy(text: &str) -> bool {
    window()
        .map(|w| {
            let _ = w.navigator().clipboard().write_text(text);
        })
        .is_some()
}

/// The URL fragment without its `#` (`None` when there is none).
#[track_caller]
pub fn fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    (!hash.is_empty()).then(|| hash.to_string())
}

/// The page's address without its fragment: the base of a share link.
#[track_caller]
pub fn page_url() -> Option<String> {
    let href = window()?.location().href().ok()?;
    Some(href.split('#').next().unwrap_or(&href).to_string())
}

/// Drop the fragment from the address bar without reloading or adding a history entry, so a
/// reload does not offer a share link's answers again.
#[track_caller]
pub fn clear_fragment() {
    let Some(w) = window() else { return };
    let (Ok(history), Some(url)) = (w.history(), page_url()) else { return };
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// The text of a file the user picked. Never panics; the error is the browser's message.
pub async fn file_text(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| say!(W::FileUnreadable).to_string()))?;
    text.as_string().ok_or_else(|| say!(W::FileNotText).to_string())
}

/// Goes to `url` (relative to this page) in place of this page: no history entry is left
/// behind, so Back does not return to a page that only forwards.
#[track_caller]
pub fn replace_location(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().replace(url);
    }
}
