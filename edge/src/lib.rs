//! # gzcredit-edge: the `/api/v1` Worker
//!
//! A thin adapter between HTTP, D1 and the rules of `gzcredit-shared`: it routes, decodes,
//! reads and writes rows, and encodes — every disclosure decision is `shared`'s
//! ([`gzcredit_shared::disclosure::present_record`], [`gzcredit_shared::disclosure::present_subject`]),
//! taken for the verified viewer and *today in Asia/Shanghai*.
//!
//! Every route is listed in [`route`]; one small function per handler lives in
//! [`handlers`], [`search`], [`ingest`], [`objections`], [`withdrawals`], [`me`],
//! [`measures`], [`reports`] and [`error_reports`]; [`audit`] keeps the hash-chained audit log. Only
//! [`storage`] knows SQL.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod error_reports;
pub mod exports;
pub mod handlers;
pub mod http;
pub mod ingest;
pub mod me;
pub mod measures;
pub mod objections;
pub mod reports;
pub mod search;
pub mod storage;
pub mod tokens;
pub mod withdrawals;
pub mod write;

use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::matter::Matter;
use gzcredit_shared::Date;
use http::HandlerResult;
use worker::{event, Context, Env, Method, Request, Response};

/// What every handler gets: the request's environment, resolved once.
pub struct Ctx {
    /// The databases: the directory and the shards (`storage::Store`).
    pub store: storage::Store,
    /// The caller.
    pub caller: auth::Caller,
    /// Today in Asia/Shanghai.
    pub today: Date,
    /// Now, Unix milliseconds.
    pub now_millis: i64,
    /// The Worker environment (bindings).
    pub env: Env,
    /// Test runs only: fail the n-th statement of the next write's batch, to show that a
    /// failed batch leaves nothing written (`X-Test-Fault-Statement`, honoured only when
    /// `ENVIRONMENT` is `test`).
    pub fault: Option<usize>,
}

fn var(env: &Env, name: &str) -> String {
    env.var(name).map(|v| v.to_string()).unwrap_or_default()
}

/// The Worker's fetch handler.
#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    if !assets::is_api(&req.path()) {
        return assets::serve(req, &env).await;
    }
    let origin = req.headers().get("Origin").ok().flatten();
    let allowed_origin = origin.filter(|o| http::origin_allowed(o, &var(&env, "ALLOWED_ORIGINS")));
    if req.method() == Method::Options {
        return Ok(match (&allowed_origin, req.headers().get("Origin").ok().flatten()) {
            (Some(origin), _) => http::preflight(origin).unwrap_or_else(|e| http::error_response(&e)),
            _ => http::error_response(&ApiError::new(
                ErrorCode::OriginNotAllowed,
                "该来源未获准嵌入本服务，请联系平台运营方加入白名单。",
                "This origin may not embed the service; ask the operator to add it to the allowlist.",
            )),
        });
    }
    let report_rows = http::reports_rows_read(&var(&env, "ENVIRONMENT"));
    let (response, usage) = match handle(req, env).await {
        Ok((response, usage)) => (response, usage),
        Err(error) => (http::error_response(&error), storage::Usage::default()),
    };
    let headers = response.headers().clone();
    if report_rows {
        http::set(&headers, "X-D1-Rows-Read", &usage.rows_read.to_string());
        http::set(&headers, "X-D1-Round-Trips", &usage.round_trips.to_string());
    }
    http::set(&headers, "X-Content-Type-Options", "nosniff");
    if let Some(origin) = allowed_origin {
        http::add_cors(&headers, &origin);
    }
    Ok(response.with_headers(headers))
}

