//! Parts of a card page that the browser takes over only when the reader reaches for them.
//!
//! The prerendered page shows every part. Some are controls a reader uses only when they
//! act (share, export, import), so the card page is taken over without them: each sits in a
//! placeholder (`div.dc-part`) whose markup the page's hydration leaves alone, and its own
//! code draws it anew, from the session as it is then, when the reader points at it,
//! touches it or moves the keyboard into it (or when something must be shown in it, such as
//! answers arriving by link). Drawn anew rather than hydrated: by then the session may
//! differ from the prerendered page. What was typed or ticked in it before stays, the
//! keyboard focus stays on the same control, and a click that came before the part was live
//! is made again once it is, on the same button.
//!
//! In the release build (feature `split`) each part's code is a WebAssembly module of its
//! own, split off the page's by the build (`xtask/src/split.rs`) and fetched on that first
//! reach; elsewhere it is in the page's module and the part is taken over at once, on the
//! same reach. A part whose code cannot be loaded says so under it, and keeps what the page
//! already holds: the answers are in the page's session and stored as before.
//!
//! Built at build time (`ssr`) and in the client-side tests (`csr`) the part is rendered in
//! place, as any other component.
//!
//! The limit case is markup the browser never takes over: sections built from the card alone,
//! which no answer changes ([`crate::prerendered_only!`]). The page's hydration leaves them as
//! prerendered, and its WASM carries no code for them.
//!
//! A page built in the browser (the workshop's) has nothing to take over: its parts
//! ([`crate::part_when!`]) are drawn when what they show first exists (the workshop's group,
//! once someone is added), with a light stand-in until then.

/// A part's code could not be loaded (network, policy, integrity). The details are on the
/// browser's console, where the loader writes them.
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A part of the card page, defined once:
///
/// ```text
/// part! {
///     /// What the function gives.
///     pub fn share_part(session: CardSession) as share, wake = <Signal<bool>>, near = <bool>
///         => view! { <ShareBar session /> }
/// }
/// ```
///
/// defines `share_part(session) -> impl IntoView`, the part as the page carries it, with
/// `data-part="share"`: prerendered in place (and rendered so in the client-side tests); in the
/// browser a placeholder that takes the prerendered markup over with the view when the reader
/// reaches for it, when `wake` turns true, or (`near`) when it comes near the screen. With
/// feature `split` the view's code (and all it alone uses) is the WebAssembly module `share`,
/// loaded then.
#[macro_export]
macro_rules! part {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) as $module:ident
        $(, wake = $wake:expr)? $(, near = $near:expr)?
        => $view:expr
    ) => {
        #[cfg(feature = "hydrate")]
        mod $module {
            #[allow(unused_imports)]
            use super::*;

            /// Takes the part's prerendered markup in `el` over.
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
            pub fn take_over(
                el: web_sys::HtmlElement,
                $($arg: $ty),*
            ) -> Result<(), $crate::components::on_demand::NotLoaded> {
                $crate::platform::parts::redraw(el, move || $view);
                Ok(())
            }

            /// Takes the part's prerendered markup in `el` over.
            #[cfg(not(feature = "split"))]
            pub async fn take_over(
                el: web_sys::HtmlElement,
                $($arg: $ty),*
            ) -> Result<(), $crate::components::on_demand::NotLoaded> {
                $crate::platform::parts::redraw(el, move || $view);
                Ok(())
            }
        }

        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> impl leptos::prelude::IntoView {
            #[cfg(feature = "hydrate")]
            {
                let wake: Option<leptos::prelude::Signal<bool>> = None $(.or(Some($wake)))?;
                let near = false $(|| $near)?;
                $crate::components::on_demand::deferred(
                    stringify!($module),
                    move |el| $module::take_over(el, $($arg),*),
                    wake,
                    near,
                )
            }
            #[cfg(not(feature = "hydrate"))]
            {
                $crate::components::on_demand::in_place(stringify!($module), $view)
            }
        }
    };
}

/// `prerendered_only!(view)`: `view` as built, in a `div.dc-prerendered` (which the style
/// sheet lays out as if it were not there), that the page's hydration leaves as it is. For
/// markup with nothing live in it (no handler, no signal): in the browser the view is not
/// compiled at all. Rendered as any other view at build time and in the client-side tests.
#[macro_export]
macro_rules! prerendered_only {
    ($view:expr) => {{
        #[cfg(feature = "hydrate")]
        {
            leptos::prelude::view! { <div class="dc-prerendered"></div> }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            leptos::prelude::view! { <div class="dc-prerendered">{$view}</div> }
        }
    }};
}

