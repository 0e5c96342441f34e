//! The portal's frame: header, language switch, router over the History API, footer.
//!
//! What the pages share with it (`Env`, links, storage) lives in [`crate::env`], below
//! the pages, so that this shell may render them without the pages importing it back.

use crate::env::{link, storage, Env};
use crate::i18n::{Lang, T};
use crate::route::{MeSection, Route};
use std::rc::Rc;
use yew::prelude::*;

/// localStorage key of the chosen language.
const LANG_KEY: &str = "gzcredit.lang";

/// The portal: header with navigation and language switch, the current page, footer.
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

fn current_route() -> Route {
    let location = web_sys::window().map(|w| w.location());
    let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    Route::parse(&path, &search)
}

/// `<html lang>`, set before the text in that language is rendered (screen readers pick
/// their voice from it).
fn set_html_lang(lang: Lang) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.code());
    }
}

/// Whether two routes show the same page (only the open tab differs).
fn same_page(a: &Route, b: &Route) -> bool {
    matches!((a, b), (Route::Subject { code: x, .. }, Route::Subject { code: y, .. }) if x == y)
}

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
        #[cfg(feature = "upload")]
        Route::Upload => T::UploadTitle,
        Route::NotFound => T::NotFoundTitle,
    }
}