async fn handle(req: Request, env: Env) -> Result<(Response, storage::Usage), ApiError> {
    let now_millis = clock(&env)?;
    trusted_issuer(&env)?;
    let today = Date::shanghai_from_unix_millis(now_millis);
    let url = req.url().map_err(http::internal)?;
    let matter = match url.query_pairs().find(|(k, _)| k == "matter") {
        Some((_, value)) => Some(value.parse::<Matter>().map_err(|_| {
            ApiError::invalid_parameter("matter", "不是第十七条所列查询事项", "not a query matter of Art. 17")
        })?),
        None => None,
    };
    let store = storage::Store::open(&env, &var(&env, "SHARDS"))?;
    let authorization = req.headers().get("Authorization").ok().flatten();
    let caller = auth::caller(
        authorization,
        &var(&env, "TOKEN_PUBLIC_KEYS"),
        &var(&env, "TOKEN_ISSUER"),
        matter,
        store.directory(),
        now_millis,
        today,
    )
    .await?;
    let refusal = caller.refusal.clone();
    let fault = match var(&env, "ENVIRONMENT").as_str() {
        "test" => req.headers().get("X-Test-Fault-Statement").ok().flatten().and_then(|n| n.parse().ok()),
        _ => None,
    };
    let ctx = Ctx { store, caller, today, now_millis, env, fault };
    // The revocation list is read along with the request's first reads (no round trip of
    // its own): a revoked token's answer is dropped unseen, and any write it made was
    // refused inside its own batch (`Db::apply`'s token guard).
    if let Some(token) = ctx.caller.token() {
        ctx.store.directory().check_token(token)?;
    }
    let answer = match refusal {
        // A verified caller that may not make this request: refused, and audited (Art. 20).
        Some(refusal) => Err(audit::refuse(&ctx, url.path(), refusal).await),
        None => route(req, &ctx).await,
    };
    if let Some(token) = ctx.caller.token() {
        if ctx.store.directory().token_revoked(token).await? {
            return Err(auth::revoked());
        }
    }
    Ok((answer?, ctx.store.usage()))
}

/// Now, in Unix milliseconds: the wall clock, or the pinned clock of an end-to-end run.
///
/// `TEST_CLOCK` moves "today" for every rule, so a worker outside the `test` environment
/// that carries it refuses every request rather than serve records on a false date.
fn clock(env: &Env) -> Result<i64, ApiError> {
    let real = js_sys::Date::now() as i64;
    let pinned = var(env, "TEST_CLOCK");
    if pinned.is_empty() {
        return Ok(real);
    }
    let misconfigured = || {
        ApiError::new(
            ErrorCode::Internal,
            "服务配置错误，暂停服务：测试时钟只能在测试环境中使用。",
            "The service is misconfigured and refuses requests: a test clock is set outside the test environment.",
        )
    };
    if var(env, "ENVIRONMENT") != "test" {
        return Err(misconfigured());
    }
    let clock = gzcredit_shared::date::PinnedClock::parse(&pinned).map_err(|_| misconfigured())?;
    Ok(clock.now_millis(real))
}

/// A production worker configured with the development issuer or key — whose seed is
/// public, so anyone could mint its tokens — refuses every request, and says why in the log
/// (`shared::identity::check_production_trust`). Workers have no start hook that sees the
/// configuration, so the check runs on every request; it reads three variables.
fn trusted_issuer(env: &Env) -> Result<(), ApiError> {
    let checked = gzcredit_shared::identity::check_production_trust(
        &var(env, "ENVIRONMENT"),
        &var(env, "TOKEN_ISSUER"),
        &var(env, "TOKEN_PUBLIC_KEYS"),
    );
    checked.map_err(|problem| {
        worker::console_error!("gzcredit refuses to serve: {problem}");
        ApiError::new(
            ErrorCode::Internal,
            "服务配置错误，暂停服务：生产环境不得信任开发用令牌密钥。",
            "The service is misconfigured and refuses requests: production may not trust the development token key.",
        )
    })
}

