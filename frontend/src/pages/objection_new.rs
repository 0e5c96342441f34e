//! `/objections/new?record=ID`: file an objection to a record (Art. 34).

use crate::api::{self, FetchError};
use crate::env::{link, use_env};
use crate::i18n::T;
use crate::route::Route;
use crate::ui::{error_box, field_error, shown_problem};
use gzcredit_shared::api::{
    check_error_report, ErrorReportReceipt, ErrorReportRequest, ObjectionRequest, ObjectionStatus, Objector,
};
use gzcredit_shared::forms::{TextLimit, OBJECTION_EVIDENCE, OBJECTION_REASON, OBJECTOR_CONTACT, OBJECTOR_NAME};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`NewObjectionPage`].
#[derive(Properties, PartialEq)]
pub struct NewObjectionPageProps {
    /// The record objected to.
    pub record: Option<i64>,
}

/// The form's fields, as typed.
#[derive(Clone, PartialEq, Default)]
struct Form {
    name: String,
    contact: String,
    reason: String,
    evidence: String,
}

impl Form {
    /// Each field with the limit the server applies to it, in the order of the form.
    fn fields(&self) -> [(&str, TextLimit); 4] {
        [
            (&self.name, OBJECTOR_NAME),
            (&self.contact, OBJECTOR_CONTACT),
            (&self.reason, OBJECTION_REASON),
            (&self.evidence, OBJECTION_EVIDENCE),
        ]
    }
}

/// Where the submission stands.
#[derive(Clone, PartialEq)]
enum Submit {
    Editing { tried: bool },
    Sending,
    Failed(FetchError),
    Done(ObjectionStatus),
}

