//! What every page shares ([`Env`]: language, API origin, navigation) and the portal's
//! frame: header, language switch, router over the History API, footer.

use crate::i18n::{Lang, T};
#[cfg(feature = "portal")]
use crate::route::MeSection;
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

/// localStorage key of the chosen language.
#[cfg(feature = "portal")]
const LANG_KEY: &str = "gzcredit.lang";

/// The portal: header with navigation and language switch, the current page, footer.
#[cfg(feature = "portal")]
#[component]
pub fn Portal() -> Html {
    let route = use_state(current_route);
    let lang = use_state(|| {
        let lang = storage::get(LANG_KEY).map(|l| Lang::from_code(&l)).unwrap_or(Lang::Zh);
        set_html_lang(lang);
        lang
    });

    // Back and forward buttons.
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            use wasm_bindgen::{closure::Closure, JsCast};
            let window = web_sys::window().expect("window");
            let listener = Closure::<dyn Fn()>::new(move || route.set(current_route()));
            let _ = window.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
            move || {
                let _ = window.remove_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
            }
        });
    }

    // The title follows the language and the page.
    use_effect_with((*lang, (*route).clone()), |(lang, route)| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} - {}", page_title(route).get(*lang), T::SiteName.get(*lang)));
        }
    });

    let navigate = {
        let route = route.clone();
        Callback::from(move |to: Route| {
            let Some(window) = web_sys::window() else { return };
            if let Ok(history) = window.history() {
                let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to.to_path()));
            }
            let new_page = !same_page(&route, &to);
            route.set(to);
            // A new page starts at the top with the focus on it, so screen readers and
            // keyboards start there; a new tab of the same profile keeps both where they are.
            if new_page {
                window.scroll_to_with_x_and_y(0.0, 0.0);
                if let Some(main) = window.document().and_then(|d| d.get_element_by_id("main")) {
                    use wasm_bindgen::JsCast;
                    let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        })
    };
    let switch_lang = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            let next = lang.other();
            storage::set(LANG_KEY, next.code());
            set_html_lang(next);
            lang.set(next);
        })
    };

    let env = Env { lang: *lang, api: Rc::from(""), navigate, embed: None };
    let t = |key: T| key.get(*lang);
    let other = lang.other();
    html! {
        <ContextProvider<Env> context={env.clone()}>
            <a class="skip-link" href="#main">{ t(T::SkipToContent) }</a>
            <header class="site-header">
                <div class="wrap header-row">
                    { link(&env, Route::Search(Default::default()), "brand", None, html! {
                        <><span class="brand-mark" aria-hidden="true">{ "信" }</span><span>{ t(T::SiteName) }</span></>
                    }) }
                    <nav class="site-nav" aria-label={t(T::MainNavigation)}>
                        { link(&env, Route::Search(Default::default()), "", None, html! { t(T::NavSearch) }) }
                        { link(&env, Route::Me(MeSection::Records), "", None, html! { t(T::NavMe) }) }
                        { link(&env, Route::Verify { number: String::new() }, "", None, html! { t(T::NavVerify) }) }
                    </nav>
                    <button type="button" class="btn lang-switch" lang={other.code()} onclick={switch_lang}
                        aria-label={T::SwitchLanguage.get(other)}>
                        { T::LanguageName.get(other) }
                    </button>
                </div>
            </header>
            <main id="main" class="wrap" tabindex="-1">
                { crate::pages::page(&env, &route) }
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{ t(T::FooterAuthority) }</p>
                    <p>{ t(T::FooterDisclaimer) }</p>
                </div>
            </footer>
        </ContextProvider<Env>>
    }
}

#[cfg(feature = "portal")]
fn current_route() -> Route {
    let location = web_sys::window().map(|w| w.location());
    let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    Route::parse(&path, &search)
}

/// `<html lang>`, set before the text in that language is rendered (screen readers pick
/// their voice from it).
#[cfg(feature = "portal")]
fn set_html_lang(lang: Lang) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.code());
    }
}

/// Whether two routes show the same page (only the open tab differs).
#[cfg(feature = "portal")]
fn same_page(a: &Route, b: &Route) -> bool {
    matches!((a, b), (Route::Subject { code: x, .. }, Route::Subject { code: y, .. }) if x == y)
}

#[cfg(feature = "portal")]
fn page_title(route: &Route) -> T {
    match route {
        Route::Search(_) => T::SearchTitle,
        Route::Subject { .. } => T::ProfileTitle,
        Route::NewObjection { .. } => T::NewObjectionTitle,
        Route::Objection { .. } => T::ObjectionStatusTitle,
        Route::Me(MeSection::Records) => T::MeTitle,
        Route::Me(MeSection::Queries) => T::WhoQueriedMe,
        Route::Me(MeSection::Grants) => T::GrantsTitle,
        Route::RecordHistory { .. } => T::HistoryTitle,
        Route::Report { .. } => T::ReportTitle,
        Route::Verify { .. } => T::VerifyTitle,
        Route::NotFound => T::NotFoundTitle,
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
