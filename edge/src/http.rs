//! HTTP plumbing: JSON responses, the error body, CORS, caching headers, body limits.
//! No rule of the regulation is decided here.

use gzcredit_shared::error::{ApiError, ErrorCode};
use serde::Serialize;
use sha2::{Digest, Sha256};
use wasm_bindgen::JsCast;
use worker::{Headers, Request, Response};

/// What a handler returns: a response, or an error for the client.
pub type HandlerResult = Result<Response, ApiError>;

/// Turn an infrastructure error into a 500 without leaking its text (it may name tables
/// or values); the detail goes to the worker log.
pub fn internal(error: impl core::fmt::Display) -> ApiError {
    worker::console_error!("internal error: {error}");
    ApiError::new(
        ErrorCode::Internal,
        "服务暂时不可用，请稍后重试。",
        "The service is temporarily unavailable; please retry shortly.",
    )
}

/// How a successful GET may be cached.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Caching {
    /// Public information: a short shared lifetime. Short enough that a repaired or revoked
    /// record (withdrawn on receipt, Art. 35–36) leaves every cache within a minute, far
    /// inside the 3-working-day deadline.
    Public,
    /// Depends on who asks: never stored by shared caches.
    Private,
}

/// Seconds a public answer may be cached.
pub const PUBLIC_MAX_AGE: u32 = 60;

/// A JSON response with `ETag`; answers `304` when the client already has it.
pub fn json<T: Serialize>(req: &Request, status: u16, body: &T, caching: Caching) -> HandlerResult {
    let bytes = serde_json::to_vec(body).map_err(internal)?;
    let etag = format!("\"{}\"", hex(&Sha256::digest(&bytes)[..12]));
    let headers = Headers::new();
    set(&headers, "Content-Type", "application/json; charset=utf-8");
    set(&headers, "ETag", &etag);
    match caching {
        Caching::Public => set(&headers, "Cache-Control", &format!("public, max-age={PUBLIC_MAX_AGE}")),
        Caching::Private => set(&headers, "Cache-Control", "private, no-store"),
    }
    set(&headers, "Vary", "Authorization, Origin");
    let not_modified = status == 200
        && req.headers().get("If-None-Match").ok().flatten().is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let response = if not_modified {
        Response::empty().map_err(internal)?.with_status(304)
    } else {
        Response::from_bytes(bytes).map_err(internal)?.with_status(status)
    };
    Ok(response.with_headers(headers))
}

/// The JSON error body `{code, message_zh, message_en}` with its status.
pub fn error_response(error: &ApiError) -> Response {
    let body = serde_json::to_vec(error).unwrap_or_else(|_| b"{\"code\":\"internal\"}".to_vec());
    let headers = Headers::new();
    set(&headers, "Content-Type", "application/json; charset=utf-8");
    set(&headers, "Cache-Control", "no-store");
    if error.code == ErrorCode::RateLimited {
        set(&headers, "Retry-After", "60");
    }
    match Response::from_bytes(body) {
        Ok(r) => r.with_status(error.http_status()).with_headers(headers),
        Err(_) => Response::error("internal", 500).expect("a plain response can always be built"),
    }
}

/// An instant as ISO 8601 UTC with milliseconds, e.g. `2026-11-28T05:12:19.795Z`.
pub fn iso_now(millis: i64) -> String {
    String::from(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64)).to_iso_string())
}

/// 401 for a route that needs a token and got none.
pub fn sign_in_required() -> ApiError {
    ApiError::sign_in_required()
}

/// `prefix` + the day + 10 random hex digits (40 bits from `crypto.getRandomValues`):
/// numbers that are handed out and must not be guessable (receipts, reports, grants).
pub fn random_number(prefix: &str, today: gzcredit_shared::Date) -> Result<String, ApiError> {
    let bytes: [u8; 5] = random_bytes()?;
    let (y, m, d) = today.ymd();
    Ok(format!("{prefix}{y:04}{m:02}{d:02}{}", hex(&bytes).to_uppercase()))
}

