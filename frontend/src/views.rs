//! View components that more than one page shows: a subject's profile (its own page, and
//! the subject's `/me`) and the table of who queried a subject (`/me/queries`, and the
//! credit report).
//!
//! Not pages themselves: a page that shows another page's part imports it from here, so
//! no page imports another and the page modules stay independent of one another.

use crate::env::{link, use_env, Env};
use crate::i18n::{self, T};
use crate::route::Route;
use crate::ui::{badge, error_box, field, loading, page_count, pager, use_fetch, Load};
#[cfg(feature = "portal")]
use gzcredit_shared::api::QueryView;
use gzcredit_shared::api::{ListStatus, Profile, RecordView, RecordsPage};
use gzcredit_shared::catalog::Class;
use std::rc::Rc;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Records per page of a tab.
const PAGE_SIZE: u32 = 10;

/// Properties of [`ProfileView`].
#[derive(Properties)]
pub struct ProfileViewProps {
    /// The profile.
    pub profile: Rc<Profile>,
    /// The open tab (`None`: the first class with records).
    pub class: Option<Class>,
    /// A tab was chosen.
    pub on_class: Callback<Class>,
    /// Bearer token of the signed-in subject (`/me`), sent with the records calls.
    pub token: Option<Rc<str>>,
    /// Heading level 1 (own page) or 2 (inside `/me`).
    #[prop_or(true)]
    pub top_level: bool,
}

// By hand: the same profile is the same `Rc` (decoded once per answer); comparing its
// contents field by field would cost the wasm a deep `PartialEq` of every API type.
impl PartialEq for ProfileViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.profile, &other.profile)
            && self.class == other.class
            && self.on_class == other.on_class
            && self.token == other.token
            && self.top_level == other.top_level
    }
}

/// A profile: heading, registration information, lists, record tabs. Used by the public
/// profile page and by `/me`.
#[component]
pub fn ProfileView(props: &ProfileViewProps) -> Html {
    let env = use_env();
    let lang = env.lang;
    let profile = &props.profile;
    let s = &profile.subject;
    let class = props
        .class
        .or_else(|| profile.classes.iter().find(|c| c.count > 0).map(|c| c.class))
        .or_else(|| profile.classes.first().map(|c| c.class));
    let on_dishonesty_list = profile.lists.iter().any(|l| l.class == Class::SeriousDishonestyList);
    let on_red_list = profile.lists.iter().any(|l| l.class == Class::RedList);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let name = html! { <>{ s.name.clone() }</> };
    html! {
        <article class="page profile" aria-labelledby="gz-profile-name">
            <div class="profile-head">
                if props.top_level {
                    <h1 id="gz-profile-name">{ name }</h1>
                } else {
                    <h2 id="gz-profile-name">{ name }</h2>
                }
                <p class="badges">
                    if on_dishonesty_list { { badge("bad", env.t(T::SeriousDishonestyBadge)) } }
                    if on_red_list { { badge("good", env.t(T::RedListBadge)) } }
                </p>
                <button type="button" class="btn btn-secondary no-print" onclick={print}>{ env.t(T::Print) }</button>
            </div>
            <section class="card" aria-labelledby="gz-reg-h">
                <h2 id="gz-reg-h">{ env.t(T::RegistrationInfo) }</h2>
                <dl class="facts">
                    { field(env.t(if s.natural_person { T::PublicCode } else { T::Uscc }), Some(s.code.clone())) }
                    { field(env.t(T::SubjectType), Some(i18n::subject_type_name(lang, &s.subject_type))) }
                    { field(env.t(T::RegistrationNumber), s.registration_number.clone()) }
                    { field(env.t(T::Region), Some(i18n::region_name(lang, &s.region))) }
                    { field(env.t(T::LegalRepresentative), s.legal_representative.clone()) }
                    { field(env.t(T::IdNumber), s.id_number.clone()) }
                    { field(env.t(T::Established), s.established.map(|d| d.to_string())) }
                    { field(env.t(T::Address), s.address.clone()) }
                    { field(env.t(T::RegistrationAuthority), s.registration_authority.clone()) }
                    { field(env.t(T::AsOf), Some(profile.as_of.to_string())) }
                </dl>
            </section>
            if !profile.lists.is_empty() {
                <section class="lists" aria-labelledby="gz-lists-h">
                    <h2 id="gz-lists-h">{ env.t(T::ListsHeading) }</h2>
                    { for profile.lists.iter().map(|l| list_view(&env, l)) }
                </section>
            }
            <section class="records" aria-labelledby="gz-records-h">
                <h2 id="gz-records-h">{ env.t(T::RecordsHeading) }</h2>
                { tabs(&env, profile, class, &props.on_class) }
                if let Some(class) = class {
                    <RecordsPanel key={class.as_str()} code={s.code.clone()} {class} token={props.token.clone()} />
                }
            </section>
        </article>
    }
}

