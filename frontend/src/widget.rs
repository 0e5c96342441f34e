//! The `<gz-credit-search>` widget: the portal's search (and, with `open="inline"`, its
//! profile and objection pages) inside the element's shadow root, routed in memory.
//!
//! Its styles live in the shadow root, so the host page's CSS does not reach in and ours
//! does not reach out: the portal's stylesheet as a `<link>` (`HOST/portal.css`, which the
//! loader inserts while the wasm downloads, so both load in parallel and the stylesheet is
//! not carried in the wasm) and the widget's own rules as a `<style>`. The wrapper resets
//! every inherited property, since inheritance is the one thing that crosses a shadow
//! boundary.

use crate::env::{link, Embed, Env};
use crate::i18n::{Lang, T};
use crate::route::{Route, SearchQuery};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::ShadowRoot;
use yew::prelude::*;

/// The widget's own rules (reset, compact mode); the portal's stylesheet is linked.
/// Shipped without the comments and indentation `widget.css` keeps for its readers: the
/// wasm carries every byte of this text to every visitor of every embedding page.
const CSS: &str = match std::str::from_utf8(&CSS_MINIFIED.0) {
    Ok(css) => css,
    Err(_) => panic!("widget.css is UTF-8"),
};
const CSS_SOURCE: &[u8] = include_bytes!("widget.css");
const CSS_MINIFIED: ([u8; CSS_LEN], usize) = minify(CSS_SOURCE);
const CSS_LEN: usize = minify::<{ CSS_SOURCE.len() }>(CSS_SOURCE).1;

/// `css` without comments, and with each run of whitespace one space, or none next to
/// `{`, `}`, `;` and `,`: the first `N` bytes of it, and its whole length. Evaluated by the
/// compiler (twice: once for the length, once for the text), never in the browser.
const fn minify<const N: usize>(css: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n, mut space) = (0, 0, false);
    while i < css.len() {
        let c = css[i];
        if c == b'/' && i + 1 < css.len() && css[i + 1] == b'*' {
            i += 2;
            while i + 1 < css.len() && !(css[i] == b'*' && css[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            space = true;
            continue;
        }
        if c.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space && n > 0 && !is_tight(out[n - 1]) && !is_tight(c) {
            if n < N {
                out[n] = b' ';
            }
            n += 1;
        }
        space = false;
        if n < N {
            out[n] = c;
        }
        n += 1;
        i += 1;
    }
    (out, n)
}

/// Punctuation of CSS that needs no space on either side.
const fn is_tight(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b';' | b',')
}

/// A mounted widget; `destroy()` unmounts it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<Widget>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmount the widget (the element was removed, or is remounted with new attributes).
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Properties of [`Widget`].
#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    /// Origin of the API and portal, without a trailing slash.
    pub api: Rc<str>,
    /// Language.
    pub lang: Lang,
    /// Layout and behaviour options.
    pub embed: Embed,
    /// Initial query (`query` attribute).
    pub query: String,
}

/// Build the shadow root's content and start the widget there.
pub fn mount(root: ShadowRoot, api: String, lang: String, options: JsValue) -> WidgetHandle {
    let option = |name: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
    };
    let text = |name: &str| option(name).and_then(|v| v.as_string()).unwrap_or_default();
    // `compact` is a boolean attribute: present (any value but "false") means on.
    let compact =
        option("compact").is_some_and(|v| v.as_bool().unwrap_or_else(|| v.as_string().is_some_and(|s| s != "false")));
    let open_inline = text("open") != "portal";
    let accent = text("accent");
    let lang = Lang::from_code(&lang);

    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return WidgetHandle { app: None };
    };
    // The root holds only the loader's link to the portal stylesheet now (see
    // `static/widget.js`): the widget adds its own rules and its container.
    if let Ok(style) = document.create_element("style") {
        style.set_text_content(Some(CSS));
        let _ = root.append_child(&style);
    }
    let Ok(container) = document.create_element("div") else {
        return WidgetHandle { app: None };
    };
    container.set_class_name(if compact { "gz gz-widget gz-compact" } else { "gz gz-widget" });
    let _ = container.set_attribute("lang", lang.code());
    if is_safe_colour(&accent) {
        let _ = container.set_attribute("style", &format!("--gz-accent:{accent}"));
    }
    let _ = root.append_child(&container);

    let props = WidgetProps {
        api: Rc::from(api.trim_end_matches('/')),
        lang,
        embed: Embed { compact, open_inline, host: root.host() },
        query: text("query"),
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(container, props).render();
    WidgetHandle { app: Some(app) }
}

/// A colour for a CSS custom property: `#hex`, a name, or `rgb()/hsl()` — nothing that
/// could close the declaration.
fn is_safe_colour(value: &str) -> bool {
    !value.is_empty() && value.len() <= 40 && value.chars().all(|c| c.is_ascii_alphanumeric() || "#(),.% ".contains(c))
}

/// The widget's root: in-memory router and a "back to search" link off the search page.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    let route =
        use_state(|| Route::Search(SearchQuery { q: props.query.trim().to_string(), page: 1, ..Default::default() }));
    // The search to go back to from a profile.
    let last_search = use_mut_ref(|| (*route).clone());
    let navigate = {
        let (route, last_search) = (route.clone(), last_search.clone());
        Callback::from(move |to: Route| {
            if matches!(to, Route::Search(_)) {
                *last_search.borrow_mut() = to.clone();
            }
            route.set(to)
        })
    };
    let env = Env { lang: props.lang, api: props.api.clone(), navigate, embed: Some(props.embed.clone()) };
    html! {
        <ContextProvider<Env> context={env.clone()}>
            <div class="gz-body" role="region" aria-label={T::WidgetLabel.get(props.lang)}>
                if !matches!(*route, Route::Search(_)) {
                    <p class="gz-back">{ link(&env, last_search.borrow().clone(), "", None, html! { env.t(T::BackToSearch) }) }</p>
                }
                { crate::pages::page(&env, &route) }
                <p class="gz-powered"><a href={format!("{}/", props.api)} target="_blank" rel="noopener">{ T::PoweredBy.get(props.lang) }</a></p>
            </div>
        </ContextProvider<Env>>
    }
}