/// A part of a page built in the browser, defined once:
///
/// ```text
/// part_when! {
///     /// What the function gives.
///     pub fn group_part(session: WorkshopSession) as group, when = <Signal<bool>>,
///         failed = <&'static str>, meanwhile = <view> => <view>
/// }
/// ```
///
/// defines `group_part(session) -> impl IntoView`: `meanwhile` until `when` first turns true,
/// then the view, drawn in a `div.dc-part` with `data-part="group"` (which the style sheet
/// lays out as if it were not there). With features `csr` and `split` (the workshop page's
/// release build) the view's code (and all it alone uses) is the WebAssembly module `group`,
/// loaded then. A part whose code cannot be loaded says `failed` in its place. At build time
/// (`ssr`) it is `meanwhile`.
#[macro_export]
macro_rules! part_when {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) as $module:ident,
        when = $when:expr, failed = $failed:expr, meanwhile = $meanwhile:expr
        => $view:expr
    ) => {
        #[cfg(not(feature = "ssr"))]
        mod $module {
            #[allow(unused_imports)]
            use super::*;

            /// Draws the part in `el`. A split point is kept by the link of every binary
            /// that compiles it, used or not: only the browser-built pages' (`csr`) have it.
            #[cfg(all(feature = "split", feature = "csr"))]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
            pub fn draw(
                el: web_sys::HtmlElement,
                $($arg: $ty),*
            ) -> Result<(), $crate::components::on_demand::NotLoaded> {
                leptos::mount::mount_to(el, move || $view).forget();
                Ok(())
            }

            /// Draws the part in `el`.
            #[cfg(not(all(feature = "split", feature = "csr")))]
            pub async fn draw(
                el: web_sys::HtmlElement,
                $($arg: $ty),*
            ) -> Result<(), $crate::components::on_demand::NotLoaded> {
                leptos::mount::mount_to(el, move || $view).forget();
                Ok(())
            }
        }

        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> impl leptos::prelude::IntoView {
            #[cfg(not(feature = "ssr"))]
            {
                $crate::components::on_demand::drawn_when(
                    stringify!($module),
                    move |el| $module::draw(el, $($arg),*),
                    $when,
                    $failed,
                    move || $meanwhile,
                )
            }
            // Such a page is never rendered at build time; the view is checked all the same.
            #[cfg(feature = "ssr")]
            {
                let _ = move || $view;
                $meanwhile
            }
        }
    };
}

/// Where a part is.
#[cfg(not(feature = "ssr"))]
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Shown as prerendered, or its stand-in; nothing called for it yet.
    Waiting,
    Loading,
    /// Drawn anew, its effects not run yet: its controls answer for themselves. (Only a part
    /// taken over from prerendered markup has this stage.)
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    Drawn,
    Live,
    Failed,
}