/// Every route of the API.
pub async fn route(mut req: Request, ctx: &Ctx) -> HandlerResult {
    let path = req.path();
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let method = req.method();
    match (method, segments.as_slice()) {
        (Method::Get, ["api", "v1", "health"]) => handlers::health(&req, ctx),
        (Method::Get, ["api", "v1", "catalog"]) => handlers::catalog(&req),
        (Method::Get, ["api", "v1", "exports", name]) => exports::export(&req, ctx, &decode(name)).await,
        (Method::Get, ["api", "v1", "openapi.json"]) => handlers::openapi(&req),
        (Method::Get, ["api", "v1", "subjects"]) => search::search(&req, ctx).await,
        (Method::Get, ["api", "v1", "subjects", code]) => handlers::profile(&req, ctx, &decode(code)).await,
        (Method::Get, ["api", "v1", "subjects", code, "records"]) => handlers::records(&req, ctx, &decode(code)).await,
        (Method::Post, ["api", "v1", "records"]) => ingest::submit(&mut req, ctx).await,
        (Method::Post, ["api", "v1", "objections"]) => handlers::file_objection(&mut req, ctx).await,
        (Method::Get, ["api", "v1", "objections", id]) => handlers::objection(&req, ctx, &decode(id)).await,
        (Method::Post, ["api", "v1", "objections", id, "route"]) => objections::route(&mut req, ctx, &decode(id)).await,
        (Method::Post, ["api", "v1", "objections", id, "received"]) => {
            objections::received(&mut req, ctx, &decode(id)).await
        }
        (Method::Post, ["api", "v1", "error-reports"]) => error_reports::file(&mut req, ctx).await,
        (Method::Get, ["api", "v1", "admin", "error-reports"]) => error_reports::list(&req, ctx).await,
        (Method::Post, ["api", "v1", "objections", id, "decision"]) => {
            objections::decide(&mut req, ctx, &decode(id)).await
        }
        (Method::Post, ["api", "v1", "records", id, "subject"]) => {
            ingest::move_record(&mut req, ctx, &decode(id)).await
        }
        (Method::Post, ["api", "v1", "records", id, "withdrawal"]) => {
            withdrawals::submit(&mut req, ctx, &decode(id)).await
        }
        (Method::Post, ["api", "v1", "admin", "withdrawals", id, "complete"]) => {
            withdrawals::complete(&req, ctx, &decode(id)).await
        }
        (Method::Get, ["api", "v1", "admin", "overdue"]) => withdrawals::overdue(&req, ctx).await,
        (Method::Get, ["api", "v1", "admin", "audit", "verify"]) => audit::verify(&req, ctx).await,
        (Method::Post, ["api", "v1", "admin", "tokens", "revoked"]) => tokens::revoke(&mut req, ctx).await,
        (Method::Get, ["api", "v1", "me", "queries"]) => me::queries(&req, ctx).await,
        (Method::Get, ["api", "v1", "me", "records", id, "history"]) => me::history(&req, ctx, &decode(id)).await,
        (Method::Get, ["api", "v1", "grants"]) => me::grants(&req, ctx).await,
        (Method::Post, ["api", "v1", "grants"]) => me::issue_grant(&mut req, ctx).await,
        (Method::Post, ["api", "v1", "grants", id, "revoke"]) => me::revoke_grant(&req, ctx, &decode(id)).await,
        (Method::Get, ["api", "v1", "subjects", code, "measures"]) => {
            measures::measures(&req, ctx, &decode(code)).await
        }
        (Method::Post, ["api", "v1", "reports"]) => reports::issue(&mut req, ctx).await,
        (Method::Post, ["api", "v1", "reports", "verify"]) => reports::verify_presented(&mut req, ctx).await,
        (Method::Get, ["api", "v1", "reports", number]) => reports::get(&req, ctx, &decode(number)).await,
        (Method::Get, ["api", "v1", "reports", number, "verify"]) => {
            reports::verify_number(&req, ctx, &decode(number)).await
        }
        (
            _,
            ["api", "v1", "health" | "catalog" | "exports" | "openapi.json" | "subjects" | "records" | "objections" | "admin" | "me"
            | "grants" | "reports" | "error-reports", ..],
        ) => Err(ApiError::new(
            ErrorCode::MethodNotAllowed,
            "该地址不支持此请求方法。",
            "This method is not allowed on this path.",
        )),
        _ => Err(ApiError::new(
            ErrorCode::NotFound,
            "没有这个接口，请查看 /api/v1/openapi.json。",
            "No such endpoint; see /api/v1/openapi.json.",
        )),
    }
}

/// Percent-decode a path segment (codes are ASCII, but be exact about it).
fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&segment[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
