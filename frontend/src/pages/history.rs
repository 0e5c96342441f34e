//! `/me/records/{id}/history`: where one of the signed-in subject's records came from and
//! every change to it — when, by whom, why, and what it said after (Art. 31).

use crate::env::{link, use_env, Env};
use crate::i18n::{self, T};
use crate::route::{MeSection, Route};
use crate::session::{session, sign_in_first};
use crate::ui::{error_box, field, loading, use_fetch, Load};
use gzcredit_shared::api::{HistoryEntry, RecordHistory};
use yew::prelude::*;

/// Properties of [`HistoryPage`].
#[derive(Properties, PartialEq)]
pub struct HistoryPageProps {
    /// Platform record id.
    pub id: i64,
}

/// The history of one record, oldest change first, as a timeline.
#[component]
pub fn HistoryPage(props: &HistoryPageProps) -> Html {
    let env = use_env();
    let session = session();
    let url = session.as_ref().map(|_| env.api_url(&format!("/api/v1/me/records/{}/history", props.id)));
    let (history, retry) = use_fetch::<RecordHistory>(url, session.map(|(token, _)| token));
    let lang = env.lang;
    let body = match history {
        Load::Idle => sign_in_first(&env),
        Load::Ready(h) => html! {
            <>
                <dl class="card facts">
                    { field(env.t(T::RecordId), Some(h.record_id.to_string())) }
                    { field(env.t(T::CatalogItem), Some(i18n::item_name(lang, &h.item_code))) }
                    { field(env.t(T::SourceDepartment), Some(h.provider_department.clone())) }
                    { field(env.t(T::DocumentNumber), Some(h.document_number.clone())) }
                </dl>
                if h.entries.is_empty() {
                    <p class="state state-empty">{ env.t(T::NoHistory) }</p>
                } else {
                    <ol class="steps timeline">
                        { for h.entries.iter().enumerate().map(|(n, e)| entry_view(&env, n, e)) }
                    </ol>
                }
            </>
        },
        Load::Failed(error) => error_box(&env, &error, Some(retry)),
        Load::Loading => loading(&env, T::Loading),
    };
    html! {
        <section class="page history-page">
            <h1>{ env.t(T::HistoryTitle) }</h1>
            <p class="lead">{ env.t(T::HistoryLead) }</p>
            { body }
            <p class="no-print">{ link(&env, Route::Me(MeSection::Records), "", None, html! { env.t(T::BackToMe) }) }</p>
        </section>
    }
}

fn entry_view(env: &Env, n: usize, entry: &HistoryEntry) -> Html {
    let lang = env.lang;
    let who = match entry.actor.as_str() {
        "" => i18n::party_role(lang, &entry.actor_role),
        actor => format!("{}：{}", i18n::party_role(lang, &entry.actor_role), actor),
    };
    let snapshot: Vec<(String, String)> = match &entry.snapshot {
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })
            .collect(),
        serde_json::Value::Null => Vec::new(),
        other => vec![(String::new(), other.to_string())],
    };
    html! {
        <li class="step step-done history-entry">
            <p class="step-label">
                <span class="step-mark" aria-hidden="true"></span>
                <time datetime={entry.changed_at.clone()}>{ i18n::beijing_time(lang, &entry.changed_at) }</time>
            </p>
            <dl class="facts facts-inline">
                <dt>{ env.t(T::ChangedBy) }</dt><dd>{ who }</dd>
                <dt>{ env.t(T::ChangeReason) }</dt><dd>{ entry.reason.clone() }</dd>
            </dl>
            if !snapshot.is_empty() {
                <details class="snapshot">
                    <summary id={format!("gz-snapshot-{n}")}>{ env.t(T::Snapshot) }</summary>
                    <dl class="facts facts-inline code">
                        { for snapshot.into_iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }
                    </dl>
                </details>
            }
        </li>
    }
}