/// A random handle for a natural person's public code (16 hex digits after `np-` and the
/// region, `shards::person_code`): never derived from the ID number (18-digit IDs are few
/// enough to brute-force any hash).
pub fn new_handle() -> Result<String, ApiError> {
    let bytes: [u8; 8] = random_bytes()?;
    Ok(hex(&bytes))
}

/// The one source of random identifiers: `crypto.getRandomValues`. There is no fallback:
/// a number that must not be guessed is not made from a weaker source (a 500 instead).
fn random_bytes<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut bytes = [0u8; N];
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).map_err(|_| internal("no crypto"))?;
    let get = js_sys::Reflect::get(&crypto, &"getRandomValues".into()).map_err(|_| internal("no getRandomValues"))?;
    let get: js_sys::Function = get.dyn_into().map_err(|_| internal("getRandomValues is not a function"))?;
    let array = js_sys::Uint8Array::new_with_length(N as u32);
    get.call1(&crypto, &array).map_err(|_| internal("getRandomValues failed"))?;
    array.copy_to(&mut bytes);
    Ok(bytes)
}

/// Whether responses report `X-D1-Rows-Read` (and `X-D1-Round-Trips`): only in an environment that says so
/// (an allow-list, so a deployment with a missing or misspelt `ENVIRONMENT` fails closed).
/// The count would tell the public whether an identifier it cannot see is held (an
/// existence oracle). `development` and `bench` are where it is measured; `test` is the
/// environment `cargo xtask test` runs the worker in, whose e2e tests check the row budget
/// from the header.
pub fn reports_rows_read(environment: &str) -> bool {
    matches!(environment, "development" | "bench" | "test")
}

/// Set a header; header names and values here are static ASCII, so this cannot fail.
pub fn set(headers: &Headers, name: &str, value: &str) {
    let _ = headers.set(name, value);
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `origin` matches the allowlist (comma-separated; `*` matches a port or a
/// subdomain label, e.g. `http://localhost:*`, `https://*.gov.cn`).
pub fn origin_allowed(origin: &str, allowlist: &str) -> bool {
    allowlist.split(',').map(str::trim).filter(|p| !p.is_empty()).any(|pattern| wildcard_match(pattern, origin))
}

fn wildcard_match(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            if !text.starts_with(head) || text.len() < head.len() + tail.len() {
                return false;
            }
            let middle = &text[head.len()..text.len() - tail.len()];
            // `*` stands for one port or one DNS label: no separators inside.
            text.ends_with(tail) && !middle.is_empty() && !middle.contains(['/', ':', '.'])
        }
    }
}

/// Add CORS headers for an allowed origin.
pub fn add_cors(headers: &Headers, origin: &str) {
    set(headers, "Access-Control-Allow-Origin", origin);
    set(headers, "Access-Control-Expose-Headers", "ETag, Retry-After, X-D1-Rows-Read");
    let vary = headers.get("Vary").ok().flatten().unwrap_or_default();
    if !vary.contains("Origin") {
        set(headers, "Vary", &if vary.is_empty() { "Origin".to_string() } else { format!("{vary}, Origin") });
    }
}

/// The answer to a CORS preflight from an allowed origin.
pub fn preflight(origin: &str) -> HandlerResult {
    let headers = Headers::new();
    add_cors(&headers, origin);
    set(&headers, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    set(&headers, "Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match");
    set(&headers, "Access-Control-Max-Age", "600");
    Ok(Response::empty().map_err(internal)?.with_status(204).with_headers(headers))
}

/// Read a JSON body of at most `limit` bytes, checking the content type first.
pub async fn read_json<T: serde::de::DeserializeOwned>(req: &mut Request, limit: usize) -> Result<T, ApiError> {
    let content_type = req.headers().get("Content-Type").ok().flatten().unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "请求体须为 JSON（Content-Type: application/json）。",
            "The body must be JSON (Content-Type: application/json).",
        ));
    }
    let too_large = || {
        ApiError::new(
            ErrorCode::BodyTooLarge,
            format!("请求体超过 {} KB 上限，请分批提交。", limit / 1024),
            format!("The body exceeds the {} KB limit; submit it in smaller batches.", limit / 1024),
        )
    };
    let declared = req.headers().get("Content-Length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let bytes = read_body(req, limit).await?.ok_or_else(too_large)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidBody,
            format!("请求体不是所需格式的 JSON：{e}"),
            format!("The body is not JSON of the expected shape: {e}"),
        )
    })
}

