//! Embed mode and the height messages an embedding page uses to size its iframe.
//!
//! - **Embed mode** (`?embed=1`): the start-up script (`web/startup.js`) puts the `dc-embed`
//!   class on `<html>` before the page is drawn, so the prerendered card is laid out for a
//!   frame from the first paint (the CSS drops the page chrome and tightens the layout).
//! - **Height**: while the page sits in a frame, it posts
//!   `{ type: "decision-cards:height", card: "<card-id>", height: <px> }` to the parent
//!   whenever the widget's height changes. `docs/embedding.md` has the host side.
//!
//! Nothing here may panic: a failure to measure or to post only means the host page keeps
//! its own iframe height.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The `type` of every message the widget posts to its parent.
pub const HEIGHT_MESSAGE: &str = "decision-cards:height";
/// A parent may post `{ type: "decision-cards:request-height" }` to get the current height
/// again (if its listener was installed after the widget's first message).
pub const REQUEST_HEIGHT_MESSAGE: &str = "decision-cards:request-height";

/// Whether the page was opened in embed mode (`?embed=1`).
#[track_caller]
pub fn is_embedded() -> bool {
    embed_flag(super::browser::query_param("embed").as_deref())
}

/// `?embed=1` (or `true`, `yes`) turns embed mode on; anything else, or no value, leaves
/// it off. `web/startup.js` reads the query the same way.
pub fn embed_flag(value: Option<&str>) -> bool {
    matches!(value.map(|v| v.trim().to_ascii_lowercase()).as_deref(), Some("1" | "true" | "yes"))
}

/// A measured height (CSS pixels, fractional) as the whole number of pixels the frame
/// needs: rounded up so the frame never shows a scrollbar for a fraction of a pixel.
/// Anything that is not a finite, positive number is `None` (nothing to report).
pub fn height_px(measured: f64) -> Option<u32> {
    if !measured.is_finite() || measured <= 0.0 {
        return None;
    }
    // Even a clamp of absurd values keeps the message a plain, small number.
    Some(measured.ceil().min(1_000_000.0) as u32)
}

/// In embed mode, inside a frame: posts the root's height to the parent now and on every
/// change, until the root is unmounted. Does nothing otherwise.
pub fn report_height(root: NodeRef<Div>, card_id: String) {
    if !is_embedded() {
        return;
    }
    let Some(parent) = parent_window() else { return };
    // Dropped (and so disconnected) with the component that called this.
    let reporter = StoredValue::new_local(None::<HeightReporter>);
    root.on_load(move |element| {
        let element: web_sys::Element = element.into();
        let reporter_value = HeightReporter::start(element, parent, card_id);
        reporter.set_value(reporter_value);
    });
}

/// The parent window when this page is framed; `None` for a top-level page.
fn parent_window() -> Option<web_sys::Window> {
    let window = super::browser::window()?;
    let parent = window.parent().ok()??;
    // A top-level window is its own parent.
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// The live parts of height reporting: a ResizeObserver on the root and a listener for
/// height requests from the parent. Dropping it disconnects both.
struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>,
    on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl HeightReporter {
    fn start(element: web_sys::Element, parent: web_sys::Window, card_id: String) -> Option<Self> {
        let post = {
            let element = element.clone();
            let last = std::cell::Cell::new(None::<u32>);
            std::rc::Rc::new(move |force: bool| {
                let Some(height) = height_px(element.get_bounding_client_rect().height()) else {
                    return;
                };
                if force || last.get() != Some(height) {
                    last.set(Some(height));
                    post_height(&parent, &card_id, height);
                }
            })
        };

        let on_resize = {
            let post = post.clone();
            Closure::<dyn FnMut(js_sys::Array, web_sys::ResizeObserver)>::new(
                move |_: js_sys::Array, _: web_sys::ResizeObserver| post(false),
            )
        };
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        // Observing also delivers the first size, so the parent hears from us at once.
        observer.observe(&element);

        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                if is_height_request(&event.data()) {
                    post(true);
                }
            });
        if let Some(window) = super::browser::window() {
            let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        }
        Some(HeightReporter { observer, _on_resize: on_resize, on_message })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
        if let Some(window) = super::browser::window() {
            let _ = window
                .remove_event_listener_with_callback("message", self.on_message.as_ref().unchecked_ref());
        }
    }
}

/// Whether a message is `{ type: "decision-cards:request-height" }`.
fn is_height_request(data: &JsValue) -> bool {
    data.is_object()
        && js_sys::Reflect::get(data, &JsValue::from_str("type"))
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == REQUEST_HEIGHT_MESSAGE)
}

/// Posts `{ type, card, height }` to the parent. The target origin is `"*"`: the widget
/// cannot know which page embeds it, and the message carries nothing private (a card id
/// that is in the frame's URL anyway, and a height), never an answer.
fn post_height(parent: &web_sys::Window, card_id: &str, height: u32) {
    let message = js_sys::Object::new();
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&message, &JsValue::from_str(key), &value);
    let ok = set("type", JsValue::from_str(HEIGHT_MESSAGE)).is_ok()
        && set("card", JsValue::from_str(card_id)).is_ok()
        && set("height", JsValue::from_f64(f64::from(height))).is_ok();
    if ok {
        let _ = parent.post_message(&message, "*");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_flag_needs_an_explicit_yes() {
        for on in ["1", "true", "TRUE", " yes "] {
            assert!(embed_flag(Some(on)), "{on:?}");
        }
        for off in [None, Some(""), Some("0"), Some("false"), Some("no"), Some("embed")] {
            assert!(!embed_flag(off), "{off:?}");
        }
    }

    #[test]
    fn heights_round_up_and_ignore_nonsense() {
        assert_eq!(height_px(812.2), Some(813));
        assert_eq!(height_px(812.0), Some(812));
        assert_eq!(height_px(0.4), Some(1));
        for bad in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            assert_eq!(height_px(bad), None, "{bad}");
        }
        assert_eq!(height_px(1e12), Some(1_000_000));
    }
}
