//! `/reports/{number}`: a credit report (Art. 31, 40), print-friendly — each record with
//! its source and its changes with their reasons (信息来源和变动理由), and, on a personal
//! report beyond the year's two free ones, the mark "超出本年度免费次数（第三十一条第二款）"
//! at the top; and `/verify`: whether a presented report is genuine and unaltered, by
//! number or by its text.

use crate::api::{self, FetchError};
use crate::env::{link, use_env, Env};
use crate::i18n::{self, T};
use crate::route::Route;
use crate::session::{session, sign_in_first};
use crate::ui::{badge, error_box, field, focus, loading, use_fetch, Load};
use crate::views::queries_table;
use gzcredit_shared::api::{ReportVerification, SignedReport};
use gzcredit_shared::catalog::Class;
use gzcredit_shared::report::{CreditReport, RecordChange, ReportRecord};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`ReportPage`].
#[derive(Properties, PartialEq)]
pub struct ReportPageProps {
    /// Report number.
    pub number: String,
}

/// A stored report of the signed-in subject.
#[component]
pub fn ReportPage(props: &ReportPageProps) -> Html {
    let env = use_env();
    let session = session();
    let url = session.as_ref().map(|_| env.api_url(&format!("/api/v1/reports/{}", api::encode(&props.number))));
    let (signed, retry) = use_fetch::<SignedReport>(url, session.map(|(token, _)| token));
    let body = match signed {
        Load::Idle => sign_in_first(&env),
        // Through its JSON text, so the report decodes with the same (one) decoder as
        // every other answer, not a second copy of it for `serde_json::Value`.
        Load::Ready(signed) => match api::decode::<CreditReport>(&signed.report.to_string()) {
            Ok(report) => report_view(&env, &report, &signed),
            Err(_) => error_box(&env, &FetchError::Unexpected { status: 0 }, None),
        },
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        Load::Loading => loading(&env, T::Loading),
    };
    html! { <article class="page report-page" aria-labelledby="gz-report-title">{ body }</article> }
}

