//! Building blocks every page uses: loading an API resource, the loading / error /
//! rate-limited / offline states, pagination, and small labels.

use crate::api::{self, FetchError};
use crate::env::Env;
use crate::i18n::{self, T};
use serde::de::DeserializeOwned;
use std::rc::Rc;
use yew::prelude::*;

/// The state of one API resource.
#[derive(PartialEq, Debug)]
pub enum Load<T> {
    /// Nothing asked for.
    Idle,
    /// Asked, no answer yet.
    Loading,
    /// The answer.
    Ready(Rc<T>),
    /// The call failed.
    Failed(FetchError),
}

// By hand: the derive would require `T: Clone`, and the value is behind an `Rc`.
impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        match self {
            Load::Idle => Load::Idle,
            Load::Loading => Load::Loading,
            Load::Ready(value) => Load::Ready(value.clone()),
            Load::Failed(error) => Load::Failed(error.clone()),
        }
    }
}

/// Fetch `url` (with the bearer `token`, if any) whenever it changes; `None` asks for
/// nothing. Returns the decoded answer and a callback that asks again (the retry button).
#[hook]
pub fn use_fetch<T: DeserializeOwned + 'static>(
    url: Option<String>,
    token: Option<Rc<str>>,
) -> (Load<T>, Callback<()>) {
    let (text, retry) = use_fetch_text(url, token);
    // Decoded once per answer, not once per render.
    let decoded = use_memo(text, |text| match text {
        Load::Idle => Load::Idle,
        Load::Loading => Load::Loading,
        Load::Failed(error) => Load::Failed(error.clone()),
        Load::Ready(text) => match api::decode::<T>(text) {
            Ok(value) => Load::Ready(Rc::new(value)),
            Err(error) => Load::Failed(error),
        },
    });
    ((*decoded).clone(), retry)
}

/// The untyped half of [`use_fetch`]: one copy in the wasm whatever the answer's type.
///
/// Only the answer to the latest URL is kept: a slow answer to an older one is dropped.
#[hook]
fn use_fetch_text(url: Option<String>, token: Option<Rc<str>>) -> (Load<String>, Callback<()>) {
    // The answer is stored with the URL it answers, so a render for a new URL never
    // shows the previous URL's data while the effect has not run yet.
    let state = use_state(|| (None::<String>, Load::<String>::Idle));
    let attempt = use_state(|| 0u32);
    let generation = use_mut_ref(|| 0u64);
    {
        let state = state.clone();
        use_effect_with((url.clone(), token, *attempt), move |(url, token, _)| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            if let Some(url) = url.clone() {
                state.set((Some(url.clone()), Load::Loading));
                let token = token.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = api::get_text(&url, token.as_deref()).await;
                    if *generation.borrow() == mine {
                        let load = match result {
                            Ok(text) => Load::Ready(Rc::new(text)),
                            Err(error) => Load::Failed(error),
                        };
                        state.set((Some(url), load));
                    }
                });
            }
        });
    }
    let retry = Callback::from(move |()| attempt.set(*attempt + 1));
    let load = match (&url, &state.0) {
        (None, _) => Load::Idle,
        (Some(url), Some(answered)) if url == answered => state.1.clone(),
        _ => Load::Loading,
    };
    (load, retry)
}

// Plain functions rather than components: each component costs the wasm its own copy of
// Yew's lifecycle code, and these need no state.

/// "正在加载…" (or `text`), announced to screen readers.
pub fn loading(env: &Env, text: T) -> Html {
    html! { <p class="state state-loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span>{ env.t(text) }</p> }
}

/// The message for a failed call, in the current language, with a retry button for the
/// failures that a retry can fix (offline, rate-limited, server trouble).
pub fn error_box(env: &Env, error: &FetchError, retry: Option<Callback<()>>) -> Html {
    let lang = env.lang;
    let (class, title, message) = match error {
        FetchError::Offline => ("state-offline", env.t(T::OfflineTitle), env.t(T::OfflineText).to_string()),
        FetchError::Network => ("state-offline", env.t(T::NetworkTitle), env.t(T::NetworkText).to_string()),
        FetchError::RateLimited { retry_after } => {
            ("state-limited", env.t(T::RateLimitedTitle), i18n::retry_after(lang, *retry_after))
        }
        FetchError::Api { error, .. } => {
            ("state-error", env.t(T::ErrorTitle), lang.pick(&error.message_zh, &error.message_en).to_string())
        }
        FetchError::Unexpected { status } => ("state-error", env.t(T::ErrorTitle), i18n::unexpected(lang, *status)),
    };
    let retryable = !matches!(error, FetchError::Api { status, .. } if *status < 500);
    let retry = retry.filter(|_| retryable).map(|retry| {
        html! { <button type="button" class="btn btn-secondary" onclick={move |_| retry.emit(())}>{ env.t(T::Retry) }</button> }
    });
    html! {
        <div class={classes!("state", class)} role="alert">
            <p class="state-title">{ title }</p>
            <p>{ message }</p>
            { for retry }
        </div>
    }
}

/// Previous / numbered / next page buttons; nothing when everything fits on one page.
pub fn pager(env: &Env, page: u32, pages: u32, on_page: &Callback<u32>) -> Html {
    if pages <= 1 {
        return Html::default();
    }
    let go = |target: u32| {
        let on_page = on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(target))
    };
    // A window of five numbers around the current page keeps the bar one line on a phone.
    let first = page.saturating_sub(2).max(1).min(pages.saturating_sub(4).max(1));
    let last = (first + 4).min(pages);
    html! {
        <nav class="pager" aria-label={env.t(T::Pagination)}>
            <button type="button" class="btn btn-secondary" disabled={page <= 1} onclick={go(page.saturating_sub(1))}>
                { env.t(T::PreviousPage) }
            </button>
            { for (first..=last).map(|n| {
                let current = n == page;
                html! {
                    <button type="button" class={classes!("btn", "pager-n", current.then_some("current"))}
                        aria-current={current.then_some("page")}
                        aria-label={i18n::page_n(env.lang, n)}
                        onclick={go(n)}>{ n }</button>
                }
            }) }
            <button type="button" class="btn btn-secondary" disabled={page >= pages} onclick={go(page + 1)}>
                { env.t(T::NextPage) }
            </button>
        </nav>
    }
}

