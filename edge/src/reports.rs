//! Credit reports (Art. 31, 40): issued to the signed-in subject, signed by the platform,
//! stored, and verifiable by anyone who is shown one.
//!
//! - `POST /api/v1/reports` (subject token): a personal report for a natural person, or an
//!   enterprise report for an organisation; always issued (201). A personal report is one
//!   of the two free ones of the calendar year or, from the third on, issued marked as
//!   beyond the free quota (`shared::report::charge`, Art. 31 ¶2); the report states which
//!   (`charge`, `quota_mark_zh`), and so does the answer (`charge`, `charge_notice_zh`).
//!   Contents are `shared::report::build`'s: each record with its source and its changes
//!   with their reasons (the record histories of all the report's records read in one
//!   bounded query, `Db::report_changes`). The platform signs
//!   `shared::report::signing_input` with the Ed25519 key in the Worker secret
//!   `REPORT_SIGNING_KEY` (base64url of the 32-byte seed) and stores number, subject, year,
//!   issue time, canonical content, hash and signature. A free report's count is checked
//!   again inside the writing transaction, so two simultaneous requests cannot both be the
//!   year's second free report: the later one is rebuilt with the count it meets.
//! - `GET /api/v1/reports/{number}` (the subject itself or platform staff): the stored
//!   report with its signature.
//! - `GET /api/v1/reports/{number}/verify` (anyone): whether that number was issued and its
//!   stored content still matches its signature.
//! - `POST /api/v1/reports/verify` (anyone): whether a presented report is genuine (signed
//!   by the platform) and unaltered (its canonical form is what was signed), and on record.
//!
//! Both verifications are rate-limited for the public per client (`SEARCH_LIMITER`, key
//! `verify:`), answered by 429 `rate_limited` with `Retry-After`.

use crate::audit;
use crate::handlers::subject_info;
use crate::http::{self, json, read_json, Caching, HandlerResult};
use crate::me::{own_code, query_view};
use crate::write;
use crate::Ctx;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use gzcredit_shared::api::{ReportRequest, ReportVerification, SignedReport};
use gzcredit_shared::change::{self, NewReport};
use gzcredit_shared::disclosure::{present_record, Viewer};
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::identity::{base64url_decode, base64url_encode};
use gzcredit_shared::report::{self, ReportInput, ReportKind, MAX_REPORT_CHANGES_PER_RECORD, MAX_REPORT_QUERIES};
use serde::Deserialize;
use worker::Request;

/// Largest presented report accepted for verification.
const VERIFY_BODY_LIMIT: usize = 2 * 1024 * 1024;

fn signing_key(ctx: &Ctx) -> Result<SigningKey, ApiError> {
    let secret = ctx.env.secret("REPORT_SIGNING_KEY").map(|s| s.to_string()).unwrap_or_default();
    let seed = base64url_decode(secret.trim())
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| http::internal("REPORT_SIGNING_KEY is missing or not base64url of 32 bytes"))?;
    Ok(SigningKey::from_bytes(&seed))
}

fn verifies(key: &VerifyingKey, report: &serde_json::Value, signature: &str) -> bool {
    base64url_decode(signature.trim())
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .is_some_and(|sig| key.verify_strict(&report::signing_input(report), &sig).is_ok())
}

fn no_such_report() -> ApiError {
    ApiError::new(
        ErrorCode::NotFound,
        "没有这个报告编号，请核对后重试。",
        "No report has this number; check it and retry.",
    )
}

fn valid_number(number: &str) -> Result<(), ApiError> {
    if number.is_empty() || number.len() > 40 || !number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(no_such_report());
    }
    Ok(())
}

/// The answer for a report: the report, its signature, and what it states about its charge.
fn signed_report(
    report: serde_json::Value,
    content_hash: String,
    signature: String,
    public_key: String,
) -> SignedReport {
    let stated = report::charge_of(&report);
    let notice = stated.and_then(|(charge, day)| report::charge_notice(charge, day));
    let (charge_notice_zh, charge_notice_en) = notice.unzip();
    SignedReport {
        charge: stated.map(|(charge, _)| charge),
        charge_notice_zh,
        charge_notice_en,
        report,
        content_hash,
        signature,
        public_key,
    }
}