fn list_view(env: &Env, list: &ListStatus) -> Html {
    let lang = env.lang;
    let kind = if list.class == Class::RedList { "list-good" } else { "list-bad" };
    html! {
        <section class={classes!("card", "list", kind)}>
            <h3>{ lang.pick(&list.name_zh, &list.name_en).to_string() }</h3>
            <dl class="facts">
                { field(env.t(T::ListDepartment), Some(list.department.clone())) }
                { field(env.t(T::ListSince), list.since.map(|d| d.to_string())) }
                { field(env.t(T::ListUntil), list.until.map(|d| d.to_string())) }
                { field(env.t(T::InclusionConditions), Some(lang.pick(&list.inclusion_conditions_zh, &list.inclusion_conditions_en).to_string())) }
                { field(env.t(T::RemovalConditions), Some(lang.pick(&list.removal_conditions_zh, &list.removal_conditions_en).to_string())) }
                { field(env.t(T::Remedy), Some(lang.pick(&list.remedy_zh, &list.remedy_en).to_string())) }
            </dl>
        </section>
    }
}

/// The class tabs, as an ARIA tablist: arrows, Home and End move between tabs.
fn tabs(env: &Env, profile: &Profile, current: Option<Class>, on_class: &Callback<Class>) -> Html {
    let lang = env.lang;
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let Some(tab) = e.target_dyn_into::<HtmlElement>() else { return };
        let Some(list) = tab.parent_element() else { return };
        let next = match e.key().as_str() {
            "ArrowRight" | "ArrowDown" => tab.next_element_sibling().or_else(|| list.first_element_child()),
            "ArrowLeft" | "ArrowUp" => tab.previous_element_sibling().or_else(|| list.last_element_child()),
            "Home" => list.first_element_child(),
            "End" => list.last_element_child(),
            _ => return,
        };
        e.prevent_default();
        if let Some(next) = next.and_then(|n| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(n).ok()) {
            let _ = next.focus();
            next.click();
        }
    });
    html! {
        <div class="tabs" role="tablist" aria-label={env.t(T::RecordClasses)} {onkeydown}>
            { for profile.classes.iter().map(|c| {
                let selected = Some(c.class) == current;
                let onclick = {
                    let (on_class, class) = (on_class.clone(), c.class);
                    Callback::from(move |_: MouseEvent| on_class.emit(class))
                };
                html! {
                    <button type="button" role="tab" id={format!("gz-tab-{}", c.class.as_str())}
                        class={classes!("tab", (c.count == 0).then_some("tab-empty"))}
                        aria-selected={if selected { "true" } else { "false" }}
                        aria-controls="gz-panel" tabindex={if selected { "0" } else { "-1" }}
                        data-class={c.class.as_str()} {onclick}>
                        <span>{ lang.pick(c.class.name_zh(), c.class.name_en()) }</span>
                        <span class="tab-count">{ c.count }</span>
                        if c.under_objection > 0 {
                            <span class="visually-hidden">{ i18n::under_objection_count(lang, c.under_objection) }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}

/// Properties of [`RecordsPanel`].
#[derive(Properties, PartialEq)]
pub struct RecordsPanelProps {
    /// Subject code.
    pub code: String,
    /// The class shown.
    pub class: Class,
    /// Bearer token, for the subject's own view.
    pub token: Option<Rc<str>>,
}

/// The records of one class, a page at a time.
#[component]
pub fn RecordsPanel(props: &RecordsPanelProps) -> Html {
    let env = use_env();
    let page = use_state(|| 1u32);
    let url = env.api_url(&format!(
        "/api/v1/subjects/{}/records?class={}&page={}&page_size={PAGE_SIZE}",
        crate::api::encode(&props.code),
        props.class.as_str(),
        *page
    ));
    let (records, retry) = use_fetch::<RecordsPage>(Some(url), props.token.clone());
    let on_page = {
        let page = page.clone();
        Callback::from(move |p: u32| page.set(p))
    };
    let body = match records {
        Load::Ready(records) if records.items.is_empty() => html! {
            <p class="state state-empty">{ env.t(T::NoRecords) }</p>
        },
        Load::Ready(records) => html! {
            <>
                <p class="records-total">{ i18n::record_total(env.lang, records.total) }</p>
                <ol class="record-list">
                    { for records.items.iter().map(|r| html! { <li>{ record_view(&env, r, props.token.is_some()) }</li> }) }
                </ol>
                { pager(&env, records.page, page_count(records.total, records.page_size), &on_page) }
            </>
        },
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        _ => loading(&env, T::Loading),
    };
    html! {
        <div id="gz-panel" class="tab-panel" role="tabpanel" tabindex="0"
            aria-labelledby={format!("gz-tab-{}", props.class.as_str())}>
            <h3 class="panel-heading">{ env.lang.pick(props.class.name_zh(), props.class.name_en()) }</h3>
            { body }
        </div>
    }
}

/// Why an ended record ended, and whether its act goes on: shown where ended records are
/// (the subject's own pages, Art. 31). The widget shows public views only, in which every
/// record is live, so it carries none of this.
#[cfg(feature = "portal")]
fn publicity_badges(env: &Env, r: &RecordView) -> Html {
    let ended = match r.publicity {
        gzcredit_shared::query_window::Publicity::Ended { reason, .. } => {
            badge("info", &format!("{}（{}）", env.t(T::PublicityEnded), i18n::end_reason(env.lang, reason)))
        }
        _ => Html::default(),
    };
    let continuing = if r.act_continuing { badge("warn", env.t(T::ActContinuing)) } else { Html::default() };
    html! { <>{ ended }{ continuing }</> }
}

#[cfg(not(feature = "portal"))]
fn publicity_badges(env: &Env, r: &RecordView) -> Html {
    if r.publicity.is_live() {
        Html::default()
    } else {
        badge("info", env.t(T::PublicityEnded))
    }
}

/// One record; `own` when the subject itself is looking (`/me`): then with its history.
fn record_view(env: &Env, r: &RecordView, own: bool) -> Html {
    let lang = env.lang;
    let date = |d: Option<gzcredit_shared::Date>| d.map(|d| d.to_string());
    let persons = (!r.persons.is_empty()).then(|| {
        r.persons
            .iter()
            .map(|p| match &p.id_number {
                Some(id) => format!("{}：{} {}", i18n::person_role(lang, p.role), p.name, id),
                None => format!("{}：{}", i18n::person_role(lang, p.role), p.name),
            })
            .collect::<Vec<_>>()
            .join("；")
    });
    let title =
        if r.title.is_empty() { lang.pick(&r.item_name_zh, &r.item_name_en).to_string() } else { r.title.clone() };
    html! {
        <article class={classes!("record", r.under_objection.then_some("record-objected"))} data-record-id={r.id.to_string()}>
            <h4 class="record-title">{ title.clone() }</h4>
            <p class="badges">
                { badge("info", lang.pick(&r.item_name_zh, &r.item_name_en)) }
                if r.under_objection { { badge("warn", env.t(T::UnderObjection)) } }
                { publicity_badges(env, r) }
            </p>
            <dl class="facts">
                { field(env.t(T::DocumentNumber), Some(r.document_number.clone())) }
                { field(env.t(T::SourceDepartment), Some(r.provider_department.clone())) }
                { field(env.t(T::DecisionDate), date(r.decision_date)) }
                { field(env.t(T::LegalBasis), Some(r.legal_basis.clone())) }
                { field(env.t(T::PublicityLastDay), Some(date(r.publicity_last_day).unwrap_or_else(|| env.t(T::NoEndDate).to_string()))) }
                { field(env.t(T::Persons), persons) }
                { field(env.t(T::Content), Some(r.content.clone())) }
            </dl>
            <p class="record-actions no-print">
                { object_link(env, r.id, &title) }
                { history_link(env, r.id, &title, own) }
            </p>
        </article>
    }
}

/// "提出异议" on a record: the form in the portal; from the widget, the portal's form in a
/// new tab (the widget does not carry the objection pages).
fn object_link(env: &Env, record: i64, title: &str) -> Html {
    let lang = env.lang;
    let to = Route::NewObjection { record: Some(record) };
    // Only the portal runs unembedded: the widget's build need not carry this branch.
    if cfg!(feature = "portal") && env.embed.is_none() {
        return link(
            env,
            to,
            "btn btn-secondary",
            Some(i18n::object_to(lang, title)),
            html! { env.t(T::ObjectAction) },
        );
    }
    html! {
        <a href={env.href(&to)} class="btn btn-secondary" target="_blank" rel="noopener"
            aria-label={format!("{}{}", i18n::object_to(lang, title), env.t(T::OpensInNewTab))}>
            { env.t(T::ObjectAction) }
        </a>
    }
}

/// "来源与变更记录" on the subject's own records (Art. 31); nothing in the widget.
#[cfg(feature = "portal")]
fn history_link(env: &Env, record: i64, title: &str, own: bool) -> Html {
    if !own {
        return Html::default();
    }
    let label = Some(i18n::history_of(env.lang, title));
    link(env, Route::RecordHistory { id: record }, "btn btn-secondary", label, html! { env.t(T::History) })
}

#[cfg(not(feature = "portal"))]
fn history_link(_: &Env, _: i64, _: &str, _: bool) -> Html {
    Html::default()
}

/// The queries of a subject's information as a table (`/me/queries` and the credit report).
#[cfg(feature = "portal")]
pub fn queries_table(env: &Env, items: &[QueryView], caption_id: &'static str) -> Html {
    let lang = env.lang;
    let cell = |label: T, content: Html| html! { <td data-label={env.t(label)}>{ content }</td> };
    html! {
        <div class="table-wrap">
            <table class="data-table queries-table" aria-labelledby={caption_id}>
                <caption id={caption_id} class="visually-hidden">{ env.t(T::WhoQueriedMe) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ env.t(T::QueryTime) }</th>
                        <th scope="col">{ env.t(T::QueryRole) }</th>
                        <th scope="col">{ env.t(T::QueryOrganisation) }</th>
                        <th scope="col">{ env.t(T::QueryMatter) }</th>
                        <th scope="col">{ env.t(T::QueryItems) }</th>
                        <th scope="col">{ env.t(T::QueryOutcome) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for items.iter().map(|q| {
                        let matter = q
                            .matter
                            .as_deref()
                            .map(|m| i18n::matter_name(lang, m).or_else(|| q.matter_zh.clone()).unwrap_or_else(|| m.to_string()))
                            .or_else(|| q.purpose.clone())
                            .unwrap_or_else(|| "—".to_string());
                        let items = q.items.iter().map(|i| i18n::item_name(lang, i)).collect::<Vec<_>>();
                        let what = if items.is_empty() {
                            i18n::query_action(lang, &q.action)
                        } else {
                            format!("{}：{}", i18n::query_action(lang, &q.action), items.join(lang.pick("、", ", ")))
                        };
                        let ok = q.outcome == "ok";
                        html! {
                            <tr data-seq={q.seq.to_string()}>
                                { cell(T::QueryTime, html! { i18n::beijing_time(lang, &q.at) }) }
                                { cell(T::QueryRole, html! { i18n::party_role(lang, &q.role) }) }
                                { cell(T::QueryOrganisation, html! {
                                    <>{ q.organisation.clone().unwrap_or_else(|| q.account.clone()) }</>
                                }) }
                                { cell(T::QueryMatter, html! { matter }) }
                                { cell(T::QueryItems, html! { what }) }
                                { cell(T::QueryOutcome, badge(if ok { "good" } else { "bad" },
                                    env.t(if ok { T::QueryAllowed } else { T::QueryRefused }))) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