/// The placement of a [`crate::part_when!`] part named `name`: `meanwhile` until `when`
/// first turns true, then the part `draw` draws in its `div.dc-part`.
#[cfg(not(feature = "ssr"))]
pub fn drawn_when<F, Fut, V>(
    name: &'static str,
    draw: F,
    when: leptos::prelude::Signal<bool>,
    failed: &'static str,
    meanwhile: impl Fn() -> V + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView
where
    F: FnOnce(web_sys::HtmlElement) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(), NotLoaded>> + 'static,
    V: leptos::prelude::IntoView + 'static,
{
    use leptos::prelude::*;
    let el = NodeRef::<leptos::html::Div>::new();
    let stage = RwSignal::new(Stage::Waiting);
    let draw = StoredValue::new_local(Some(draw));
    Effect::new(move |_| {
        // Once drawn, nothing is read here: the effect tracks nothing and is not run again.
        if draw.with_value(Option::is_none) {
            return;
        }
        let (Some(div), true) = (el.get(), when.get()) else { return };
        let Some(draw) = draw.try_update_value(Option::take).flatten() else { return };
        stage.set(Stage::Loading);
        let drawing = draw(div.into());
        leptos::task::spawn_local(async move {
            stage.set(if drawing.await.is_ok() { Stage::Live } else { Stage::Failed });
        });
    });
    view! {
        <div
            class="dc-part"
            data-part=name
            data-live=move || (stage.get() == Stage::Live).then_some("true")
            node_ref=el
        ></div>
        // Not beside the failure: the stand-in says what is true only until the part is due.
        {move || matches!(stage.get(), Stage::Waiting | Stage::Loading).then(&meanwhile)}
        {failure_line(failed, move || stage.get() == Stage::Failed)}
    }
}

/// What a part whose code could not be loaded says, under it or in its place, while `shown`.
fn failure_line(
    failed: &'static str,
    shown: impl Fn() -> bool + Send + Sync + 'static,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    move || shown().then(|| view! { <p class="dc-alert" role="alert" data-testid="part-failed">{failed}</p> })
}

#[cfg(feature = "hydrate")]
pub use live::deferred;

#[cfg(feature = "hydrate")]
mod live {
    use super::{failure_line, NotLoaded, Stage};
    use crate::platform::parts::{self, Pending};
    use decision_core::lang::card_page::CardPageWord as W;
    use decision_core::say;
    use leptos::prelude::*;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;

    /// How a part is taken over, once its code is there: type-erased, so that every part's
    /// placeholder runs the same code in the page's module.
    type TakeOver = Rc<dyn Fn(web_sys::HtmlElement) -> Pin<Box<dyn Future<Output = Result<(), NotLoaded>>>>>;

    /// The placeholder of a part named `name` (`data-part`, for the page's tests): the
    /// prerendered markup left as it is until the reader reaches for it (or `wake` turns true,
    /// or it comes `near` the screen: a part that shows saved state), then `take_over` with
    /// this element.
    pub fn deferred<F, Fut>(
        name: &'static str,
        take_over: F,
        wake: Option<Signal<bool>>,
        near: bool,
    ) -> impl IntoView
    where
        F: Fn(web_sys::HtmlElement) -> Fut + 'static,
        Fut: Future<Output = Result<(), NotLoaded>> + 'static,
    {
        placeholder(name, Rc::new(move |el| Box::pin(take_over(el))), wake, near)
    }

    fn placeholder(
        name: &'static str,
        take_over: TakeOver,
        wake: Option<Signal<bool>>,
        near: bool,
    ) -> impl IntoView {
        let take_over = StoredValue::new_local(take_over);
        let el = NodeRef::<leptos::html::Div>::new();
        let stage = RwSignal::new(Stage::Waiting);
        // What the reader set off before the part was live, done again once it is.
        let pending = StoredValue::new_local(None::<Pending>);
        let start = move || {
            if stage.get_untracked() != Stage::Waiting {
                return;
            }
            let Some(div) = el.get_untracked() else { return };
            stage.set(Stage::Loading);
            let taking_over = take_over.with_value(|f| f(div.clone().into()));
            leptos::task::spawn_local(async move {
                if taking_over.await.is_err() {
                    stage.set(Stage::Failed);
                    return;
                }
                // In the same task as the drawing: a click from now on lands on the drawn
                // control, which does what it says; done again after, it would act twice.
                stage.set(Stage::Drawn);
                // Live once the part's effects have run (a form fills in its dates): then
                // what the reader set off before is done as if on the live part.
                parts::settle().await;
                stage.set(Stage::Live);
                if let Some(p) = pending.try_update_value(Option::take).flatten() {
                    p.replay(&div.into());
                }
            });
        };
        if near {
            Effect::new(move |_| {
                if let Some(div) = el.get() {
                    parts::when_near(&div, start);
                }
            });
        }
        if let Some(wake) = wake {
            Effect::new(move |_| {
                if wake.get() {
                    start();
                }
            });
        }
        // What a click or a sent form on the prerendered markup was for.
        let set_off =
            move |event: &web_sys::Event, what: fn(&web_sys::Element, &web_sys::Event) -> Option<Pending>| {
                if matches!(stage.get_untracked(), Stage::Drawn | Stage::Live) {
                    return false;
                }
                if let Some(div) = el.get_untracked() {
                    if let Some(p) = what(&div, event) {
                        pending.set_value(Some(p));
                    }
                }
                start();
                true
            };
        view! {
            <div
                class="dc-part"
                data-part=name
                data-live=move || (stage.get() == Stage::Live).then_some("true")
                node_ref=el
                on:pointerover=move |_| start()
                on:touchstart=move |_| start()
                on:focusin=move |_| start()
                on:change=move |_| start()
                on:click=move |ev| {
                    set_off(&ev, Pending::click);
                }
                on:submit=move |ev| {
                    // The browser's own sending would leave the page.
                    if set_off(&ev, Pending::submit) {
                        ev.prevent_default();
                    }
                }
            ></div>
            {failure_line(say!(W::PartNotLoaded), move || stage.get() == Stage::Failed)}
        }
    }
}

/// The part rendered in place: at build time, to be taken over later by `deferred`, and in
/// the client-side tests. The same markup as `deferred` around it, so the page is taken
/// over without the part.
#[cfg(not(feature = "hydrate"))]
pub fn in_place(name: &'static str, part: impl leptos::prelude::IntoView) -> impl leptos::prelude::IntoView {
    use decision_core::lang::card_page::CardPageWord as W;
    use decision_core::say;
    use leptos::prelude::*;
    view! {
        <div class="dc-part" data-part=name>{part}</div>
        {failure_line(say!(W::PartNotLoaded), || false)}
    }
}
