//! # gzcredit-frontend: the pages of 信用中国（贵州）and the embeddable search widget
//!
//! One Yew code base, built twice:
//!
//! - feature `portal` exports [`run_portal`]: the portal pages served at `/` (search,
//!   credit profile, objections, the signed-in subject's page), routed over the History API;
//! - feature `widget` exports [`mount_widget`]: the `<gz-credit-search>` element that
//!   other portals embed with one tag pair (`static/widget.js` defines the element and
//!   calls it inside a shadow root).
//!
//! The front end is never the authority: it uses `gzcredit-shared` to give instant
//! feedback (is this code well-formed?), and shows what the server decided (masks, dates,
//! deadlines, what may be seen). Every user-facing string lives in [`i18n`].
//!
//! The modules are layered; each imports only those below it, so there is no circle to
//! untangle when one changes (issue 12), and no page imports another page:
//!
//! | layer | modules |
//! |---|---|
//! | roots | `app` (portal frame and router), `widget` |
//! | pages | [`pages`] and its one module per page |
//! | shared by pages | [`views`] (profile view, queries table), `session` (the signed-in subject) |
//! | building blocks | [`ui`] (loading a resource, states, pager, labels) |
//! | environment | [`env`] (`Env`, links, storage) |
//! | foundations | [`route`], [`api`], [`jsde`], [`i18n`] |

#![warn(missing_docs)]

pub mod api;
#[cfg(feature = "portal")]
pub mod app;
pub mod env;
pub mod i18n;
pub mod jsde;
pub mod pages;
pub mod route;
#[cfg(feature = "portal")]
pub mod session;
pub mod ui;
pub mod views;
#[cfg(feature = "widget")]
pub mod widget;

#[cfg(any(feature = "portal", feature = "widget"))]
use wasm_bindgen::prelude::*;

/// Start the portal: render the header, the page for the current URL and the footer into
/// `<body>`, replacing the `<main id="app">` placeholder that `index.html` shows while the
/// wasm loads.
#[cfg(feature = "portal")]
#[wasm_bindgen]
pub fn run_portal() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    yew::Renderer::<app::Portal>::with_root(body.into()).render();
}

/// Mount the widget in `root`, the shadow root of a `<gz-credit-search>` element.
///
/// `api` is the origin serving the API and the portal (`https://HOST`), `lang` is
/// `zh-CN` or `en`, `options` is an object `{accent, compact, query, open}` of the
/// element's other attributes (see `static/widget.js`). The returned handle's `destroy()`
/// unmounts it (the loader calls it when the element is removed or an attribute changes).
#[cfg(feature = "widget")]
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::ShadowRoot, api: String, lang: String, options: JsValue) -> widget::WidgetHandle {
    widget::mount(root, api, lang, options)
}
