//! `/provider/upload`: a providing department submits its licences or penalties as a file in
//! the national 双公示 format (Art. 11, 15; issue 15).
//!
//! The file never leaves the browser: the upload module (`gzcredit-upload`, its own wasm,
//! imported only here) reads it with `shared::exchange`, a chunk of rows at a time with a
//! pause for the page in between, and the page shows the first rows and every row's
//! problem before anything is sent. The valid rows go to `POST /api/v1/records` in batches of
//! 500; a batch the server refuses is sent again without the rows it named. At the end the
//! refused rows can be downloaded as CSV with an error column, to be corrected and uploaded
//! again (which changes nothing that was already filed).

use crate::api::{self, FetchError};
use crate::env::{session_storage, use_env, Env};
use crate::i18n::{Lang, T};
use gzcredit_shared::api::Health;
use gzcredit_shared::identity::{parse_token, Role};
use gzcredit_shared::submission::MAX_BATCH;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

#[wasm_bindgen(inline_js = r#"
let loaded;
function uploadModule() {
  loaded ??= import('/upload/gzcredit_upload.js').then(async (m) => {
    await m.default({ module_or_path: '/upload/gzcredit_upload_bg.wasm' });
    return m;
  });
  return loaded;
}
export async function upload_open(bytes, today) {
  const m = await uploadModule();
  return new m.Upload(bytes, today);
}
export function upload_summary(u) { return u.summary(); }
export function upload_preview(u, n) { return u.preview(n); }
export function upload_next(u, n) { return u.next_chunk(n); }
export function upload_batch(u, indices) { return u.batch(indices); }
export function upload_rejected(u, refused) {
  return URL.createObjectURL(new Blob([u.rejected_csv(refused)], { type: 'text/csv;charset=utf-8' }));
}
export function pause() { return new Promise((resolve) => setTimeout(resolve, 0)); }
export async function file_bytes(input) {
  const file = input.files && input.files[0];
  return file ? new Uint8Array(await file.arrayBuffer()) : null;
}
"#)]
extern "C" {
    fn upload_open(bytes: &[u8], today: &str) -> js_sys::Promise;
    fn upload_summary(upload: &JsValue) -> String;
    fn upload_preview(upload: &JsValue, n: usize) -> String;
    fn upload_next(upload: &JsValue, n: usize) -> String;
    fn upload_batch(upload: &JsValue, indices: &[u32]) -> String;
    fn upload_rejected(upload: &JsValue, refused: &str) -> String;
    fn pause() -> js_sys::Promise;
    fn file_bytes(input: &web_sys::HtmlInputElement) -> js_sys::Promise;
}

/// Rows mapped between two pauses: about 20 ms of work on a phone.
const CHUNK: usize = 1000;

/// sessionStorage key of the token (the subject's pages use the same).
const TOKEN_KEY: &str = "gzcredit.token";

#[derive(Clone, PartialEq, Deserialize)]
struct Summary {
    kind: String,
    generation: String,
    format_zh: String,
    format_en: String,
    rows: usize,
    ignored: Vec<String>,
    header: Vec<String>,
}

#[derive(Clone, PartialEq, Deserialize)]
struct RowProblem {
    row: usize,
    #[serde(default)]
    column: Option<String>,
    message_zh: String,
    message_en: String,
}

#[derive(Deserialize)]
struct Chunk {
    /// The file row of each record that maps.
    rows: Vec<usize>,
    errors: Vec<RowProblem>,
    read: usize,
    done: bool,
}

#[derive(Serialize)]
struct Refused {
    row: usize,
    reason: String,
}

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
    upload: Option<JsValue>,
    summary: Option<Summary>,
    preview: Vec<(usize, Vec<String>)>,
    /// The file row of each valid record, in order: record `i` is sent as index `i`.
    rows: Vec<usize>,
    problems: Vec<RowProblem>,
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
async fn server_today(env: &Env) -> Result<String, FetchError> {
    let text = api::get_text(&env.api_url("/api/v1/health"), None).await?;
    Ok(api::decode::<Health>(&text)?.today.to_string())
}

/// JSON text from the module, decoded without a JSON parser in this wasm (`api::decode`).
fn decoded<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    api::decode(text).ok()
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
    let fail = |error: JsValue| match decoded::<gzcredit_shared::ApiError>(&error.as_string().unwrap_or_default()) {
        Some(error) => (error.message_zh, error.message_en),
        None => ("无法读取该文件。".to_string(), "the file cannot be read".to_string()),
    };
    let bytes = JsFuture::from(file_bytes(input)).await.map_err(fail)?;
    let Some(bytes) = bytes.dyn_ref::<js_sys::Uint8Array>().map(|b| b.to_vec()) else {
        return Err(("请选择一个文件。".into(), "choose a file".into()));
    };
    let today = server_today(env).await.map_err(|e| (fetch_message(Lang::Zh, &e), fetch_message(Lang::En, &e)))?;
    let upload = JsFuture::from(upload_open(&bytes, &today)).await.map_err(fail)?;
    let summary: Summary = decoded(&upload_summary(&upload)).ok_or_else(|| fail(JsValue::NULL))?;
    let preview: Vec<(usize, Vec<String>)> = decoded(&upload_preview(&upload, 5)).unwrap_or_default();
    let total = summary.rows;
    {
        let mut p = parsed.borrow_mut();
        p.summary = Some(summary);
        p.preview = preview;
        p.upload = Some(upload.clone());
    }
    loop {
        let chunk: Chunk = decoded(&upload_next(&upload, CHUNK)).ok_or_else(|| fail(JsValue::NULL))?;
        {
            let mut p = parsed.borrow_mut();
            p.rows.extend(chunk.rows);
            p.problems.extend(chunk.errors);
        }
        stage.set(Stage::Reading { read: chunk.read, total });
        if chunk.done {
            return Ok(());
        }
        // Let the page paint and answer between chunks.
        let _ = JsFuture::from(pause()).await;
    }
}

