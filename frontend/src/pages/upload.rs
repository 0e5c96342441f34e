//! `/provider/upload`: a providing department submits its licences or penalties as a file in
//! the national 双公示 format (Art. 11, 15; issue 15).
//!
//! The file never leaves the browser: this page, built only into the `upload` bundle (which
//! `static/boot.js` loads on `/provider/…`, so the public pages carry none of it), reads it
//! with `gzcredit-exchange-files` and maps its rows with `shared::exchange`, a chunk at a
//! time with a pause for the page in between, and shows the first rows and every row's
//! problem before anything is sent. The valid rows go to `POST /api/v1/records` in batches of
//! 500; a batch the server refuses is sent again without the rows it named. At the end the
//! refused rows can be downloaded as CSV with an error column, to be corrected and uploaded
//! again (which changes nothing that was already filed).

use crate::api::{self, FetchError};
use crate::env::{session_storage, use_env, Env};
use crate::i18n::{Lang, T};
use gzcredit_exchange_files::{read, write_csv, Format, Table};
use gzcredit_shared::api::Health;
use gzcredit_shared::date::Date;
use gzcredit_shared::exchange::{map_row, read_header, Columns, Generation, Kind, RowError};
use gzcredit_shared::identity::{parse_token, Role};
use gzcredit_shared::record::SubmittedRecord;
use gzcredit_shared::submission::MAX_BATCH;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// Let the page paint and answer: a promise resolved by `setTimeout(0)`.
fn pause() -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    })
}

/// The bytes of the file chosen in `input`, if one is.
async fn file_bytes(input: &web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// An object URL of a CSV file of `bytes`, for a download link.
fn csv_url(bytes: &[u8]) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Rows mapped between two pauses: about 20 ms of work on a phone.
const CHUNK: usize = 1000;

/// sessionStorage key of the token (the subject's pages use the same).
const TOKEN_KEY: &str = "gzcredit.token";

#[derive(Deserialize, Default, Clone, Copy, PartialEq)]
struct Counts {
    created: u64,
    updated: u64,
    unchanged: u64,
}

/// Where the page is.
#[derive(Clone, PartialEq)]
enum Stage {
    Choose,
    Reading { read: usize, total: usize },
    Ready,
    Sending { sent: usize, total: usize },
    Done { counts: Counts, rejected: usize, download: Option<String> },
    Failed { zh: String, en: String },
}

/// What was read of the file.
#[derive(Default)]
struct Parsed {
    table: Table,
    format: Option<Format>,
    columns: Option<Columns>,
    /// The records that map, with their row in the file.
    records: Vec<(usize, SubmittedRecord)>,
    /// Every row's problems, from the file or from the server.
    problems: Vec<RowError>,
}

fn provider_token() -> Option<(String, String)> {
    let token = session_storage::get(TOKEN_KEY)?;
    let parsed = parse_token(token.trim()).ok()?;
    match (parsed.claims.role, parsed.claims.provider) {
        (Role::Provider, Some(department)) => Some((token.trim().to_string(), department)),
        _ => None,
    }
}

fn message(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

/// The server's date, which the rows are checked on.
async fn server_today(env: &Env) -> Result<Date, FetchError> {
    let text = api::get_text(&env.api_url("/api/v1/health"), None).await?;
    Ok(api::decode::<Health>(&text)?.today)
}

/// The upload page.
#[component]
pub fn UploadPage() -> Html {
    let env = use_env();
    let stage = use_state(|| Stage::Choose);
    let parsed = use_mut_ref(Parsed::default);
    let signed_in = use_state(provider_token);
    let token_input = use_node_ref();
    let file_input = use_node_ref();

    let sign_in = {
        let (signed_in, token_input) = (signed_in.clone(), token_input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = token_input.cast::<web_sys::HtmlTextAreaElement>() {
                session_storage::set(TOKEN_KEY, input.value().trim());
                signed_in.set(provider_token());
            }
        })
    };

    let on_file = {
        let (stage, parsed, file_input, env) = (stage.clone(), parsed.clone(), file_input.clone(), env.clone());
        Callback::from(move |_: Event| {
            let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() else { return };
            let (stage, parsed, env) = (stage.clone(), parsed.clone(), env.clone());
            spawn_local(async move {
                *parsed.borrow_mut() = Parsed::default();
                stage.set(Stage::Reading { read: 0, total: 0 });
                match read_file(&env, &input, &parsed, &stage).await {
                    Ok(()) => stage.set(Stage::Ready),
                    Err((zh, en)) => stage.set(Stage::Failed { zh, en }),
                }
            });
        })
    };

    let on_submit = {
        let (stage, parsed, signed_in, env) = (stage.clone(), parsed.clone(), signed_in.clone(), env.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((token, _)) = (*signed_in).clone() else { return };
            let (stage, parsed, env) = (stage.clone(), parsed.clone(), env.clone());
            spawn_local(async move {
                match send(&env, &token, &parsed, &stage).await {
                    Ok(done) => stage.set(done),
                    Err(error) => stage.set(Stage::Failed {
                        zh: fetch_message(Lang::Zh, &error),
                        en: fetch_message(Lang::En, &error),
                    }),
                }
            });
        })
    };

    let body = match &*signed_in {
        None => html! {
            <form class="card form" onsubmit={sign_in}>
                <p>{ env.t(T::UploadSignInLead) }</p>
                <label for="gz-upload-token">{ env.t(T::UploadToken) }</label>
                <textarea id="gz-upload-token" ref={token_input} rows="3" autocomplete="off" spellcheck="false" />
                <button type="submit" class="btn btn-primary">{ env.t(T::UploadUseToken) }</button>
            </form>
        },
        Some((_, department)) => {
            let parsed = parsed.borrow();
            html! {
                <>
                    <p class="lead">{ format!("{}{}", env.t(T::UploadDepartment), department) }</p>
                    <div class="card form">
                        <label for="gz-upload-file">{ env.t(T::UploadChooseFile) }</label>
                        <input id="gz-upload-file" type="file" ref={file_input}
                            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            onchange={on_file} aria-describedby="gz-upload-hint" />
                        <p id="gz-upload-hint" class="hint">{ env.t(T::UploadFileHint) }</p>
                    </div>
                    { stage_view(&env, &stage, &parsed, on_submit) }
                </>
            }
        }
    };
    html! {
        <section class="page upload-page">
            <h1>{ env.t(T::UploadTitle) }</h1>
            <p class="lead">{ env.t(T::UploadLead) }</p>
            { body }
        </section>
    }
}