/// `POST /api/v1/reports`.
pub async fn issue(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    let code = own_code(ctx)?;
    let has_body = req.headers().get("Content-Type").ok().flatten().is_some();
    let body: ReportRequest = if has_body { read_json(req, 4 * 1024).await? } else { ReportRequest::default() };
    let purpose = body.purpose.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
    if purpose.as_ref().is_some_and(|p| p.chars().count() > 200) {
        return Err(ApiError::invalid_parameter("purpose", "不超过 200 个字符", "at most 200 characters"));
    }
    let key = signing_key(ctx)?;
    let shard = ctx.store.of_code(&code);
    let row = shard.subject_by_code(&code).await?.ok_or_else(ApiError::not_found)?;
    let kind = ReportKind::for_subject(row.natural_person != 0);
    let year = report::quota_year(ctx.today);
    let viewer = Viewer::Subject { code: code.clone() };
    let records = shard.records_of(row.id, None).await?;
    let views: Vec<_> = records.iter().filter_map(|r| present_record(&viewer, r, ctx.today)).collect();
    let ids: Vec<i64> = views.iter().map(|v| v.id).collect();
    // One more than the report lists, to tell whether older changes were left out.
    let changes = shard.report_changes(&ids, MAX_REPORT_CHANGES_PER_RECORD + 1).await?;
    let (queries, queries_total) = ctx.store.queries_of(&code, 0, MAX_REPORT_QUERIES).await?;
    let queries: Vec<_> = queries.into_iter().map(query_view).collect();
    let number = http::random_number("BG", ctx.today)?;
    let issued_at = http::iso_now(ctx.now_millis);
    let items: Vec<&str> = views.iter().map(|v| v.item_code.as_str()).collect();
    let subject = subject_info(&viewer, &row, &records, ctx.today)?;
    let key = &key;
    let (value, content_hash, signature, public_key) = write::commit(ctx, ctx.store.directory(), || async {
        // Art. 31 ¶2: two free personal reports a year; later ones are issued all the same
        // and marked as beyond the free quota, never refused.
        let issued = match kind {
            ReportKind::Personal => ctx.store.directory().reports_in_year(&code, year, kind.as_str()).await?,
            ReportKind::Enterprise => 0,
        };
        let charge = report::charge(kind, issued);
        let built = report::build(ReportInput {
            number: number.clone(),
            subject: subject.clone(),
            records: views.clone(),
            changes: changes.clone(),
            queries: queries.clone(),
            queries_total,
            as_of: issued_at.clone(),
            as_of_date: ctx.today,
            purpose: purpose.clone(),
            charge,
        });
        let value = serde_json::to_value(&built).map_err(http::internal)?;
        let stored = NewReport {
            number: number.clone(),
            subject_code: code.clone(),
            kind: kind.as_str(),
            year,
            issued_at: issued_at.clone(),
            content: report::canonical_json(&value),
            content_hash: report::content_hash(&value),
            signature: base64url_encode(&key.sign(&report::signing_input(&value)).to_bytes()),
            public_key: base64url_encode(key.verifying_key().as_bytes()),
        };
        let answer = (value, stored.content_hash.clone(), stored.signature.clone(), stored.public_key.clone());
        Ok((report::issue_change(stored, charge, issued, change::items(items.iter().copied())), answer))
    })
    .await?;
    json(req, 201, &signed_report(value, content_hash, signature, public_key), Caching::Private)
}

