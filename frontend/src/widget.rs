//! The `<gz-credit-search>` widget: the portal's search (and, with `open="inline"`, its
//! profile and objection pages) inside the element's shadow root, routed in memory.
//!
//! Its styles live in the shadow root, so the host page's CSS does not reach in and ours
//! does not reach out: the portal's stylesheet as a `<link>` (`HOST/portal.css`, which the
//! loader inserts while the wasm downloads, so both load in parallel and the stylesheet is
//! not carried in the wasm) and the widget's own rules as a `<style>`. The wrapper resets
//! every inherited property, since inheritance is the one thing that crosses a shadow
//! boundary.

use crate::app::{link, Embed, Env};
use crate::i18n::{Lang, T};
use crate::route::{Route, SearchQuery};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, ShadowRoot};
use yew::prelude::*;

/// The widget's own rules (reset, compact mode); the portal's stylesheet is linked.
const CSS: &str = include_str!("widget.css");

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

/// Tell the host page a subject was chosen: `gz-credit-select` with `detail: {code, name}`,
/// bubbling and composed. Returns `false` if the host cancelled it (`preventDefault()`):
/// then the widget does not open the profile, the host handles the choice.
pub fn emit_select(host: &Element, code: &str, name: &str) -> bool {
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
