//! The time now, and local dates and times as the user reads them. Everything else in the
//! app takes times as arguments, so it stays testable. Like every call into the browser,
//! these may not run while a page is prerendered (`render_check`, feature `ssr`).

use decision_core::dates::Date;
#[cfg(target_arch = "wasm32")]
use decision_core::lang::library_page::{LibraryPageWord, MONTHS};

/// The current time in milliseconds since the Unix epoch.
#[track_caller]
pub fn now_ms() -> f64 {
    #[cfg(feature = "ssr")]
    super::render_check::touched(std::panic::Location::caller());
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// The current time in whole seconds since the Unix epoch (as a share link carries it).
#[track_caller]
pub fn now_s() -> u32 {
    (now_ms() / 1000.0) as u32
}

/// Today's date in the user's time zone (`None` outside a browser).
#[track_caller]
pub fn today() -> Option<Date> {
    #[cfg(feature = "ssr")]
    super::render_check::touched(std::panic::Location::caller());
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        Date::new(d.get_full_year() as i32, (d.get_month() + 1) as u8, d.get_date() as u8)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// A time (milliseconds since the epoch) as local `HH:MM`.
#[track_caller]
pub fn clock(ms: f64) -> String {
    #[cfg(feature = "ssr")]
    super::render_check::touched(std::panic::Location::caller());
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ms;
        String::new()
    }
}

/// The local time now, `HH:MM`.
#[track_caller]
pub fn now_clock() -> String {
    clock(now_ms())
}

/// A time (milliseconds since the epoch) as a short local date: "2 Dec", in the page's
/// language.
#[track_caller]
pub fn short_date(ms: f64) -> String {
    #[cfg(feature = "ssr")]
    super::render_check::touched(std::panic::Location::caller());
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        let month = MONTHS.get(d.get_month() as usize).map_or("", |&m| decision_core::say!(m));
        decision_core::say!(LibraryPageWord::ShortDate, day = d.get_date(), month = month)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ms;
        String::new()
    }
}