/// `GET /api/v1/reports/{number}`: the subject's own report (or any, for platform staff).
pub async fn get(req: &Request, ctx: &Ctx, number: &str) -> HandlerResult {
    valid_number(number)?;
    let stored = ctx.store.directory().report(number).await?.ok_or_else(no_such_report)?;
    if ctx.caller.viewer == Viewer::Public {
        return Err(http::sign_in_required());
    }
    if !report::may_read(&ctx.caller.viewer, &stored.subject_code) {
        // Someone else's report: not told apart from a number never issued.
        return Err(no_such_report());
    }
    let report: serde_json::Value = serde_json::from_str(&stored.content).map_err(http::internal)?;
    audit::record(ctx, "report.read", Some(&stored.subject_code), &[], gzcredit_shared::audit::OUTCOME_OK).await?;
    let body = signed_report(report, stored.content_hash, stored.signature, stored.public_key);
    json(req, 200, &body, Caching::Private)
}

fn verdict(
    number: Option<String>,
    genuine: bool,
    on_record: Option<&crate::storage::ReportRow>,
    content_hash: Option<String>,
) -> ReportVerification {
    let (message_zh, message_en) = match (genuine, on_record.is_some()) {
        (true, true) => {
            ("该报告由本平台签发，内容未被改动。", "This report was issued by this platform and has not been altered.")
        }
        (true, false) => (
            "该报告的签名有效，但本平台没有此编号的签发记录，请联系平台核实。",
            "The signature is valid but this platform has no record of this number; contact the platform.",
        ),
        (false, _) => (
            "该报告不是本平台签发的原件，或内容已被改动。",
            "This report was not issued by this platform, or its contents have been altered.",
        ),
    };
    ReportVerification {
        number,
        genuine,
        on_record: on_record.is_some(),
        issued_at: on_record.map(|r| r.issued_at.clone()),
        subject_code: on_record.map(|r| r.subject_code.clone()),
        content_hash,
        message_zh: message_zh.into(),
        message_en: message_en.into(),
    }
}

/// `GET /api/v1/reports/{number}/verify`.
pub async fn verify_number(req: &Request, ctx: &Ctx, number: &str) -> HandlerResult {
    // Anyone may ask, so the public is rate-limited: guessing numbers costs time.
    http::rate_limit_public(req, ctx, "verify").await?;
    valid_number(number)?;
    let stored = ctx.store.directory().report(number).await?.ok_or_else(no_such_report)?;
    let key = signing_key(ctx)?.verifying_key();
    let genuine = serde_json::from_str::<serde_json::Value>(&stored.content).ok().is_some_and(|report| {
        report::content_hash(&report) == stored.content_hash && verifies(&key, &report, &stored.signature)
    });
    let hash = Some(stored.content_hash.clone());
    let body = verdict(Some(number.to_string()), genuine, genuine.then_some(&stored), hash);
    json(req, 200, &body, Caching::Private)
}

#[derive(Deserialize)]
struct Presented {
    report: serde_json::Value,
    #[serde(default)]
    signature: Option<String>,
}

/// `POST /api/v1/reports/verify` with `{report, signature}` as issued.
pub async fn verify_presented(req: &mut Request, ctx: &Ctx) -> HandlerResult {
    // Anyone may send up to 2 MB to be hashed and checked: the public is rate-limited
    // before the body is read, so a flood costs a counter, not the bodies.
    http::rate_limit_public(req, ctx, "verify").await?;
    let presented: Presented = read_json(req, VERIFY_BODY_LIMIT).await?;
    if !presented.report.is_object() {
        return Err(ApiError::invalid_parameter("report", "应为报告对象", "must be the report object"));
    }
    let key = signing_key(ctx)?.verifying_key();
    let number = report::number_of(&presented.report).map(String::from);
    let content_hash = report::content_hash(&presented.report);
    let signed = presented.signature.as_deref().is_some_and(|sig| verifies(&key, &presented.report, sig));
    let stored = match number.as_deref() {
        Some(n) if valid_number(n).is_ok() => ctx.store.directory().report(n).await?,
        _ => None,
    };
    // Without a signature, a report is still genuine if its content is exactly what was
    // issued under its number.
    let on_record = stored.as_ref().filter(|s| s.content_hash == content_hash);
    let genuine = signed || on_record.is_some();
    let body = verdict(number, genuine, on_record, Some(content_hash));
    json(req, 200, &body, Caching::Private)
}