/// A small coloured label; `kind` is one of `warn`, `bad`, `good`, `info`.
pub fn badge(kind: &'static str, text: &str) -> Html {
    // Whole class names, not `format!`: no formatting code for a label (wasm size).
    let class = match kind {
        "bad" => "badge badge-bad",
        "good" => "badge badge-good",
        "warn" => "badge badge-warn",
        _ => "badge badge-info",
    };
    html! { <span {class}>{ text.to_string() }</span> }
}

/// A `<dt>`/`<dd>` pair, or nothing when the value is absent.
pub fn field(label: &str, value: Option<String>) -> Html {
    match value.filter(|v| !v.is_empty()) {
        Some(value) => html! { <><dt>{ label.to_string() }</dt><dd>{ value }</dd></> },
        None => Html::default(),
    }
}

/// The number of pages for `total` items of `page_size` each.
pub fn page_count(total: u32, page_size: u32) -> u32 {
    total.div_ceil(page_size.max(1))
}

/// Put the keyboard on the element with this id (a form's first field to fix).
#[cfg(feature = "portal")]
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// What is wrong with a typed text, by the limit the server applies to it
/// (`gzcredit_shared::forms`): the form refuses what the server would refuse, and says
/// why, before anything is sent.
#[cfg(feature = "portal")]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TextProblem {
    /// A required field is empty.
    Missing,
    /// Fewer characters than the field needs.
    TooShort {
        /// Fewest characters accepted.
        min: usize,
        /// Characters typed (trimmed).
        now: usize,
    },
    /// More characters than the field takes.
    TooLong {
        /// Most characters accepted.
        max: usize,
        /// Characters typed (trimmed).
        now: usize,
    },
}

#[cfg(feature = "portal")]
impl TextProblem {
    /// The problem of `value` against `limit`, if any; counted as the server counts
    /// (`TextLimit::accepts`: trimmed, in characters).
    pub fn of(limit: &gzcredit_shared::forms::TextLimit, value: &str) -> Option<TextProblem> {
        if limit.accepts(value) {
            return None;
        }
        let now = value.trim().chars().count();
        Some(match now {
            0 => TextProblem::Missing,
            n if n < limit.min => TextProblem::TooShort { min: limit.min, now },
            _ => TextProblem::TooLong { max: limit.max, now },
        })
    }

    /// Whether to show it: a text too long is shown as it is typed (typing on cannot fix
    /// it); one empty or too short only once a submit was tried, so nobody is scolded for
    /// a field they have not finished.
    pub fn shown(self, tried: bool) -> bool {
        tried || matches!(self, TextProblem::TooLong { .. })
    }

    /// The message, in the current language.
    pub fn message(self, env: &Env) -> String {
        match self {
            TextProblem::Missing => env.t(T::Required).to_string(),
            TextProblem::TooShort { min, now } => i18n::too_short(env.lang, min, now),
            TextProblem::TooLong { max, now } => i18n::too_long(env.lang, max, now),
        }
    }
}

/// The problem of a field, if it is to be shown now (see [`TextProblem::shown`]).
#[cfg(feature = "portal")]
pub fn shown_problem(limit: &gzcredit_shared::forms::TextLimit, value: &str, tried: bool) -> Option<TextProblem> {
    TextProblem::of(limit, value).filter(|p| p.shown(tried))
}

/// A field's error message, `id` being what its input's `aria-describedby` names.
#[cfg(feature = "portal")]
pub fn field_error(env: &Env, id: &'static str, problem: TextProblem) -> Html {
    html! { <p {id} class="field-error">{ problem.message(env) }</p> }
}