/// Read and map the file, a chunk at a time, the progress in `stage`.
async fn read_file(
    env: &Env,
    input: &web_sys::HtmlInputElement,
    parsed: &Rc<RefCell<Parsed>>,
    stage: &UseStateHandle<Stage>,
) -> Result<(), (String, String)> {
    let Some(bytes) = file_bytes(input).await else {
        return Err(("请选择一个文件。".into(), "choose a file".into()));
    };
    let today = server_today(env).await.map_err(|e| (fetch_message(Lang::Zh, &e), fetch_message(Lang::En, &e)))?;
    let (table, format) = read(&bytes).map_err(|e| (e.message_zh(), e.message_en()))?;
    let columns = read_header(&table.header).map_err(|e| (e.message_zh, e.message_en))?;
    let total = table.rows.len();
    *parsed.borrow_mut() = Parsed { table, format: Some(format), columns: Some(columns), ..Parsed::default() };
    let mut next = 0;
    loop {
        {
            let mut p = parsed.borrow_mut();
            let p = &mut *p;
            let (Some(columns), end) = (p.columns.as_ref(), (next + CHUNK).min(total)) else { break };
            for row in &p.table.rows[next..end] {
                match map_row(columns, row.number, &row.cells, today) {
                    Ok(record) => p.records.push((row.number, record)),
                    Err(errors) => p.problems.extend(errors),
                }
            }
            next = end;
        }
        stage.set(Stage::Reading { read: next, total });
        if next >= total {
            break;
        }
        let _ = JsFuture::from(pause()).await;
    }
    Ok(())
}