/// Read a body of at most `limit` bytes (`None` if it is longer), chunk by chunk: a body
/// without `Content-Length` (chunked) is cut off as soon as it passes the limit, not
/// buffered whole first, so an endless body costs `limit` bytes and no more.
async fn read_body(req: &mut Request, limit: usize) -> Result<Option<Vec<u8>>, ApiError> {
    use futures_util::StreamExt;
    let unreadable =
        || ApiError::new(ErrorCode::InvalidBody, "无法读取请求体。", "The request body could not be read.");
    if req.inner().body().is_none() {
        return Ok(Some(Vec::new()));
    }
    let mut stream = req.stream().map_err(|_| unreadable())?;
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| unreadable())?;
        if bytes.len() + chunk.len() > limit {
            // Dropping the stream cancels it: the rest is never read.
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

/// Rate-limit anonymous callers per client and kind of request (`search`, `report` for
/// error reports, `verify` for report verification) with
/// the Workers rate-limiting binding; signed-in callers are audited instead.
pub async fn rate_limit_public(req: &worker::Request, ctx: &crate::Ctx, kind: &str) -> Result<(), ApiError> {
    if !matches!(ctx.caller.viewer, gzcredit_shared::disclosure::Viewer::Public) {
        return Ok(());
    }
    let client = client_address(req);
    // Searches keep the key they always had; other kinds count apart from them.
    let key = if kind == "search" { client } else { format!("{kind}:{client}") };
    rate_limit(ctx, "SEARCH_LIMITER", key).await
}

/// The client's address as Cloudflare reports it (`unknown` without the header).
pub fn client_address(req: &worker::Request) -> String {
    req.headers().get("CF-Connecting-IP").ok().flatten().unwrap_or_else(|| "unknown".into())
}

/// Count one request against `key` in the rate-limiting binding `binding`: 429 once the
/// key is over its limit. A deployment without the binding is not limited.
pub async fn rate_limit(ctx: &crate::Ctx, binding: &str, key: String) -> Result<(), ApiError> {
    let Ok(limiter) = ctx.env.rate_limiter(binding) else {
        return Ok(());
    };
    match limiter.limit(key).await {
        Ok(outcome) if !outcome.success => Err(ApiError::rate_limited()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_patterns() {
        let list = "http://localhost:*, http://127.0.0.1:*, https://*.gov.cn, https://www.gz.example";
        assert!(origin_allowed("http://localhost:5173", list));
        assert!(origin_allowed("http://127.0.0.1:40000", list));
        assert!(origin_allowed("https://credit.gov.cn", list));
        assert!(origin_allowed("https://www.gz.example", list));
        assert!(!origin_allowed("https://evil.example", list));
        assert!(!origin_allowed("https://a.b.gov.cn", list), "one label only");
        assert!(!origin_allowed("http://localhost.evil.example:80", list));
        assert!(!origin_allowed("https://www.gz.example.evil", list));
    }

    #[test]
    fn rows_read_only_where_allowed() {
        for environment in ["development", "bench", "test"] {
            assert!(reports_rows_read(environment), "{environment}");
        }
        for environment in ["production", "", "Production", "staging", "prod"] {
            assert!(!reports_rows_read(environment), "{environment:?}");
        }
    }
}
