//! `/objections/{id}`: where an objection stands, step by step with its deadline (Art. 34).

use crate::env::{use_env, Env};
use crate::i18n::{self, T};
use crate::ui::{badge, error_box, field, loading, use_fetch, Load};
use gzcredit_shared::api::{ObjectionStatus, StepView};
use yew::prelude::*;

/// Properties of [`ObjectionPage`].
#[derive(Properties, PartialEq)]
pub struct ObjectionPageProps {
    /// Receipt number.
    pub id: String,
}

/// The status of one objection.
#[component]
pub fn ObjectionPage(props: &ObjectionPageProps) -> Html {
    let env = use_env();
    let url = env.api_url(&format!("/api/v1/objections/{}", crate::api::encode(&props.id)));
    let (status, retry) = use_fetch::<ObjectionStatus>(Some(url), None);
    let body = match status {
        Load::Ready(status) => {
            let lang = env.lang;
            let current = status.steps.iter().find(|s| s.done_on.is_none());
            let progress = match (current, &status.outcome) {
                (_, Some(outcome)) => match outcome.as_str() {
                    "corrected" => env.t(T::OutcomeCorrected).to_string(),
                    "not_corrected" => env.t(T::OutcomeNotCorrected).to_string(),
                    other => other.to_string(),
                },
                (Some(step), None) => lang.pick(&step.label_zh, &step.label_en).to_string(),
                (None, None) => env.t(T::ObjectionDone).to_string(),
            };
            let provisional = status.steps.iter().any(|s| s.provisional && s.done_on.is_none());
            html! {
                <>
                    <dl class="card facts">
                        { field(env.t(T::ReceiptNumber), Some(status.id.clone())) }
                        { field(env.t(T::RecordId), Some(status.record_id.to_string())) }
                        { field(env.t(T::ReceivedOn), Some(status.received_on.to_string())) }
                        { field(env.t(T::ObjectionRoute), Some(env.t(match status.route.as_deref() {
                            Some("platform") => T::RoutePlatform,
                            Some("provider") => T::RouteProvider,
                            _ => T::RouteNotYet,
                        }).to_string())) }
                        { field(env.t(if status.outcome.is_some() { T::Outcome } else { T::CurrentStep }), Some(progress)) }
                        { field(env.t(T::DecisionReason), status.reason.clone()) }
                    </dl>
                    <h2>{ env.t(T::StepsHeading) }</h2>
                    <ol class="steps">
                        { for status.steps.iter().map(|s| step_view(&env, s, current == Some(s))) }
                    </ol>
                    if provisional {
                        <p class="hint">{ "* " }{ env.t(T::ProvisionalNote) }</p>
                    }
                </>
            }
        }
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        _ => loading(&env, T::Loading),
    };
    html! {
        <section class="page objection-status">
            <h1>{ env.t(T::ObjectionStatusTitle) }</h1>
            { body }
        </section>
    }
}

fn step_view(env: &Env, step: &StepView, current: bool) -> Html {
    let lang = env.lang;
    let state = match (step.done_on, step.overdue) {
        (Some(_), _) => "step-done",
        (None, true) => "step-overdue",
        (None, false) if current => "step-current",
        (None, false) => "step-pending",
    };
    let due = step.due.map(|d| format!("{d}{}", if step.provisional { " *" } else { "" }));
    html! {
        <li class={classes!("step", state)} aria-current={current.then_some("step")} data-step={step.step.clone()}>
            <p class="step-label">
                <span class="step-mark" aria-hidden="true"></span>
                { lang.pick(&step.label_zh, &step.label_en).to_string() }
                if step.overdue && step.done_on.is_none() { { " " }{ badge("bad", env.t(T::Overdue)) } }
            </p>
            <dl class="facts facts-inline">
                { field(env.t(T::Due), due) }
                { field(env.t(T::DoneOn), Some(step.done_on.map(|d| d.to_string()).unwrap_or_else(|| i18n::not_yet(lang)))) }
            </dl>
        </li>
    }
}
