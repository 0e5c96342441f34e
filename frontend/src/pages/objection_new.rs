//! `/objections/new?record=ID`: file an objection to a record (Art. 34).

use crate::api::{self, FetchError};
use crate::app::{link, use_env};
use crate::i18n::T;
use crate::route::Route;
use crate::ui::error_box;
use gzcredit_shared::api::{ObjectionRequest, ObjectionStatus, Objector};
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
    let refs = [use_node_ref(), use_node_ref(), use_node_ref()];

    let Some(record_id) = props.record else {
        return html! {
            <section class="page">
                <h1>{ env.t(T::NewObjectionTitle) }</h1>
                <p class="state state-error" role="alert">{ env.t(T::ObjectionNoRecord) }</p>
                <p>{ link(&env, Route::Search(Default::default()), "", None, html! { env.t(T::BackToSearch) }) }</p>
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
    let missing = |value: &str| value.trim().is_empty();
    let onsubmit = {
        let (form, submit, env, refs) = (form.clone(), submit.clone(), env.clone(), refs.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*submit, Submit::Sending) {
                return;
            }
            let f = (*form).clone();
            // Put the keyboard on the first field still to fill.
            let first_missing = [&f.name, &f.contact, &f.reason].iter().position(|v| v.trim().is_empty());
            if let Some(index) = first_missing {
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
            let (submit, url) = (submit.clone(), env.api_url("/api/v1/objections"));
            wasm_bindgen_futures::spawn_local(async move {
                submit.set(match api::post::<_, ObjectionStatus>(&url, &request, None).await {
                    Ok(status) => Submit::Done(status),
                    Err(error) => Submit::Failed(error),
                });
            });
        })
    };

    let tried = !matches!(*submit, Submit::Editing { tried: false });
    let error_of = |value: &str, id: &'static str| -> (Option<&'static str>, Html) {
        if tried && missing(value) {
            (Some("true"), html! { <p id={id} class="field-error">{ env.t(T::Required) }</p> })
        } else {
            (None, Html::default())
        }
    };
    let (name_invalid, name_error) = error_of(&form.name, "gz-name-err");
    let (contact_invalid, contact_error) = error_of(&form.contact, "gz-contact-err");
    let (reason_invalid, reason_error) = error_of(&form.reason, "gz-reason-err");
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
                    <textarea id="gz-evidence" rows="4" value={form.evidence.clone()} aria-describedby="gz-evidence-hint"
                        oninput={set(|f, v| f.evidence = v)} />
                    <p id="gz-evidence-hint" class="hint">{ env.t(T::ObjectionEvidenceHint) }</p>
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
