//! `/` and `/search?q=…&region=…&type=…&page=…`: the one search box, its filters and
//! the results.

use crate::env::{plain_click, use_env, Env};
use crate::i18n::{self, T};
use crate::route::{Route, SearchQuery};
use crate::ui::{badge, error_box, loading, page_count, pager, use_fetch, Load};
use gzcredit_shared::api::{SearchResponse, SubjectCategory, SubjectSummary, MAX_QUERY_CHARS, MAX_RESULT_WINDOW};
use gzcredit_shared::identifiers::{classify, normalize, IdentifierKind as K, SearchInput};
use gzcredit_shared::regions::PREFECTURES;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Results per page.
const PAGE_SIZE: u32 = 10;

/// Properties of [`SearchPage`].
#[derive(Properties, PartialEq)]
pub struct SearchPageProps {
    /// The search in the URL (empty on `/`).
    pub query: SearchQuery,
}

/// The search page: box with live code validation, filters, results.
#[component]
pub fn SearchPage(props: &SearchPageProps) -> Html {
    let env = use_env();
    let query = &props.query;
    let typed = use_state(|| query.q.clone());
    let region = use_state(|| query.region.clone());
    let subject_type = use_state(|| query.subject_type.clone());
    // The person's name that an ID search needs (Art. 4): kept in the page, never in the URL.
    // `sent_name` is the one the last submit sent, so typing it sends nothing.
    let person_name = use_state(String::new);
    let sent_name = use_state(String::new);
    let input_ref = use_node_ref();
    let name_ref = use_node_ref();

    // Back/forward (or a link) changed the URL: show what it says.
    {
        let (typed, region, subject_type) = (typed.clone(), region.clone(), subject_type.clone());
        use_effect_with(query.clone(), move |q| {
            typed.set(q.q.clone());
            region.set(q.region.clone());
            subject_type.set(q.subject_type.clone());
        });
    }

    let hint = Hint::of(&typed);
    let url = (!query.q.trim().is_empty()).then(|| {
        env.api_url(&format!(
            "/api/v1/subjects?q={}&name={}&region={}&type={}&page={}&page_size={PAGE_SIZE}",
            crate::api::encode(query.q.trim()),
            crate::api::encode(sent_name.trim()),
            crate::api::encode(&query.region),
            crate::api::encode(&query.subject_type),
            query.page
        ))
    });
    let (results, retry) = use_fetch::<SearchResponse>(url, None);

    let go = {
        let navigate = env.navigate.clone();
        move |q: String, region: String, subject_type: String, page: u32| {
            navigate.emit(Route::Search(SearchQuery { q, region, subject_type, page }))
        }
    };
    let onsubmit = {
        let (typed, region, subject_type, input_ref, go) =
            (typed.clone(), region.clone(), subject_type.clone(), input_ref.clone(), go.clone());
        let (person_name, sent_name, name_ref) = (person_name.clone(), sent_name.clone(), name_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A code that cannot be right is not sent: the message under the box says why.
            let mut q = typed.trim().to_string();
            match Hint::of(&q) {
                // A valid code is sent as the standard writes it (no spaces, upper case).
                Hint::Valid(_) => q = normalize(&q),
                Hint::Invalid(_) | Hint::Empty => q.clear(),
                Hint::Name | Hint::Pinyin => {}
            }
            let needs_name = matches!(Hint::of(&q), Hint::Valid(K::ResidentId)) && person_name.trim().is_empty();
            if q.is_empty() || needs_name {
                let focus = if needs_name { &name_ref } else { &input_ref };
                if let Some(input) = focus.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
                return;
            }
            sent_name.set((*person_name).clone());
            go(q, (*region).clone(), (*subject_type).clone(), 1);
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_name = {
        let person_name = person_name.clone();
        Callback::from(move |e: InputEvent| person_name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Changing a filter re-runs the current search at once.
    let on_filter = |state: UseStateHandle<String>, is_region: bool| {
        let (query, go) = (query.clone(), go.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            state.set(value.clone());
            if !query.q.is_empty() {
                let (r, t) =
                    if is_region { (value, query.subject_type.clone()) } else { (query.region.clone(), value) };
                go(query.q.clone(), r, t, 1);
            }
        })
    };
    let on_page = {
        let (query, go) = (query.clone(), go.clone());
        Callback::from(move |page: u32| go(query.q.clone(), query.region.clone(), query.subject_type.clone(), page))
    };

    let compact = env.embed.as_ref().is_some_and(|e| e.compact);
    let lang = env.lang;
    let (hint_class, hint_text) = hint.view(lang);
    let invalid = matches!(hint, Hint::Invalid(_));
    html! {
        <section class="page search-page">
            if !compact {
                <h1>{ env.t(T::SearchHeading) }</h1>
                <p class="lead">{ env.t(T::SearchLead) }</p>
            }
            <form class="search-form" role="search" aria-label={env.t(T::SearchHeading)} {onsubmit} novalidate=true>
                <label for="gz-q" class="search-label">{ env.t(T::SearchLabel) }</label>
                <div class="search-row">
                    <input id="gz-q" ref={input_ref} type="search" name="q" value={(*typed).clone()} {oninput}
                        maxlength={MAX_QUERY_CHARS.to_string()} autocomplete="off" spellcheck="false" enterkeyhint="search"
                        placeholder={env.t(T::SearchPlaceholder)}
                        aria-describedby="gz-q-hint" aria-invalid={invalid.then_some("true")} />
                    <button type="submit" class="btn btn-primary">{ env.t(T::SearchButton) }</button>
                </div>
                <p id="gz-q-hint" class={classes!("hint", hint_class)} aria-live="polite">{ hint_text }</p>
                if matches!(hint, Hint::Valid(K::ResidentId)) {
                    <div class="field">
                        <label for="gz-name">{ env.t(T::SearchPersonName) }</label>
                        <input id="gz-name" ref={name_ref} type="text" required=true autocomplete="off"
                            value={(*person_name).clone()} oninput={on_name} />
                    </div>
                }
                if !compact {
                    <div class="filters">
                        <div class="field">
                            <label for="gz-region">{ env.t(T::FilterRegion) }</label>
                            <select id="gz-region" onchange={on_filter(region.clone(), true)}>
                                { option("", env.t(T::AllRegions), region.is_empty()) }
                                { for PREFECTURES.iter().map(|(code, zh, en)| option(code, lang.pick(zh, en), *region == *code)) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="gz-type">{ env.t(T::FilterType) }</label>
                            <select id="gz-type" onchange={on_filter(subject_type.clone(), false)}>
                                { option("", env.t(T::AllTypes), subject_type.is_empty()) }
                                // The categories the server filters by (`type=`), so every one
                                // offered is one it accepts.
                                { for SubjectCategory::ALL.iter().map(|c| {
                                    option(c.as_str(), i18n::category_name(lang, *c), *subject_type == c.as_str())
                                }) }
                            </select>
                        </div>
                    </div>
                }
            </form>
            { results_view(&env, &results, retry, on_page) }
        </section>
    }
}

/// One `<option>` of a filter. A function, so that both filters and their "all" entries
/// share one copy of the code that builds it (wasm size).
fn option(value: &'static str, label: &'static str, selected: bool) -> Html {
    html! { <option {value} {selected}>{ label }</option> }
}

fn results_view(env: &Env, results: &Load<SearchResponse>, retry: Callback<()>, on_page: Callback<u32>) -> Html {
    match results {
        Load::Idle => Html::default(),
        Load::Loading => html! { { loading(env, T::Searching) } },
        Load::Failed(error) => error_box(env, error, Some(retry)),
        Load::Ready(response) if response.items.is_empty() => html! {
            <div class="state state-empty" role="status">
                <p class="state-title">{ env.t(T::NoResultsTitle) }</p>
                <p>{ env.t(T::NoResultsText) }</p>
                // Suggestions are names near the query, never results: apart, under their own heading.
                if !response.suggestions.is_empty() {
                    <section class="suggestions" aria-labelledby="gz-suggestions-h">
                        <h2 id="gz-suggestions-h" class="suggestions-heading">{ env.t(T::DidYouMean) }</h2>
                        <ul class="result-list">
                            { for response.suggestions.iter().map(|s| result_item(env, s)) }
                        </ul>
                    </section>
                }
            </div>
        },
        Load::Ready(response) => {
            let shown = response.total.min(MAX_RESULT_WINDOW);
            let pages = page_count(shown, response.page_size);
            html! {
                <section class="results" aria-labelledby="gz-results-h">
                    <h2 id="gz-results-h" class="results-heading">{ env.t(T::ResultsHeading) }</h2>
                    <p class="results-total" role="status">
                        { i18n::result_total(env.lang, response.total, response.total_is_estimate) }
                    </p>
                    <ul class="result-list">
                        { for response.items.iter().map(|s| result_item(env, s)) }
                    </ul>
                    { pager(env, response.page, pages, &on_page) }
                    if response.total_is_estimate {
                        <p class="hint">{ env.t(T::RefineQuery) }</p>
                    }
                </section>
            }
        }
    }
}

fn result_item(env: &Env, subject: &SubjectSummary) -> Html {
    let lang = env.lang;
    let route = Route::Subject { code: subject.code.clone(), class: None };
    let onclick = {
        let env = env.clone();
        let (code, name, route) = (subject.code.clone(), subject.name.clone(), route.clone());
        Callback::from(move |e: MouseEvent| {
            if !plain_click(&e) {
                return;
            }
            choose(&env, &e, &code, &name, route.clone());
        })
    };
    html! {
        <li class="result">
            <h3 class="result-name"><a href={env.href(&route)} {onclick}>{ subject.name.clone() }</a></h3>
            <p class="result-meta">
                <span class="code">{ subject.code.clone() }</span>
                <span>{ i18n::subject_type_name(lang, &subject.subject_type) }</span>
                <span>{ i18n::region_name(lang, &subject.region) }</span>
            </p>
            if subject.serious_dishonesty || subject.red_list {
                <p class="badges">
                    if subject.serious_dishonesty { { badge("bad", env.t(T::SeriousDishonestyBadge)) } }
                    if subject.red_list { { badge("good", env.t(T::RedListBadge)) } }
                </p>
            }
        </li>
    }
}

/// A subject was chosen from the results. The portal opens its profile; the widget first
/// tells the host page (`gz-credit-select`, cancelable), then opens it inline or lets the
/// link go to the portal.
fn choose(env: &Env, e: &MouseEvent, code: &str, name: &str, route: Route) {
    let Some(embed) = &env.embed else {
        e.prevent_default();
        env.navigate.emit(route);
        return;
    };
    #[cfg(feature = "widget")]
    let proceed = crate::env::emit_select(&embed.host, code, name);
    #[cfg(not(feature = "widget"))]
    let proceed = {
        let _ = (code, name);
        true
    };
    if !proceed {
        e.prevent_default();
    } else if embed.open_inline {
        e.prevent_default();
        env.navigate.emit(route);
    }
}

/// What the search box says about the text typed so far.
#[derive(Clone, PartialEq, Debug)]
enum Hint {
    Empty,
    Name,
    Pinyin,
    Valid(gzcredit_shared::identifiers::IdentifierKind),
    Invalid(Box<gzcredit_shared::identifiers::IdentifierError>),
}

impl Hint {
    fn of(typed: &str) -> Hint {
        if typed.trim().is_empty() {
            return Hint::Empty;
        }
        match classify(typed) {
            SearchInput::Uscc(_) => Hint::Valid(K::Uscc),
            SearchInput::ResidentId(_) => Hint::Valid(K::ResidentId),
            SearchInput::RegistrationNumber(_) => Hint::Valid(K::RegistrationNumber),
            SearchInput::InvalidCode(error) => Hint::Invalid(Box::new(error)),
            SearchInput::Pinyin(_) => Hint::Pinyin,
            SearchInput::Name(_) => Hint::Name,
        }
    }

    fn view(&self, lang: i18n::Lang) -> (&'static str, String) {
        match self {
            Hint::Empty => ("", T::SearchHintEmpty.get(lang).to_string()),
            Hint::Name => ("", T::SearchHintName.get(lang).to_string()),
            Hint::Pinyin => ("", T::SearchHintPinyin.get(lang).to_string()),
            Hint::Valid(kind) => ("hint-ok", i18n::code_ok(lang, kind.name_zh(), kind.name_en())),
            Hint::Invalid(error) => ("hint-error", lang.pick(&error.message_zh(), &error.message_en()).to_string()),
        }
    }
}
