//! `/me`, `/me/queries`, `/me/grants`: the signed-in subject's own pages (Art. 16, 31). A
//! bearer token is pasted once and kept in sessionStorage; the subject then sees its own
//! records (ended ones too, each with its history), gets its credit report, sees who
//! queried it, and issues and revokes written authorizations.

use crate::api::{self, FetchError};
use crate::env::{link, storage, use_env, Env};
use crate::i18n::{self, T};
use crate::route::{MeSection, Route};
use crate::session;
use crate::ui::{badge, error_box, field_error, focus, loading, page_count, pager, use_fetch, Load, TextProblem};
use crate::views::{queries_table, ProfileView};
use gzcredit_shared::api::{GrantList, GrantRequest, GrantView, Profile, QueriesPage, ReportRequest, SignedReport};
use gzcredit_shared::authorization::GrantStatus;
use gzcredit_shared::catalog::{self, Class, DisclosureLevel};
use gzcredit_shared::forms::{GRANTEE, GRANT_PURPOSE, REPORT_PURPOSE};
use gzcredit_shared::identity::{parse_token, Role};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// localStorage key of the numbers of the reports got in this browser, newest first.
const REPORTS_KEY: &str = "gzcredit.reports";
/// Queries per page.
const QUERIES_PAGE_SIZE: u32 = 20;

/// Properties of [`MePage`].
#[derive(Properties, PartialEq)]
pub struct MePageProps {
    /// The part shown.
    pub section: MeSection,
}

