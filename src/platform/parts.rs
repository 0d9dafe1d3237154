//! The page's side of a part drawn anew when the reader reaches for it
//! (`crate::components::on_demand`): where a control is, so the same one is found in the part
//! as drawn anew; what was typed, ticked or picked in it before; what the reader set off
//! (a button, a form sent); and when it comes near the screen.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a control is under a part's root: its index among its parent's elements, for each
/// element from the root down.
pub type Place = Vec<u32>;

/// Where `node` is under `root`; `None` when it is not under `root`.
pub fn place(root: &web_sys::Element, node: &web_sys::Element) -> Option<Place> {
    let mut steps = Vec::new();
    let mut at = node.clone();
    while &at != root {
        let parent = at.parent_element()?;
        let siblings = parent.children();
        steps.push((0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&at))?);
        at = parent;
    }
    steps.reverse();
    Some(steps)
}

/// The element at `place` under `root`.
fn at(root: &web_sys::Element, place: &[u32]) -> Option<web_sys::HtmlElement> {
    place.iter().try_fold(root.clone(), |e, &i| e.children().item(i))?.dyn_into().ok()
}

/// What the reader set off in a part before it was live.
pub enum Pending {
    /// A button clicked.
    Click(Place),
    /// A form sent (Enter in a field): the browser's own sending is stopped, since it would
    /// leave the page.
    Submit(Place),
}

impl Pending {
    /// The button `event` landed on, under `root`: only buttons, since a label or a link
    /// does what it does without the part's code.
    pub fn click(root: &web_sys::Element, event: &web_sys::Event) -> Option<Pending> {
        let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        let button = target.closest("button").ok()??;
        place(root, &button).map(Pending::Click)
    }

    /// The form `event` sends, under `root`.
    pub fn submit(root: &web_sys::Element, event: &web_sys::Event) -> Option<Pending> {
        let form = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        place(root, &form).map(Pending::Submit)
    }

    /// Does it again, in the part as drawn anew under `root`.
    pub fn replay(self, root: &web_sys::Element) {
        match self {
            Pending::Click(p) => {
                if let Some(button) = at(root, &p) {
                    button.click();
                }
            }
            Pending::Submit(p) => {
                if let Some(form) = at(root, &p).and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok()) {
                    let _ = form.request_submit();
                }
            }
        }
    }
}

/// Draws a part anew in `el`, in place of its markup, keeping what the reader typed, ticked
/// or picked in it and the keyboard focus on the same control.
pub fn redraw<V: IntoView + 'static>(el: web_sys::HtmlElement, view: impl FnOnce() -> V + 'static) {
    let root: web_sys::Element = el.clone().into();
    let focused = document().active_element().and_then(|f| place(&root, &f));
    let typed = Typed::read(&root);
    el.set_text_content(None);
    leptos::mount::mount_to(el, view).forget();
    // At once, in the same task as the drawing: the part is on the page now, and a click on it
    // must act on what the reader typed (its input handlers hear of it, so a form knows that
    // the reader set a date and does not fill it in).
    typed.write_fields(&root);
    if let Some(f) = focused.and_then(|p| at(&root, &p)) {
        let _ = f.focus();
    }
    // Again once the part's effects have filled in its fields (a form's dates), so that what
    // the reader typed has the last word; and the files picked, which are sent once.
    leptos::task::spawn_local(async move {
        settle().await;
        typed.write(&root);
    });
}

/// What the reader changed in a part's fields before it was live, by place: text and ticks,
/// and files picked.
struct Typed {
    fields: Vec<(Place, String, bool)>,
    files: Vec<(Place, web_sys::FileList)>,
}

impl Typed {
    fn read(root: &web_sys::Element) -> Typed {
        let mut typed = Typed { fields: Vec::new(), files: Vec::new() };
        for tag in ["input", "textarea"] {
            let found = root.get_elements_by_tag_name(tag);
            for field in (0..found.length()).filter_map(|i| found.item(i)) {
                let Some(p) = place(root, &field) else { continue };
                if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                    if input.type_() == "file" {
                        typed.files.extend(input.files().filter(|f| f.length() > 0).map(|f| (p, f)));
                        continue;
                    }
                    // Only what the reader changed: the part draws the rest from the session.
                    // (A box's value is its name for the form, not what the reader set.)
                    let changed = if is_box(input) {
                        input.checked() != input.default_checked()
                    } else {
                        input.value() != input.default_value()
                    };
                    if changed {
                        typed.fields.push((p, input.value(), input.checked()));
                    }
                } else if let Some(text) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    if text.default_value().is_ok_and(|d| d != text.value()) {
                        typed.fields.push((p, text.value(), false));
                    }
                }
            }
        }
        typed
    }

    /// Puts each back into the field at the same place, where the part drew one of the same
    /// kind, and tells the part's code, as the browser would.
    fn write(self, root: &web_sys::Element) {
        for (p, picked) in &self.files {
            if let Some(input) = at(root, p).and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                input.set_files(Some(picked));
                announce(&input, "change");
            }
        }
        self.write_fields(root);
    }

    /// The text and ticks alone, each only where the field holds something else: writing them
    /// twice tells the part's code once.
    fn write_fields(&self, root: &web_sys::Element) {
        for (p, value, checked) in &self.fields {
            let Some(field) = at(root, p) else { continue };
            if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                if is_box(input) {
                    if input.checked() != *checked {
                        input.set_checked(*checked);
                        announce(&field, "change");
                    }
                } else if input.value() != *value {
                    input.set_value(value);
                    announce(&field, "input");
                }
            } else if let Some(text) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                if text.value() != *value {
                    text.set_value(value);
                    announce(&field, "input");
                }
            }
        }
    }
}

/// A checkbox or a radio button: ticked or not.
fn is_box(input: &web_sys::HtmlInputElement) -> bool {
    matches!(input.type_().as_str(), "checkbox" | "radio")
}

/// Fires `kind` at `field`, bubbling, as the browser does when the reader changes it.
fn announce(field: &web_sys::Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = field.dispatch_event(&event);
    }
}

/// Resolves after the tasks already queued (a part's effects among them): a timer of 0.
pub async fn settle() {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// Calls `start` once `target` comes within half a screen of the viewport.
pub fn when_near(target: &web_sys::Element, start: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let seen = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>().is_ok_and(|e| e.is_intersecting())
            });
            if near {
                observer.disconnect();
                start();
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("50% 0px");
    if let Ok(observer) =
        web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &options)
    {
        observer.observe(target);
    }
    // Called for as long as the page lives; its observer lets go of it once near.
    seen.forget();
}