/// The objection form; on success, the receipt number and a link to the status page.
#[component]
pub fn NewObjectionPage(props: &NewObjectionPageProps) -> Html {
    let env = use_env();
    let form = use_state(Form::default);
    let submit = use_state(|| Submit::Editing { tried: false });
    let refs = [use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref()];

    let Some(record_id) = props.record else {
        return html! {
            <section class="page">
                <h1>{ env.t(T::NewObjectionTitle) }</h1>
                <p class="state state-error" role="alert">{ env.t(T::ObjectionNoRecord) }</p>
                <p>{ link(&env, Route::Search(Default::default()), "", None, html! { env.t(T::BackToSearch) }) }</p>
            </section>
        };
    };

    // Art. 34 ¶1: the subject objects; anyone else reports an error (the server decides).
    let Some((token, _code)) = crate::session::session() else {
        return html! {
            <section class="page objection-page">
                <h1>{ env.t(T::NewObjectionTitle) }</h1>
                <p class="state state-info" role="status">{ env.t(T::ObjectionSubjectOnly) }</p>
                <p>{ link(&env, Route::Me(crate::route::MeSection::Records), "btn btn-primary", None, html! { env.t(T::SignInToObject) }) }</p>
                <ErrorReportForm record_id={record_id} />
            </section>
        };
    };

    if let Submit::Done(status) = &*submit {
        return html! {
            <section class="page">
                <h1>{ env.t(T::ObjectionReceivedTitle) }</h1>
                <div class="card receipt" role="status">
                    <p>{ env.t(T::ObjectionReceivedText) }</p>
                    <p class="receipt-number">{ env.t(T::ReceiptNumber) }{ "：" }<strong>{ status.id.clone() }</strong></p>
                </div>
                <p>{ link(&env, Route::Objection { id: status.id.clone() }, "btn btn-primary", None, html! { env.t(T::ViewObjectionStatus) }) }</p>
            </section>
        };
    }

    let set = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let target = e.target().expect("input event has a target");
            let value = wasm_bindgen::JsCast::dyn_ref::<HtmlInputElement>(&target)
                .map(|i| i.value())
                .or_else(|| wasm_bindgen::JsCast::dyn_ref::<HtmlTextAreaElement>(&target).map(|t| t.value()))
                .unwrap_or_default();
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let onsubmit = {
        let (form, submit, env, refs) = (form.clone(), submit.clone(), env.clone(), refs.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*submit, Submit::Sending) {
                return;
            }
            let f = (*form).clone();
            // Nothing the server would refuse is sent (a reason of four characters, a name
            // of sixty): the keyboard goes to the first field to fix.
            let first_wrong = f.fields().iter().position(|(value, limit)| !limit.accepts(value));
            if let Some(index) = first_wrong {
                submit.set(Submit::Editing { tried: true });
                if let Some(el) = refs[index].cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
                return;
            }
            let request = ObjectionRequest {
                record_id,
                objector: Objector { name: f.name.trim().to_string(), contact: f.contact.trim().to_string() },
                reason: f.reason.trim().to_string(),
                evidence: f.evidence.trim().to_string(),
            };
            submit.set(Submit::Sending);
            let (submit, url, token) = (submit.clone(), env.api_url("/api/v1/objections"), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                submit.set(match api::post::<_, ObjectionStatus>(&url, &request, Some(&token)).await {
                    Ok(status) => Submit::Done(status),
                    Err(error) => Submit::Failed(error),
                });
            });
        })
    };

    let tried = !matches!(*submit, Submit::Editing { tried: false });
    let error_of = |(value, limit): (&str, TextLimit), id: &'static str| -> (Option<&'static str>, Html) {
        match shown_problem(&limit, value, tried) {
            Some(problem) => (Some("true"), field_error(&env, id, problem)),
            None => (None, Html::default()),
        }
    };
    let [name, contact, reason, evidence] = form.fields();
    let (name_invalid, name_error) = error_of(name, "gz-name-err");
    let (contact_invalid, contact_error) = error_of(contact, "gz-contact-err");
    let (reason_invalid, reason_error) = error_of(reason, "gz-reason-err");
    let (evidence_invalid, evidence_error) = error_of(evidence, "gz-evidence-err");
    let sending = matches!(*submit, Submit::Sending);
    html! {
        <section class="page objection-page">
            <h1>{ env.t(T::NewObjectionTitle) }</h1>
            <p class="lead">{ env.t(T::ObjectionLead) }</p>
            <p class="record-ref">{ env.t(T::RecordId) }{ "：" }<strong>{ record_id }</strong></p>
            <form class="card form" {onsubmit} novalidate=true aria-describedby="gz-required-note">
                <p id="gz-required-note" class="hint">{ env.t(T::RequiredNote) }</p>
                <div class="field">
                    <label for="gz-name">{ env.t(T::ObjectorName) }<span aria-hidden="true">{ " *" }</span></label>
                    <input id="gz-name" ref={refs[0].clone()} type="text" autocomplete="name" required=true value={form.name.clone()}
                        aria-invalid={name_invalid} aria-describedby={name_invalid.map(|_| "gz-name-err")}
                        oninput={set(|f, v| f.name = v)} />
                    { name_error }
                </div>
                <div class="field">
                    <label for="gz-contact">{ env.t(T::ObjectorContact) }<span aria-hidden="true">{ " *" }</span></label>
                    <input id="gz-contact" ref={refs[1].clone()} type="text" autocomplete="tel" inputmode="email" required=true
                        value={form.contact.clone()}
                        aria-invalid={contact_invalid}
                        aria-describedby={if contact_invalid.is_some() { "gz-contact-hint gz-contact-err" } else { "gz-contact-hint" }}
                        oninput={set(|f, v| f.contact = v)} />
                    <p id="gz-contact-hint" class="hint">{ env.t(T::ObjectorContactHint) }</p>
                    { contact_error }
                </div>
                <div class="field">
                    <label for="gz-reason">{ env.t(T::ObjectionReason) }<span aria-hidden="true">{ " *" }</span></label>
                    <textarea id="gz-reason" ref={refs[2].clone()} rows="5" required=true value={form.reason.clone()}
                        aria-invalid={reason_invalid} aria-describedby={reason_invalid.map(|_| "gz-reason-err")}
                        oninput={set(|f, v| f.reason = v)} />
                    { reason_error }
                </div>
                <div class="field">
                    <label for="gz-evidence">{ env.t(T::ObjectionEvidence) }</label>
                    <textarea id="gz-evidence" ref={refs[3].clone()} rows="4" value={form.evidence.clone()}
                        aria-invalid={evidence_invalid}
                        aria-describedby={if evidence_invalid.is_some() { "gz-evidence-hint gz-evidence-err" } else { "gz-evidence-hint" }}
                        oninput={set(|f, v| f.evidence = v)} />
                    <p id="gz-evidence-hint" class="hint">{ env.t(T::ObjectionEvidenceHint) }</p>
                    { evidence_error }
                </div>
                if let Submit::Failed(error) = &*submit {
                    { error_box(&env, error, None) }
                }
                <button type="submit" class="btn btn-primary" disabled={sending}>
                    { env.t(if sending { T::Submitting } else { T::SubmitObjection }) }
                </button>
            </form>
        </section>
    }
}