fn report_view(env: &Env, report: &CreditReport, signed: &SignedReport) -> Html {
    let lang = env.lang;
    let s = &report.subject;
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    // Records grouped by class, in the order of Art. 12.
    let mut classes: Vec<Class> = report.records.iter().map(|r| r.record.class).collect();
    classes.sort();
    classes.dedup();
    let notes = if lang == i18n::Lang::Zh { &report.notes_zh } else { &report.notes_en };
    // The mark as the signed report states it (Art. 31 ¶2), in the page's language.
    let mark = match (lang, &report.quota_mark_zh, &report.quota_mark_en) {
        (i18n::Lang::En, _, Some(en)) => Some(en.clone()),
        (_, Some(zh), _) => Some(zh.clone()),
        _ => None,
    };
    let notice = match lang {
        i18n::Lang::Zh => signed.charge_notice_zh.clone(),
        i18n::Lang::En => signed.charge_notice_en.clone(),
    };
    html! {
        <>
            <header class="report-head">
                <p class="report-issuer">{ report.issuer.clone() }</p>
                <h1 id="gz-report-title">{ lang.pick(&report.title_zh, &report.title_en).to_string() }</h1>
                if let Some(mark) = mark.clone() {
                    <div class="state state-limited report-quota-mark" data-charge="beyond_free_quota" role="note">
                        <p class="state-title">{ mark }</p>
                        if let Some(notice) = notice {
                            <p>{ notice }</p>
                        }
                    </div>
                }
                <dl class="facts report-meta">
                    { field(env.t(T::ReportNumber), Some(report.number.clone())) }
                    { field(env.t(T::ReportAsOf), Some(i18n::beijing_time(lang, &report.as_of))) }
                    { field(env.t(T::ReportPurposeLabel), report.purpose.clone()) }
                    { field(env.t(T::ReportCharge), report.charge.and_then(|c| i18n::report_charge(lang, c))) }
                </dl>
                <p class="report-actions no-print">
                    <button type="button" class="btn btn-primary" onclick={print}>{ env.t(T::Print) }</button>
                    { link(env, Route::Verify { number: report.number.clone() }, "btn btn-secondary verify-link", None,
                        html! { env.t(T::VerifyThisReport) }) }
                </p>
            </header>
            <section class="card report-section" aria-labelledby="gz-rs-subject">
                <h2 id="gz-rs-subject">{ env.t(T::ReportSubject) }</h2>
                <dl class="facts">
                    { field(env.t(T::Uscc), (!s.natural_person).then(|| s.code.clone())) }
                    { field(env.t(T::PublicCode), s.natural_person.then(|| s.code.clone())) }
                    { field(env.t(T::SubjectName), Some(s.name.clone())) }
                    { field(env.t(T::SubjectType), Some(i18n::subject_type_name(lang, &s.subject_type))) }
                    { field(env.t(T::IdNumber), s.id_number.clone()) }
                    { field(env.t(T::RegistrationNumber), s.registration_number.clone()) }
                    { field(env.t(T::Region), Some(i18n::region_name(lang, &s.region))) }
                    { field(env.t(T::LegalRepresentative), s.legal_representative.clone()) }
                    { field(env.t(T::Established), s.established.map(|d| d.to_string())) }
                    { field(env.t(T::Address), s.address.clone()) }
                    { field(env.t(T::RegistrationAuthority), s.registration_authority.clone()) }
                </dl>
            </section>
            <section class="report-section" aria-labelledby="gz-rs-records">
                <h2 id="gz-rs-records">{ env.t(T::ReportContents) }</h2>
                if report.records.is_empty() {
                    <p class="state state-empty">{ env.t(T::ReportNoRecords) }</p>
                }
                { for classes.into_iter().map(|class| html! {
                    <section class="card report-class" data-class={class.as_str()}>
                        <h3>{ lang.pick(class.name_zh(), class.name_en()) }</h3>
                        <ol class="record-list">
                            { for report.records.iter().filter(|r| r.record.class == class).map(|r| html! {
                                <li>{ report_record(env, r) }</li>
                            }) }
                        </ol>
                    </section>
                }) }
            </section>
            <section class="report-section" aria-labelledby="gz-rs-queries">
                <h2 id="gz-rs-queries">{ env.t(T::ReportQueries) }</h2>
                if report.queries.is_empty() {
                    <p class="state state-empty">{ env.t(T::ReportNoQueries) }</p>
                } else {
                    <p class="records-total">{ i18n::query_total(lang, report.queries.len(), report.queries_total) }</p>
                    { queries_table(env, &report.queries, "gz-report-queries-caption") }
                }
            </section>
            <section class="card report-section report-notes" aria-labelledby="gz-rs-notes">
                <h2 id="gz-rs-notes">{ env.t(T::ReportNotes) }</h2>
                <ol>{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ol>
                <dl class="facts signature">
                    <dt>{ env.t(T::ContentHash) }</dt><dd class="code">{ signed.content_hash.clone() }</dd>
                    <dt>{ env.t(T::ReportSignature) }</dt><dd class="code">{ signed.signature.clone() }</dd>
                </dl>
            </section>
        </>
    }
}

fn report_record(env: &Env, r: &ReportRecord) -> Html {
    let lang = env.lang;
    let record = &r.record;
    let live = r.status == "live";
    let title = if record.title.is_empty() {
        lang.pick(&record.item_name_zh, &record.item_name_en).to_string()
    } else {
        record.title.clone()
    };
    let date = |d: Option<gzcredit_shared::Date>| d.map(|d| d.to_string());
    let changes_id = format!("gz-rc-{}", record.id);
    html! {
        <article class={classes!("record", "report-record", if live { "record-live" } else { "record-ended" })}
            data-status={r.status.clone()} data-record={record.id.to_string()}>
            <h4 class="record-title">{ title }</h4>
            <p class="badges">
                { badge(if live { "good" } else { "info" }, env.t(if live { T::RecordLive } else { T::RecordEnded })) }
                { badge("info", lang.pick(&record.item_name_zh, &record.item_name_en)) }
                if record.under_objection { { badge("warn", env.t(T::UnderObjection)) } }
            </p>
            <dl class="facts">
                { field(env.t(T::PublicityLastDay), date(record.publicity_last_day)) }
                { field(env.t(T::Content), Some(record.content.clone())) }
            </dl>
            <section class="report-source" aria-label={env.t(T::ReportSource)}>
                <h5>{ env.t(T::ReportSource) }</h5>
                <dl class="facts">
                    { field(env.t(T::SourceDepartment), Some(record.provider_department.clone())) }
                    { field(env.t(T::DocumentNumber), Some(record.document_number.clone())) }
                    { field(env.t(T::DecisionDate), date(record.decision_date)) }
                    { field(env.t(T::LegalBasis), Some(record.legal_basis.clone())) }
                </dl>
            </section>
            <section class="report-changes" aria-labelledby={changes_id.clone()}>
                <h5 id={changes_id}>{ env.t(T::ReportChanges) }</h5>
                if r.changes.is_empty() {
                    <p class="state-empty">{ env.t(T::ReportNoChanges) }</p>
                } else {
                    <ol class="steps timeline">
                        { for r.changes.iter().map(|c| change_view(env, c)) }
                    </ol>
                }
                if r.earlier_changes_left_out {
                    <p class="report-changes-left-out">
                        { env.t(T::ReportChangesLeftOut) }
                        <span class="no-print">
                            { " " }
                            { link(env, Route::RecordHistory { id: record.id }, "", None,
                                html! { env.t(T::ReportFullHistory) }) }
                        </span>
                    </p>
                }
            </section>
        </article>
    }
}

/// One change of a record: when, by whom, and why (Art. 31 ¶1).
fn change_view(env: &Env, change: &RecordChange) -> Html {
    let lang = env.lang;
    let actor = match (change.actor_role.as_str(), change.actor.as_str()) {
        (_, "") => String::new(),
        ("platform", "objection") => env.t(T::ReportObjectionProcedure).to_string(),
        (_, actor) => actor.to_string(),
    };
    let who = match actor.as_str() {
        "" => i18n::party_role(lang, &change.actor_role),
        actor => format!("{}：{}", i18n::party_role(lang, &change.actor_role), actor),
    };
    html! {
        <li class="step step-done report-change">
            <p class="step-label">
                <span class="step-mark" aria-hidden="true"></span>
                <time datetime={change.changed_at.clone()}>{ i18n::beijing_time(lang, &change.changed_at) }</time>
            </p>
            <dl class="facts facts-inline">
                <dt>{ env.t(T::ChangedBy) }</dt><dd class="change-actor">{ who }</dd>
                <dt>{ env.t(T::ChangeReason) }</dt><dd class="change-reason">{ change.reason.clone() }</dd>
            </dl>
        </li>
    }
}

/// Properties of [`VerifyPage`].
#[derive(Properties, PartialEq)]
pub struct VerifyPageProps {
    /// Report number from the URL (empty: none).
    pub number: String,
}

/// The verdict on a presented report.
#[derive(Clone, PartialEq)]
enum Verdict {
    Idle,
    Checking,
    Done(ReportVerification),
    /// No report with this number was issued.
    Unknown,
    Failed(FetchError),
}

/// Verify a report: by its number (checked at once when the URL names one), or by its text.
#[component]
pub fn VerifyPage(props: &VerifyPageProps) -> Html {
    let env = use_env();
    let number = use_state(|| props.number.clone());
    let text = use_state(String::new);
    let text_error = use_state(|| false);
    let verdict = use_state(|| Verdict::Idle);

    let check_number = {
        let (env, verdict) = (env.clone(), verdict.clone());
        Callback::from(move |number: String| {
            let number = number.trim().to_string();
            if number.is_empty() {
                return;
            }
            verdict.set(Verdict::Checking);
            let (env, verdict) = (env.clone(), verdict.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url = env.api_url(&format!("/api/v1/reports/{}/verify", api::encode(&number)));
                verdict.set(match api::get_text(&url, None).await.and_then(|t| api::decode(&t)) {
                    Ok(answer) => Verdict::Done(answer),
                    Err(FetchError::Api { status: 404, .. }) => Verdict::Unknown,
                    Err(error) => Verdict::Failed(error),
                });
            });
        })
    };
    // The number in the URL is checked on arrival (the report page links here).
    {
        let check_number = check_number.clone();
        use_effect_with(props.number.clone(), move |number| check_number.emit(number.clone()));
    }
    let on_number = {
        let (number, check_number, env) = (number.clone(), check_number.clone(), env.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = number.trim().to_string();
            if value.is_empty() {
                focus("gz-verify-number");
                return;
            }
            // Keep the URL shareable: /verify?number=….
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                if env.embed.is_none() {
                    let path = Route::Verify { number: value.clone() }.to_path();
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
                }
            }
            check_number.emit(value);
        })
    };
    let on_text = {
        let (env, text, text_error, verdict) = (env.clone(), text.clone(), text_error.clone(), verdict.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = text.trim().to_string();
            // Sent exactly as pasted: re-encoding could change what was signed.
            if js_sys::JSON::parse(&body).map(|v| v.is_object()).unwrap_or(false) {
                text_error.set(false);
            } else {
                text_error.set(true);
                focus("gz-verify-text");
                return;
            }
            verdict.set(Verdict::Checking);
            let (env, verdict) = (env.clone(), verdict.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url = env.api_url("/api/v1/reports/verify");
                verdict.set(match api::post_text(&url, Some(body), None).await.and_then(|t| api::decode(&t)) {
                    Ok(answer) => Verdict::Done(answer),
                    Err(error) => Verdict::Failed(error),
                });
            });
        })
    };
    let number_input = {
        let number = number.clone();
        Callback::from(move |e: InputEvent| number.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let text_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let checking = *verdict == Verdict::Checking;
    html! {
        <section class="page verify-page">
            <h1>{ env.t(T::VerifyTitle) }</h1>
            <p class="lead">{ env.t(T::VerifyLead) }</p>
            <div aria-live="polite" class="verdict-region">{ verdict_view(&env, &verdict) }</div>
            <form class="card form" onsubmit={on_number} aria-labelledby="gz-verify-number-h">
                <h2 id="gz-verify-number-h">{ env.t(T::VerifyByNumber) }</h2>
                <div class="field">
                    <label for="gz-verify-number">{ env.t(T::ReportNumber) }</label>
                    <div class="search-row">
                        <input id="gz-verify-number" type="text" spellcheck="false" autocomplete="off" class="code"
                            value={(*number).clone()} oninput={number_input} />
                        <button type="submit" class="btn btn-primary" disabled={checking}>{ env.t(T::VerifyButton) }</button>
                    </div>
                </div>
            </form>
            <form class="card form" onsubmit={on_text} novalidate=true aria-labelledby="gz-verify-text-h">
                <h2 id="gz-verify-text-h">{ env.t(T::VerifyByText) }</h2>
                <div class="field">
                    <label for="gz-verify-text">{ env.t(T::ReportText) }</label>
                    <textarea id="gz-verify-text" rows="6" spellcheck="false" class="code" value={(*text).clone()}
                        oninput={text_input} aria-invalid={text_error.then_some("true")}
                        aria-describedby={text_error.then_some("gz-verify-text-err")} />
                    if *text_error {
                        <p id="gz-verify-text-err" class="field-error">{ env.t(T::NotJson) }</p>
                    }
                </div>
                <button type="submit" class="btn btn-primary" disabled={checking}>{ env.t(T::VerifyButton) }</button>
            </form>
        </section>
    }
}

fn verdict_view(env: &Env, verdict: &Verdict) -> Html {
    let lang = env.lang;
    match verdict {
        Verdict::Idle => Html::default(),
        Verdict::Checking => loading(env, T::Verifying),
        Verdict::Unknown => html! {
            <div class="state verdict verdict-unknown" data-verdict="unknown" role="alert">
                <p class="state-title">{ env.t(T::VerdictUnknown) }</p>
                <p>{ env.t(T::VerdictUnknownText) }</p>
            </div>
        },
        Verdict::Failed(error) => error_box(env, error, None),
        Verdict::Done(v) => {
            let genuine = v.genuine;
            html! {
                <div class={classes!("state", "verdict", if genuine { "verdict-genuine" } else { "verdict-altered" })}
                    data-verdict={if genuine { "genuine" } else { "altered" }} role="status">
                    <p class="state-title">
                        <span aria-hidden="true">{ if genuine { "✓ " } else { "✗ " } }</span>
                        { env.t(if genuine { T::VerdictGenuine } else { T::VerdictAltered }) }
                    </p>
                    <p>{ lang.pick(&v.message_zh, &v.message_en).to_string() }</p>
                    <dl class="facts">
                        { field(env.t(T::ReportNumber), v.number.clone()) }
                        { field(env.t(T::IssuedAt), v.issued_at.as_deref().map(|t| i18n::beijing_time(lang, t))) }
                        { field(env.t(T::ReportSubject), v.subject_code.clone()) }
                        { field(env.t(T::ContentHash), v.content_hash.clone()) }
                    </dl>
                </div>
            }
        }
    }
}