/// Send the valid rows in batches; the refused ones join the file's problems.
async fn send(
    env: &Env,
    token: &str,
    parsed: &Rc<RefCell<Parsed>>,
    stage: &UseStateHandle<Stage>,
) -> Result<Stage, FetchError> {
    let total = parsed.borrow().records.len();
    let url = env.api_url("/api/v1/records");
    let mut counts = Counts::default();
    let mut sent = 0;
    let all: Vec<usize> = (0..total).collect();
    for batch in all.chunks(MAX_BATCH) {
        let mut batch: Vec<usize> = batch.to_vec();
        while !batch.is_empty() {
            let body = {
                let p = parsed.borrow();
                let records: Vec<&SubmittedRecord> = batch.iter().map(|i| &p.records[*i].1).collect();
                serde_json::to_string(&Batch { records }).map_err(|_| FetchError::Unexpected { status: 0 })?
            };
            match api::post_text(&url, Some(body), Some(token)).await {
                Ok(text) => {
                    let answer: Counts = api::decode(&text).unwrap_or_default();
                    counts.created += answer.created;
                    counts.updated += answer.updated;
                    counts.unchanged += answer.unchanged;
                    break;
                }
                Err(FetchError::Api { status, error }) if status < 500 && !error.details.is_empty() => {
                    let mut p = parsed.borrow_mut();
                    for detail in &error.details {
                        if let Some(index) = batch.get(detail.index) {
                            let row = p.records[*index].0;
                            p.problems.push(RowError {
                                row,
                                column: detail.field.clone(),
                                code: detail.code,
                                message_zh: detail.message_zh.clone(),
                                message_en: detail.message_en.clone(),
                            });
                        }
                    }
                    let named: Vec<usize> = error.details.iter().map(|d| d.index).collect();
                    batch = batch.into_iter().enumerate().filter(|(i, _)| !named.contains(i)).map(|(_, r)| r).collect();
                }
                Err(error) => return Err(error),
            }
        }
        sent += MAX_BATCH.min(total - sent);
        stage.set(Stage::Sending { sent, total });
    }
    let p = parsed.borrow();
    let mut problem_rows: Vec<usize> = p.problems.iter().map(|e| e.row).collect();
    problem_rows.sort_unstable();
    problem_rows.dedup();
    // The refused rows as in the file, with an error column: to correct and upload again.
    let mut header: Vec<&str> = p.table.header.iter().map(String::as_str).collect();
    header.push("错误 / error");
    let rows: Vec<Vec<String>> = problem_rows
        .iter()
        .filter_map(|n| {
            let row = p.table.rows.iter().find(|r| r.number == *n)?;
            let reason = p
                .problems
                .iter()
                .filter(|e| e.row == *n)
                .map(|e| {
                    let column = e.column.as_deref().map(|c| format!("{c}: ")).unwrap_or_default();
                    format!("{column}{} / {}", e.message_zh, e.message_en)
                })
                .collect::<Vec<_>>()
                .join("；");
            let mut cells = row.cells.clone();
            cells.resize(p.table.header.len(), String::new());
            cells.push(reason);
            Some(cells)
        })
        .collect();
    let download = if rows.is_empty() { None } else { csv_url(&write_csv(&header, &rows)) };
    Ok(Stage::Done { counts, rejected: problem_rows.len(), download })
}

/// The body of `POST /api/v1/records`.
#[derive(serde::Serialize)]
struct Batch<'a> {
    records: Vec<&'a SubmittedRecord>,
}

fn fetch_message(lang: Lang, error: &FetchError) -> String {
    match error {
        FetchError::Api { error, .. } => message(lang, &error.message_zh, &error.message_en),
        FetchError::Offline => message(lang, "网络已断开。", "you are offline"),
        FetchError::RateLimited { .. } => {
            message(lang, "请求过于频繁，请稍后重试。", "too many requests: try again shortly")
        }
        _ => message(lang, "服务暂时无法访问，请稍后重试。", "the service cannot be reached: try again shortly"),
    }
}