/// Properties of [`ErrorReportForm`].
#[derive(Properties, PartialEq)]
pub struct ErrorReportFormProps {
    /// The record concerned.
    pub record_id: i64,
}

/// Where an error report stands.
#[derive(Clone, PartialEq)]
enum Report {
    Editing { invalid: Option<String> },
    Sending,
    Failed(FetchError),
    Done(ErrorReportReceipt),
}

/// The public's "report an error" form: it reaches the staff and marks nothing.
#[component]
fn ErrorReportForm(props: &ErrorReportFormProps) -> Html {
    let env = use_env();
    let description = use_state(String::new);
    let contact = use_state(String::new);
    let state = use_state(|| Report::Editing { invalid: None });
    let record_id = props.record_id;
    if let Report::Done(receipt) = &*state {
        return html! {
            <div class="card receipt" role="status">
                <p>{ env.t(T::ErrorReportReceived) }<strong>{ receipt.id.clone() }</strong></p>
            </div>
        };
    }
    let input = |target: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let Some(t) = e.target() else { return };
            let value = wasm_bindgen::JsCast::dyn_ref::<HtmlInputElement>(&t)
                .map(|i| i.value())
                .or_else(|| wasm_bindgen::JsCast::dyn_ref::<HtmlTextAreaElement>(&t).map(|a| a.value()))
                .unwrap_or_default();
            target.set(value);
        })
    };
    let onsubmit = {
        let (description, contact, state, env) = (description.clone(), contact.clone(), state.clone(), env.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*state, Report::Sending) {
                return;
            }
            let request = ErrorReportRequest {
                record_id,
                description: description.trim().to_string(),
                contact: Some(contact.trim().to_string()).filter(|c| !c.is_empty()),
            };
            // The same limits the server applies, before sending.
            if let Err(error) = check_error_report(&request) {
                state.set(Report::Editing {
                    invalid: Some(env.lang.pick(&error.message_zh, &error.message_en).to_string()),
                });
                return;
            }
            state.set(Report::Sending);
            let (state, url) = (state.clone(), env.api_url("/api/v1/error-reports"));
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match api::post::<_, ErrorReportReceipt>(&url, &request, None).await {
                    Ok(receipt) => Report::Done(receipt),
                    Err(error) => Report::Failed(error),
                });
            });
        })
    };
    let invalid = match &*state {
        Report::Editing { invalid: Some(message) } => Some(message.clone()),
        _ => None,
    };
    html! {
        <form class="card form" {onsubmit} novalidate=true>
            <h2>{ env.t(T::ReportErrorTitle) }</h2>
            <p class="hint">{ env.t(T::ReportErrorLead) }</p>
            <div class="field">
                <label for="gz-report">{ env.t(T::ReportErrorDescription) }<span aria-hidden="true">{ " *" }</span></label>
                <textarea id="gz-report" rows="4" required=true value={(*description).clone()}
                    aria-invalid={invalid.as_ref().map(|_| "true")} aria-describedby={invalid.as_ref().map(|_| "gz-report-err")}
                    oninput={input(description.clone())} />
                if let Some(message) = invalid {
                    <p id="gz-report-err" class="field-error">{ message }</p>
                }
            </div>
            <div class="field">
                <label for="gz-report-contact">{ env.t(T::ReportErrorContact) }</label>
                <input id="gz-report-contact" type="text" autocomplete="email" value={(*contact).clone()}
                    oninput={input(contact.clone())} />
            </div>
            if let Report::Failed(error) = &*state {
                { error_box(&env, error, None) }
            }
            <button type="submit" class="btn" disabled={matches!(*state, Report::Sending)}>{ env.t(T::SubmitErrorReport) }</button>
        </form>
    }
}
