//! `/me`: the signed-in subject's own page (Art. 31). A bearer token is pasted once and
//! kept in localStorage; the subject then sees its own records (ended ones too), who
//! queried it and its credit report — the last two once the API offers them.

use crate::app::{storage, use_env, Env};
use crate::i18n::T;
use crate::pages::profile::ProfileView;
use crate::ui::{error_box, loading, use_fetch, Load};
use gzcredit_shared::api::Profile;
use gzcredit_shared::catalog::Class;
use gzcredit_shared::identity::{parse_token, Role};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// localStorage key of the token.
const TOKEN_KEY: &str = "gzcredit.token";
/// "Who queried me" (Art. 31: the subject may see who queried its information).
const QUERIES_PATH: &str = "/api/v1/me/queries";
/// "My credit report".
const REPORT_PATH: &str = "/api/v1/me/report";

/// The subject's page: token form, or its profile and the two services.
#[component]
pub fn MePage() -> Html {
    let env = use_env();
    let token = use_state(|| storage::get(TOKEN_KEY).map(Rc::<str>::from));
    let draft = use_state(String::new);
    let class = use_state(|| None::<Class>);

    // The subject's code is read from the token's claims; the server checks the signature.
    let subject = token.as_deref().map(|t| parse_token(t.trim()).map(|t| (t.claims.role, t.claims.subject)));

    let save = {
        let (token, draft) = (token.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = draft.trim().to_string();
            if !value.is_empty() {
                storage::set(TOKEN_KEY, &value);
                token.set(Some(Rc::from(value)));
            }
        })
    };
    let sign_out = {
        let token = token.clone();
        Callback::from(move |_: MouseEvent| {
            storage::remove(TOKEN_KEY);
            token.set(None);
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };

    let signed_in = match (&*token, subject) {
        (Some(token), Some(Ok((Role::Subject, Some(code))))) => Some((token.clone(), code)),
        _ => None,
    };
    let token_problem = match &*token {
        Some(t) => match parse_token(t.trim()) {
            Err(error) => Some(env.lang.pick(&error.message_zh, &error.message_en).to_string()),
            Ok(parsed) if parsed.claims.role != Role::Subject || parsed.claims.subject.is_none() => {
                Some(env.t(T::TokenNotSubject).to_string())
            }
            Ok(_) => None,
        },
        None => None,
    };

    let Some((token, code)) = signed_in else {
        return html! {
            <section class="page me-page">
                <h1>{ env.t(T::MeTitle) }</h1>
                <p class="lead">{ env.t(T::MeLead) }</p>
                if let Some(problem) = token_problem {
                    <div class="state state-error" role="alert">
                        <p>{ problem }</p>
                        <button type="button" class="btn btn-secondary" onclick={sign_out}>{ env.t(T::SignOut) }</button>
                    </div>
                }
                <form class="card form" onsubmit={save}>
                    <div class="field">
                        <label for="gz-token">{ env.t(T::TokenLabel) }</label>
                        <textarea id="gz-token" rows="4" spellcheck="false" autocomplete="off" value={(*draft).clone()}
                            {oninput} aria-describedby="gz-token-hint" />
                        <p id="gz-token-hint" class="hint">{ env.t(T::TokenHint) }</p>
                    </div>
                    <button type="submit" class="btn btn-primary">{ env.t(T::SignIn) }</button>
                </form>
            </section>
        };
    };

    let on_class = {
        let class = class.clone();
        Callback::from(move |c: Class| class.set(Some(c)))
    };
    html! {
        <section class="page me-page">
            <div class="profile-head">
                <h1>{ env.t(T::MeTitle) }</h1>
                <button type="button" class="btn btn-secondary no-print" onclick={sign_out}>{ env.t(T::SignOut) }</button>
            </div>
            <MyRecords token={token.clone()} code={code.clone()} class={*class} {on_class} />
            <Service token={token.clone()} path={QUERIES_PATH} title={T::WhoQueriedMe} />
            <Service token={token} path={REPORT_PATH} title={T::MyCreditReport} />
        </section>
    }
}

/// Properties of [`MyRecords`].
#[derive(Properties, PartialEq)]
struct MyRecordsProps {
    token: Rc<str>,
    code: String,
    class: Option<Class>,
    on_class: Callback<Class>,
}

/// The subject's own profile, fetched with its token.
#[component]
fn MyRecords(props: &MyRecordsProps) -> Html {
    let env = use_env();
    let url = env.api_url(&format!("/api/v1/subjects/{}", crate::api::encode(&props.code)));
    let (profile, retry) = use_fetch::<Profile>(Some(url), Some(props.token.clone()));
    html! {
        <section class="me-section" aria-label={env.t(T::MyRecords)}>
            { match profile {
                Load::Ready(profile) => html! {
                    <ProfileView {profile} class={props.class} on_class={props.on_class.clone()}
                        token={Some(props.token.clone())} top_level={false} />
                },
                Load::Failed(error) => error_box(&env, &error, Some(retry)),
                _ => loading(&env, T::Loading),
            } }
        </section>
    }
}

/// Properties of [`Service`].
#[derive(Properties, PartialEq)]
struct ServiceProps {
    token: Rc<str>,
    path: &'static str,
    title: T,
}

/// A section backed by an endpoint that may not exist yet: 404 or 405 says "not yet available".
#[component]
fn Service(props: &ServiceProps) -> Html {
    let env = use_env();
    let (answer, retry) = use_fetch::<serde_json::Value>(Some(env.api_url(props.path)), Some(props.token.clone()));
    let body = match answer {
        Load::Failed(error) if error.is_not_offered() => html! {
            <p class="state state-empty">{ env.t(T::NotYetAvailable) }</p>
        },
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        Load::Ready(value) => json_view(&env, &value),
        _ => loading(&env, T::Loading),
    };
    html! {
        <section class="card me-section">
            <h2>{ env.t(props.title) }</h2>
            { body }
        </section>
    }
}

/// A generic rendering of an answer whose shape is not settled: a list of `items` (or of
/// the array itself), each as label–value pairs.
fn json_view(env: &Env, value: &serde_json::Value) -> Html {
    use serde_json::Value;
    let items = match value {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => match map.get("items") {
            Some(Value::Array(items)) => items.as_slice(),
            _ => std::slice::from_ref(value),
        },
        _ => std::slice::from_ref(value),
    };
    if items.is_empty() {
        return html! { <p class="state state-empty">{ env.t(T::NothingYet) }</p> };
    }
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    html! {
        <ul class="plain-list">
            { for items.iter().map(|item| match item {
                Value::Object(map) => html! {
                    <li><dl class="facts">{ for map.iter().map(|(k, v)| html! { <><dt>{ k.clone() }</dt><dd>{ text(v) }</dd></> }) }</dl></li>
                },
                other => html! { <li>{ text(other) }</li> },
            }) }
        </ul>
    }
}
