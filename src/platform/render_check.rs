//! The prerender step's guard (feature `ssr`): where a component asked the browser
//! something while its page was rendered natively. Such a page would not be what the browser
//! shows (and a direct `web_sys` call would panic outright), so the prerender step fails on
//! any, naming the page and the place.

use std::cell::RefCell;
use std::panic::Location;

thread_local! {
    static TOUCHED: RefCell<Vec<&'static Location<'static>>> = const { RefCell::new(Vec::new()) };
}

/// Notes that the browser was asked for something from `at`.
pub fn touched(at: &'static Location<'static>) {
    TOUCHED.with(|t| t.borrow_mut().push(at));
}

/// The places noted since the last call, first first.
pub fn take() -> Vec<&'static Location<'static>> {
    TOUCHED.with(|t| std::mem::take(&mut *t.borrow_mut()))
}