/// The subject's page: token form, or its sections.
#[component]
pub fn MePage(props: &MePageProps) -> Html {
    let env = use_env();
    let token = use_state(|| session::stored_token().map(Rc::<str>::from));
    let draft = use_state(String::new);
    let class = use_state(|| None::<Class>);

    let save = {
        let (token, draft) = (token.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = draft.trim().to_string();
            if !value.is_empty() {
                session::sign_in(&value);
                token.set(Some(Rc::from(value)));
            }
        })
    };
    let sign_out = {
        let token = token.clone();
        Callback::from(move |_: MouseEvent| {
            session::sign_out();
            token.set(None);
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };

    let parsed = token.as_deref().map(|t| parse_token(t.trim()));
    let signed_in = match (&*token, &parsed) {
        (Some(token), Some(Ok(p))) if p.claims.role == Role::Subject && p.claims.subject.is_some() => {
            Some((Rc::<str>::from(token.trim()), p.claims.subject.clone().unwrap_or_default()))
        }
        _ => None,
    };
    let token_problem = match &parsed {
        Some(Err(error)) => Some(env.lang.pick(&error.message_zh, &error.message_en).to_string()),
        Some(Ok(_)) if signed_in.is_none() => Some(env.t(T::TokenNotSubject).to_string()),
        _ => None,
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
    let section = props.section;
    let tab = |target: MeSection, label: T| {
        let current = section == target;
        html! {
            <li aria-current={current.then_some("page")}>
                { link(&env, Route::Me(target), if current { "me-tab current" } else { "me-tab" }, None, html! { env.t(label) }) }
            </li>
        }
    };
    html! {
        <section class="page me-page">
            <div class="profile-head">
                <h1>{ env.t(match section {
                    MeSection::Records => T::MeTitle,
                    MeSection::Queries => T::WhoQueriedMe,
                    MeSection::Grants => T::GrantsTitle,
                }) }</h1>
                <button type="button" class="btn btn-secondary no-print" onclick={sign_out}>{ env.t(T::SignOut) }</button>
            </div>
            <p class="hint">{ env.t(T::SignedInAs) }{ "：" }<span class="code">{ code.clone() }</span></p>
            <nav class="me-nav no-print" aria-label={env.t(T::MeSections)}>
                <ul>
                    { tab(MeSection::Records, T::MyRecords) }
                    { tab(MeSection::Queries, T::WhoQueriedMe) }
                    { tab(MeSection::Grants, T::GrantsTitle) }
                </ul>
            </nav>
            { match section {
                MeSection::Records => html! {
                    <MyRecords token={token.clone()} code={code.clone()} class={*class} {on_class} />
                },
                MeSection::Queries => html! { <QueriesSection token={token.clone()} /> },
                MeSection::Grants => html! { <GrantsSection token={token.clone()} /> },
            } }
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

/// The credit report card and the subject's own profile, fetched with its token.
#[component]
fn MyRecords(props: &MyRecordsProps) -> Html {
    let env = use_env();
    let url = env.api_url(&format!("/api/v1/subjects/{}", api::encode(&props.code)));
    let (profile, retry) = use_fetch::<Profile>(Some(url), Some(props.token.clone()));
    match profile {
        Load::Ready(profile) => html! {
            <>
                <ReportCard token={props.token.clone()} natural_person={profile.subject.natural_person} />
                <section class="me-section" aria-label={env.t(T::MyRecords)}>
                    <ProfileView {profile} class={props.class} on_class={props.on_class.clone()}
                        token={Some(props.token.clone())} top_level={false} />
                </section>
            </>
        },
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        _ => loading(&env, T::Loading),
    }
}

/// Properties of [`ReportCard`].
#[derive(Properties, PartialEq)]
struct ReportCardProps {
    token: Rc<str>,
    natural_person: bool,
}

/// "My credit report": ask for one (with an optional purpose) — beyond the year's two free
/// ones it is still issued, marked on its face (Art. 31 ¶2) — and reopen the ones got in
/// this browser.
#[component]
fn ReportCard(props: &ReportCardProps) -> Html {
    let env = use_env();
    let purpose = use_state(String::new);
    let sending = use_state(|| false);
    let failure = use_state(|| None::<FetchError>);
    let recent: Vec<String> = storage::get(REPORTS_KEY)
        .map(|list| list.split(',').filter(|n| !n.is_empty()).map(String::from).collect())
        .unwrap_or_default();

    let onsubmit = {
        let (env, purpose, sending, failure, token) =
            (env.clone(), purpose.clone(), sending.clone(), failure.clone(), props.token.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *sending {
                return;
            }
            // Optional, but not longer than the server takes (`forms::REPORT_PURPOSE`).
            if !REPORT_PURPOSE.accepts(&purpose) {
                focus("gz-report-purpose");
                return;
            }
            sending.set(true);
            failure.set(None);
            let text = purpose.trim().to_string();
            let request = ReportRequest { purpose: (!text.is_empty()).then_some(text) };
            let (env, sending, failure, token) = (env.clone(), sending.clone(), failure.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url = env.api_url("/api/v1/reports");
                let answer = api::post::<_, SignedReport>(&url, &request, Some(&token)).await;
                sending.set(false);
                match answer {
                    Ok(signed) => {
                        let number = gzcredit_shared::report::number_of(&signed.report).unwrap_or_default().to_string();
                        remember_report(&number);
                        env.navigate.emit(Route::Report { number });
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let oninput = {
        let purpose = purpose.clone();
        Callback::from(move |e: InputEvent| purpose.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Only a purpose too long can be wrong (it is optional), and that shows as it is typed.
    let purpose_problem = TextProblem::of(&REPORT_PURPOSE, &purpose);
    let purpose_invalid = purpose_problem.is_some();
    html! {
        <section class="card me-section report-card" aria-labelledby="gz-report-h">
            <h2 id="gz-report-h">{ env.t(T::MyCreditReport) }</h2>
            <p class="lead">{ env.t(if props.natural_person { T::ReportLeadPersonal } else { T::ReportLeadEnterprise }) }</p>
            <form class="form" {onsubmit}>
                <div class="field">
                    <label for="gz-report-purpose">{ env.t(T::ReportPurpose) }</label>
                    <input id="gz-report-purpose" type="text" maxlength={REPORT_PURPOSE.max.to_string()} value={(*purpose).clone()} {oninput}
                        aria-invalid={purpose_invalid.then_some("true")}
                        aria-describedby={if purpose_invalid { "gz-report-purpose-hint gz-report-purpose-err" } else { "gz-report-purpose-hint" }} />
                    <p id="gz-report-purpose-hint" class="hint">{ env.t(T::ReportPurposeHint) }</p>
                    if let Some(problem) = purpose_problem { { field_error(&env, "gz-report-purpose-err", problem) } }
                </div>
                if let Some(error) = &*failure {
                    { error_box(&env, error, None) }
                }
                <button type="submit" class="btn btn-primary" disabled={*sending}>
                    { env.t(if *sending { T::Requesting } else { T::RequestReport }) }
                </button>
            </form>
            if !recent.is_empty() {
                <h3 class="recent-heading">{ env.t(T::RecentReports) }</h3>
                <ul class="plain-list recent-reports">
                    { for recent.into_iter().map(|number| html! {
                        <li>{ link(&env, Route::Report { number: number.clone() }, "code", None, html! { number }) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}

/// Keep a report number in this browser's list (newest first, at most ten).
fn remember_report(number: &str) {
    if number.is_empty() {
        return;
    }
    let mut list: Vec<String> = storage::get(REPORTS_KEY)
        .map(|l| l.split(',').filter(|n| !n.is_empty() && *n != number).map(String::from).collect())
        .unwrap_or_default();
    list.insert(0, number.to_string());
    list.truncate(10);
    storage::set(REPORTS_KEY, &list.join(","));
}

/// Properties of the sections fetched with the token.
#[derive(Properties, PartialEq)]
struct TokenProps {
    token: Rc<str>,
}

/// Who queried me (Art. 31): a table, stacked into cards on a phone.
#[component]
fn QueriesSection(props: &TokenProps) -> Html {
    let env = use_env();
    let page = use_state(|| 1u32);
    let url = env.api_url(&format!("/api/v1/me/queries?page={}&page_size={QUERIES_PAGE_SIZE}", *page));
    let (queries, retry) = use_fetch::<QueriesPage>(Some(url), Some(props.token.clone()));
    let on_page = {
        let page = page.clone();
        Callback::from(move |p: u32| page.set(p))
    };
    let body = match queries {
        Load::Ready(queries) if queries.items.is_empty() => html! {
            <p class="state state-empty">{ env.t(T::NoQueries) }</p>
        },
        Load::Ready(queries) => html! {
            <>
                <p class="records-total">{ i18n::query_total(env.lang, queries.total as usize, queries.total) }</p>
                { queries_table(&env, &queries.items, "gz-queries-caption") }
                { pager(&env, queries.page, page_count(queries.total, queries.page_size), &on_page) }
            </>
        },
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        _ => loading(&env, T::Loading),
    };
    html! {
        <section class="me-section">
            <p class="lead">{ env.t(T::QueriesLead) }</p>
            { body }
        </section>
    }
}

/// The state of the grant form.
#[derive(Clone, PartialEq, Default)]
struct GrantForm {
    grantee: String,
    items: Vec<&'static str>,
    purpose: String,
    valid_from: String,
    valid_until: String,
}

/// What the grants section last did.
#[derive(Clone, PartialEq)]
enum GrantAction {
    Idle,
    Sending,
    Issued(String),
    Revoked(String),
    Failed(FetchError),
}

/// Written authorizations (Art. 16 ¶3): the list with revocation, and the form to issue one.
#[component]
fn GrantsSection(props: &TokenProps) -> Html {
    let env = use_env();
    let (list, refresh) = use_fetch::<GrantList>(Some(env.api_url("/api/v1/grants")), Some(props.token.clone()));
    let form = use_state(|| {
        let today = i18n::today();
        GrantForm {
            valid_from: today.to_string(),
            valid_until: today.add_years(1).add_days(-1).to_string(),
            ..Default::default()
        }
    });
    let tried = use_state(|| false);
    let action = use_state(|| GrantAction::Idle);
    let confirming = use_state(|| None::<String>);

    let set = |apply: fn(&mut GrantForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let toggle = |code: &'static str| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            match next.items.iter().position(|c| *c == code) {
                Some(i) => {
                    next.items.remove(i);
                }
                None => next.items.push(code),
            }
            form.set(next);
        })
    };
    // The server's limits (`forms::GRANTEE`, `GRANT_PURPOSE`): what it would refuse is not sent.
    let problems = |f: &GrantForm| {
        (TextProblem::of(&GRANTEE, &f.grantee), f.items.is_empty(), TextProblem::of(&GRANT_PURPOSE, &f.purpose))
    };
    let onsubmit = {
        let (env, form, tried, action, refresh, token) =
            (env.clone(), form.clone(), tried.clone(), action.clone(), refresh.clone(), props.token.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *action == GrantAction::Sending {
                return;
            }
            let f = (*form).clone();
            let (grantee_problem, no_items, purpose_problem) = problems(&f);
            if grantee_problem.is_some() || no_items || purpose_problem.is_some() {
                tried.set(true);
                let first = if grantee_problem.is_some() {
                    "gz-grantee"
                } else if no_items {
                    "gz-grant-item-0"
                } else {
                    "gz-grant-purpose"
                };
                focus(first);
                return;
            }
            let (Ok(valid_from), Ok(valid_until)) =
                (gzcredit_shared::Date::parse(&f.valid_from), gzcredit_shared::Date::parse(&f.valid_until))
            else {
                tried.set(true);
                focus("gz-valid-from");
                return;
            };
            let request = GrantRequest {
                grantee: f.grantee.trim().to_string(),
                items: f.items.iter().map(|c| c.to_string()).collect(),
                purpose: f.purpose.trim().to_string(),
                valid_from,
                valid_until,
            };
            action.set(GrantAction::Sending);
            let (env, form, tried, action, refresh, token) =
                (env.clone(), form.clone(), tried.clone(), action.clone(), refresh.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url = env.api_url("/api/v1/grants");
                match api::post::<_, GrantView>(&url, &request, Some(&token)).await {
                    Ok(grant) => {
                        tried.set(false);
                        form.set(GrantForm {
                            items: Vec::new(),
                            grantee: String::new(),
                            purpose: String::new(),
                            ..(*form).clone()
                        });
                        action.set(GrantAction::Issued(grant.id));
                        refresh.emit(());
                    }
                    Err(error) => action.set(GrantAction::Failed(error)),
                }
            });
        })
    };
    let revoke = {
        let (env, action, refresh, confirming, token) =
            (env.clone(), action.clone(), refresh.clone(), confirming.clone(), props.token.clone());
        Callback::from(move |id: String| {
            confirming.set(None);
            action.set(GrantAction::Sending);
            let (env, action, refresh, token) = (env.clone(), action.clone(), refresh.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url = env.api_url(&format!("/api/v1/grants/{}/revoke", api::encode(&id)));
                match api::post_text(&url, None, Some(&token)).await {
                    Ok(_) => {
                        action.set(GrantAction::Revoked(id));
                        refresh.emit(());
                    }
                    Err(error) => action.set(GrantAction::Failed(error)),
                }
            });
        })
    };

    let lang = env.lang;
    let (grantee_problem, no_items, purpose_problem) = problems(&form);
    let show = |problem: bool| *tried && problem;
    let grantee_problem = grantee_problem.filter(|p| p.shown(*tried));
    let purpose_problem = purpose_problem.filter(|p| p.shown(*tried));
    let (no_grantee, no_purpose) = (grantee_problem.is_some(), purpose_problem.is_some());
    let error = |id: &'static str, text: T| html! { <p id={id} class="field-error">{ env.t(text) }</p> };
    let sending = *action == GrantAction::Sending;
    let notice = match &*action {
        GrantAction::Issued(id) => html! {
            <p class="state state-done" role="status">{ env.t(T::GrantIssued) }{ " " }<span class="code">{ id.clone() }</span></p>
        },
        GrantAction::Revoked(id) => html! {
            <p class="state state-done" role="status">{ env.t(T::GrantRevokedNotice) }{ " " }<span class="code">{ id.clone() }</span></p>
        },
        GrantAction::Failed(error) => error_box(&env, error, None),
        _ => Html::default(),
    };
    // The items that need an authorization first, then the public ones (which anyone may
    // query anyway); never the government-only ones (Art. 16).
    let mut grantable: Vec<_> = catalog::ITEMS.iter().filter(|i| i.disclosure != DisclosureLevel::Government).collect();
    grantable.sort_by_key(|i| i.disclosure == DisclosureLevel::Public);
    let list_view = match list {
        Load::Ready(list) if list.items.is_empty() => html! { <p class="state state-empty">{ env.t(T::NoGrants) }</p> },
        Load::Ready(list) => html! {
            <ul class="plain-list grant-list">
                { for list.items.iter().map(|g| grant_view(&env, g, &confirming, &revoke, sending)) }
            </ul>
        },
        Load::Failed(error) => error_box(&env, &error, Some(refresh.clone())),
        _ => loading(&env, T::Loading),
    };
    html! {
        <>
            <p class="lead">{ env.t(T::GrantsLead) }</p>
            <div aria-live="polite">{ notice }</div>
            <section class="me-section" aria-labelledby="gz-grants-h">
                <h2 id="gz-grants-h" class="visually-hidden">{ env.t(T::GrantsTitle) }</h2>
                { list_view }
            </section>
            <section class="card me-section" aria-labelledby="gz-grant-form-h">
                <h2 id="gz-grant-form-h">{ env.t(T::IssueGrant) }</h2>
                <form class="form grant-form" {onsubmit} novalidate=true aria-describedby="gz-grant-required">
                    <p id="gz-grant-required" class="hint">{ env.t(T::RequiredNote) }</p>
                    <div class="field">
                        <label for="gz-grantee">{ env.t(T::Grantee) }<span aria-hidden="true">{ " *" }</span></label>
                        <input id="gz-grantee" type="text" maxlength={GRANTEE.max.to_string()} required=true autocomplete="organization"
                            value={form.grantee.clone()} oninput={set(|f, v| f.grantee = v)}
                            aria-invalid={no_grantee.then_some("true")}
                            aria-describedby={if no_grantee { "gz-grantee-hint gz-grantee-err" } else { "gz-grantee-hint" }} />
                        <p id="gz-grantee-hint" class="hint">{ env.t(T::GranteeHint) }</p>
                        if let Some(problem) = grantee_problem { { field_error(&env, "gz-grantee-err", problem) } }
                    </div>
                    <fieldset class="field checks" aria-describedby={if show(no_items) { "gz-items-hint gz-items-err" } else { "gz-items-hint" }}>
                        <legend>{ env.t(T::GrantItems) }<span aria-hidden="true">{ " *" }</span></legend>
                        <p id="gz-items-hint" class="hint">{ env.t(T::GrantItemsHint) }</p>
                        { for grantable.into_iter().enumerate().map(|(n, item)| {
                            let id = format!("gz-grant-item-{n}");
                            let public = item.disclosure == DisclosureLevel::Public;
                            html! {
                                <div class="check">
                                    <input type="checkbox" id={id.clone()} value={item.code}
                                        checked={form.items.contains(&item.code)} onchange={toggle(item.code)} />
                                    <label for={id}>
                                        { lang.pick(item.name_zh, item.name_en) }
                                        { " " }{ badge(if public { "info" } else { "warn" }, env.t(if public { T::PublicItem } else { T::AuthorizedItem })) }
                                    </label>
                                </div>
                            }
                        }) }
                        if show(no_items) { { error("gz-items-err", T::ChooseItems) } }
                    </fieldset>
                    <div class="field">
                        <label for="gz-grant-purpose">{ env.t(T::GrantPurpose) }<span aria-hidden="true">{ " *" }</span></label>
                        <input id="gz-grant-purpose" type="text" maxlength={GRANT_PURPOSE.max.to_string()} required=true
                            value={form.purpose.clone()} oninput={set(|f, v| f.purpose = v)}
                            aria-invalid={no_purpose.then_some("true")}
                            aria-describedby={if no_purpose { "gz-purpose-hint gz-purpose-err" } else { "gz-purpose-hint" }} />
                        <p id="gz-purpose-hint" class="hint">{ env.t(T::GrantPurposeHint) }</p>
                        if let Some(problem) = purpose_problem { { field_error(&env, "gz-purpose-err", problem) } }
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="gz-valid-from">{ env.t(T::ValidFrom) }</label>
                            <input id="gz-valid-from" type="date" required=true value={form.valid_from.clone()}
                                oninput={set(|f, v| f.valid_from = v)} />
                        </div>
                        <div class="field">
                            <label for="gz-valid-until">{ env.t(T::ValidUntil) }</label>
                            <input id="gz-valid-until" type="date" required=true value={form.valid_until.clone()}
                                oninput={set(|f, v| f.valid_until = v)} />
                        </div>
                    </div>
                    <button type="submit" class="btn btn-primary" disabled={sending}>
                        { env.t(if sending { T::Submitting } else { T::IssueGrant }) }
                    </button>
                </form>
            </section>
        </>
    }
}

/// One authorization, with its revoke button (and the confirmation it asks first).
fn grant_view(
    env: &Env,
    grant: &GrantView,
    confirming: &UseStateHandle<Option<String>>,
    revoke: &Callback<String>,
    busy: bool,
) -> Html {
    let lang = env.lang;
    let (kind, status) = match grant.status {
        GrantStatus::Pending => ("info", T::GrantPending),
        GrantStatus::Valid => ("good", T::GrantValid),
        GrantStatus::Expired => ("info", T::GrantExpired),
        GrantStatus::Revoked => ("bad", T::GrantRevoked),
    };
    let revocable = matches!(grant.status, GrantStatus::Pending | GrantStatus::Valid);
    let asking = confirming.as_deref() == Some(grant.id.as_str());
    let ask = {
        let (confirming, id) = (confirming.clone(), grant.id.clone());
        Callback::from(move |_: MouseEvent| confirming.set(Some(id.clone())))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(None))
    };
    let confirm = {
        let (revoke, id) = (revoke.clone(), grant.id.clone());
        Callback::from(move |_: MouseEvent| revoke.emit(id.clone()))
    };
    let items = grant.items.iter().map(|i| i18n::item_name(lang, i)).collect::<Vec<_>>().join(lang.pick("、", ", "));
    html! {
        <li class="card grant" data-grant-id={grant.id.clone()}>
            <div class="grant-head">
                <h3>{ grant.grantee.clone() }</h3>
                { badge(kind, env.t(status)) }
            </div>
            <dl class="facts">
                <dt>{ env.t(T::GrantNumber) }</dt><dd class="code">{ grant.id.clone() }</dd>
                <dt>{ env.t(T::GrantItems) }</dt><dd>{ items }</dd>
                <dt>{ env.t(T::GrantPurpose) }</dt><dd>{ grant.purpose.clone() }</dd>
                <dt>{ env.t(T::GrantPeriod) }</dt><dd>{ i18n::period(lang, grant.valid_from, grant.valid_until) }</dd>
                if let Some(day) = grant.revoked_on {
                    <dt>{ env.t(T::GrantRevoked) }</dt><dd>{ day.to_string() }</dd>
                }
            </dl>
            if revocable && !asking {
                <p class="record-actions no-print">
                    <button type="button" class="btn btn-secondary" onclick={ask} disabled={busy}
                        aria-label={i18n::revoke_grant(lang, &grant.grantee, &grant.id)}>{ env.t(T::Revoke) }</button>
                </p>
            }
            if revocable && asking {
                <div class="confirm no-print" role="group" aria-label={i18n::revoke_grant(lang, &grant.grantee, &grant.id)}>
                    <p>{ env.t(T::RevokeConfirm) }</p>
                    <button type="button" class="btn btn-danger" onclick={confirm} disabled={busy}>{ env.t(T::ConfirmRevoke) }</button>
                    { " " }
                    <button type="button" class="btn btn-secondary" onclick={cancel}>{ env.t(T::Cancel) }</button>
                </div>
            }
        </li>
    }
}