fn stage_view(env: &Env, stage: &Stage, parsed: &Parsed, on_submit: Callback<MouseEvent>) -> Html {
    let lang = env.lang;
    match stage {
        Stage::Choose => Html::default(),
        Stage::Failed { zh, en } => html! {
            <div class="state state-error" role="alert"><p>{ lang.pick(zh, en).to_string() }</p></div>
        },
        Stage::Reading { read, total } => html! {
            <div class="card" role="status" aria-live="polite">
                <p>{ format!("{} {read} / {total}", env.t(T::UploadReading)) }</p>
                <progress max={total.max(&1).to_string()} value={read.to_string()} aria-label={env.t(T::UploadReading)}></progress>
            </div>
        },
        Stage::Sending { sent, total } => html! {
            <div class="card" role="status" aria-live="polite">
                <p>{ format!("{} {sent} / {total}", env.t(T::UploadSending)) }</p>
                <progress max={total.max(&1).to_string()} value={sent.to_string()} aria-label={env.t(T::UploadSending)}></progress>
            </div>
        },
        Stage::Ready => html! {
            <>
                { file_facts(env, parsed) }
                { preview(env, parsed) }
                { problems(env, &parsed.problems) }
                <p>
                    <button type="button" class="btn btn-primary" onclick={on_submit} disabled={parsed.records.is_empty()}>
                        { format!("{}（{}）", env.t(T::UploadSubmit), parsed.records.len()) }
                    </button>
                </p>
            </>
        },
        Stage::Done { counts, rejected, download } => html! {
            <div class="card upload-done" role="status">
                <h2>{ env.t(T::UploadDone) }</h2>
                <dl class="facts facts-inline">
                    <dt>{ env.t(T::UploadCreated) }</dt><dd data-count="created">{ counts.created }</dd>
                    <dt>{ env.t(T::UploadUpdated) }</dt><dd data-count="updated">{ counts.updated }</dd>
                    <dt>{ env.t(T::UploadUnchanged) }</dt><dd data-count="unchanged">{ counts.unchanged }</dd>
                    <dt>{ env.t(T::UploadRejected) }</dt><dd data-count="rejected">{ *rejected }</dd>
                </dl>
                if let Some(href) = download {
                    <p><a class="btn" href={href.clone()} download="rejected.csv">{ env.t(T::UploadDownloadRejected) }</a></p>
                }
                { problems(env, &parsed.problems) }
            </div>
        },
    }
}

fn file_facts(env: &Env, parsed: &Parsed) -> Html {
    let (Some(columns), Some(format)) = (&parsed.columns, parsed.format) else { return Html::default() };
    let lang = env.lang;
    let kind = match (columns.kind, lang) {
        (Kind::Licences, Lang::Zh) => "行政许可",
        (Kind::Licences, Lang::En) => "licences",
        (Kind::Penalties, Lang::Zh) => "行政处罚",
        (Kind::Penalties, Lang::En) => "penalties",
    };
    let generation = match columns.generation {
        Generation::Older => "2016",
        Generation::Newer => "2021",
    };
    let (rows, valid) = (parsed.table.rows.len(), parsed.records.len());
    let ignored = columns.ignored();
    html! {
        <div class="card">
            <p class="upload-facts">{ match lang {
                Lang::Zh => format!("{kind}文件 · {generation} 版数据标准 · {} · 共 {rows} 行，可报送 {valid} 行，有误 {} 行", format.name_zh(), rows - valid),
                Lang::En => format!("{kind} · {generation} format · {} · {rows} rows, {valid} valid, {} with problems", format.name_en(), rows - valid),
            } }</p>
            if !ignored.is_empty() {
                <p class="hint">{ format!("{}{}", env.t(T::UploadIgnored), ignored.join("、")) }</p>
            }
        </div>
    }
}

fn preview(env: &Env, parsed: &Parsed) -> Html {
    html! {
        <div class="card table-scroll" tabindex="0" role="region" aria-labelledby="gz-upload-preview">
            <h2 id="gz-upload-preview">{ env.t(T::UploadPreview) }</h2>
            <table class="data-table">
                <thead><tr><th scope="col">{ env.t(T::UploadRow) }</th>{ for parsed.table.header.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                <tbody>
                    { for parsed.table.rows.iter().take(5).map(|row| html! {
                        <tr><th scope="row">{ row.number }</th>{ for row.cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn problems(env: &Env, problems: &[RowError]) -> Html {
    if problems.is_empty() {
        return Html::default();
    }
    let lang = env.lang;
    html! {
        <div class="card table-scroll upload-problems" tabindex="0" role="region" aria-labelledby="gz-upload-problems">
            <h2 id="gz-upload-problems">{ format!("{}（{}）", env.t(T::UploadProblems), problems.len()) }</h2>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{ env.t(T::UploadRow) }</th>
                    <th scope="col">{ env.t(T::UploadColumn) }</th>
                    <th scope="col">{ env.t(T::UploadReason) }</th>
                </tr></thead>
                <tbody>
                    { for problems.iter().take(500).map(|p| html! {
                        <tr>
                            <th scope="row">{ p.row }</th>
                            <td>{ p.column.clone().unwrap_or_default() }</td>
                            <td>{ lang.pick(&p.message_zh, &p.message_en).to_string() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