/// Send the valid rows in batches; the refused ones join the file's problems.
async fn send(
    env: &Env,
    token: &str,
    parsed: &Rc<RefCell<Parsed>>,
    stage: &UseStateHandle<Stage>,
) -> Result<Stage, FetchError> {
    let (upload, rows) = {
        let p = parsed.borrow();
        (p.upload.clone().unwrap_or(JsValue::NULL), p.rows.clone())
    };
    let total = rows.len();
    let url = env.api_url("/api/v1/records");
    let mut counts = Counts::default();
    let mut sent = 0;
    let all: Vec<u32> = (0..total as u32).collect();
    for batch in all.chunks(MAX_BATCH) {
        let mut batch: Vec<u32> = batch.to_vec();
        while !batch.is_empty() {
            match api::post_text(&url, Some(upload_batch(&upload, &batch)), Some(token)).await {
                Ok(text) => {
                    let answer: Counts = decoded(&text).unwrap_or_default();
                    counts.created += answer.created;
                    counts.updated += answer.updated;
                    counts.unchanged += answer.unchanged;
                    break;
                }
                Err(FetchError::Api { status, error }) if status < 500 && !error.details.is_empty() => {
                    let mut p = parsed.borrow_mut();
                    for detail in &error.details {
                        if let Some(index) = batch.get(detail.index) {
                            p.problems.push(RowProblem {
                                row: rows[*index as usize],
                                column: detail.field.clone(),
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
    let refused: Vec<Refused> = problem_rows
        .iter()
        .map(|row| Refused {
            row: *row,
            reason: p
                .problems
                .iter()
                .filter(|e| e.row == *row)
                .map(|e| {
                    let column = e.column.as_deref().map(|c| format!("{c}: ")).unwrap_or_default();
                    format!("{column}{} / {}", e.message_zh, e.message_en)
                })
                .collect::<Vec<_>>()
                .join("；"),
        })
        .collect();
    let download = match (&p.upload, refused.is_empty()) {
        (Some(upload), false) => Some(upload_rejected(upload, &serde_json::to_string(&refused).unwrap_or_default())),
        _ => None,
    };
    Ok(Stage::Done { counts, rejected: problem_rows.len(), download })
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
                    <button type="button" class="btn btn-primary" onclick={on_submit} disabled={parsed.rows.is_empty()}>
                        { format!("{}（{}）", env.t(T::UploadSubmit), parsed.rows.len()) }
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
    let Some(summary) = &parsed.summary else { return Html::default() };
    let lang = env.lang;
    let kind = match (summary.kind.as_str(), lang) {
        ("licences", Lang::Zh) => "行政许可",
        ("licences", Lang::En) => "licences",
        (_, Lang::Zh) => "行政处罚",
        (_, Lang::En) => "penalties",
    };
    html! {
        <div class="card">
            <p class="upload-facts">{ match lang {
                Lang::Zh => format!("{kind}文件 · {} 版数据标准 · {} · 共 {} 行，可报送 {} 行，有误 {} 行", summary.generation, summary.format_zh, summary.rows, parsed.rows.len(), summary.rows - parsed.rows.len()),
                Lang::En => format!("{kind} · {} format · {} · {} rows, {} valid, {} with problems", summary.generation, summary.format_en, summary.rows, parsed.rows.len(), summary.rows - parsed.rows.len()),
            } }</p>
            if !summary.ignored.is_empty() {
                <p class="hint">{ format!("{}{}", env.t(T::UploadIgnored), summary.ignored.join("、")) }</p>
            }
        </div>
    }
}

fn preview(env: &Env, parsed: &Parsed) -> Html {
    let Some(summary) = &parsed.summary else { return Html::default() };
    html! {
        <div class="card table-scroll" tabindex="0" role="region" aria-labelledby="gz-upload-preview">
            <h2 id="gz-upload-preview">{ env.t(T::UploadPreview) }</h2>
            <table class="data-table">
                <thead><tr><th scope="col">{ env.t(T::UploadRow) }</th>{ for summary.header.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                <tbody>
                    { for parsed.preview.iter().map(|(n, cells)| html! {
                        <tr><th scope="row">{ *n }</th>{ for cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn problems(env: &Env, problems: &[RowProblem]) -> Html {
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
