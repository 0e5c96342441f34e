//! What every page shares: [`Env`] (language, API origin, navigation, how the widget was
//! embedded), links that navigate in place, and the browser's storage.
//!
//! It sits below the pages, the portal's frame (`app`) and the widget's root (`widget`),
//! and imports none of them: both roots provide an [`Env`] and render the pages, the pages
//! read it, so the environment must not depend on either side or the modules form a
//! circle.

use crate::i18n::{Lang, T};
use crate::route::Route;
use std::rc::Rc;
use yew::prelude::*;

/// The page's surroundings, provided once at the root and read with [`use_env`].
#[derive(Clone, PartialEq)]
pub struct Env {
    /// Language of every message.
    pub lang: Lang,
    /// Origin of the API and the portal: empty for the portal itself (same origin),
    /// `https://HOST` in the widget.
    pub api: Rc<str>,
    /// Go to a page (History API in the portal, in-memory in the widget).
    pub navigate: Callback<Route>,
    /// Set when running as the embedded widget.
    pub embed: Option<Embed>,
}

/// How the widget was embedded.
#[derive(Clone, PartialEq)]
pub struct Embed {
    /// `compact` attribute: no filters, tighter layout.
    pub compact: bool,
    /// `open="inline"`: profiles open inside the widget; otherwise on the portal.
    pub open_inline: bool,
    /// The `<gz-credit-search>` element, target of `gz-credit-select`.
    pub host: web_sys::Element,
}

impl Env {
    /// A message of the table in the current language.
    pub fn t(&self, key: T) -> &'static str {
        key.get(self.lang)
    }

    /// Absolute or same-origin URL of an API path (`/api/v1/…`).
    pub fn api_url(&self, path: &str) -> String {
        [&*self.api, path].concat()
    }

    /// The `href` of a route: on this origin in the portal, on the portal's in the widget
    /// (so "open in new tab" lands on the portal page).
    pub fn href(&self, route: &Route) -> String {
        [&*self.api, &route.to_path()].concat()
    }
}

/// The [`Env`] provided at the root.
#[hook]
pub fn use_env() -> Env {
    use_context::<Env>().expect("Env is provided at the root")
}

/// A link to a page: a real `href` (open in new tab works), handled in place on a plain
/// click. A function rather than a component: every component costs the wasm its own copy
/// of Yew's lifecycle code. `class` may be empty; `label` is the accessible name, when the
/// visible text is not enough ("提出异议" on each record).
pub fn link(env: &Env, to: Route, class: &'static str, label: Option<String>, content: Html) -> Html {
    let href = env.href(&to);
    let navigate = env.navigate.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if plain_click(&e) {
            e.prevent_default();
            navigate.emit(to.clone());
        }
    });
    html! {
        <a {href} class={(!class.is_empty()).then_some(class)} aria-label={label} {onclick}>{ content }</a>
    }
}

/// A left click without modifier keys: the ones to handle in place.
pub fn plain_click(e: &MouseEvent) -> bool {
    e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key())
}

/// Tell the host page a subject was chosen: `gz-credit-select` with `detail: {code, name}`,
/// bubbling and composed. Returns `false` if the host cancelled it (`preventDefault()`):
/// then the widget does not open the profile, the host handles the choice.
///
/// Here rather than in `widget`: the search page fires it, and a page must not import the
/// module that renders it.
#[cfg(feature = "widget")]
pub fn emit_select(host: &web_sys::Element, code: &str, name: &str) -> bool {
    use web_sys::{CustomEvent, CustomEventInit};
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&detail, &"name".into(), &name.into());
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    match CustomEvent::new_with_event_init_dict("gz-credit-select", &init) {
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// localStorage, where it is allowed (private modes and sandboxed frames may refuse it).
pub mod storage {
    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// The stored value of `key`.
    pub fn get(key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    /// Store `value` under `key` (silently not, where storage is refused).
    pub fn set(key: &str, value: &str) {
        if let Some(storage) = local() {
            let _ = storage.set_item(key, value);
        }
    }

    /// Forget `key`.
    pub fn remove(key: &str) {
        if let Some(storage) = local() {
            let _ = storage.remove_item(key);
        }
    }
}

/// sessionStorage: kept while the tab is open, never shared with other tabs and gone when
/// it closes. Where a credential is kept (a subject's token): a script injected into
/// another tab or a later visitor of a shared computer does not find it.
pub mod session_storage {
    fn session() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    /// The stored value of `key`.
    pub fn get(key: &str) -> Option<String> {
        session()?.get_item(key).ok().flatten()
    }

    /// Store `value` under `key` (silently not, where storage is refused).
    pub fn set(key: &str, value: &str) {
        if let Some(storage) = session() {
            let _ = storage.set_item(key, value);
        }
    }

    /// Forget `key`.
    pub fn remove(key: &str) {
        if let Some(storage) = session() {
            let _ = storage.remove_item(key);
        }
    }
}
