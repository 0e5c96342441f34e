//! `GET /api/v1/subjects`: the public search (Art. 18).
//!
//! Every query is answered from an index with a bounded number of rows read:
//! - codes (USCC, registration number, resident ID): an exact index lookup;
//! - 1–2 character names: the `name_grams` postings, already in relevance order;
//! - 3+ character names: the FTS5 trigram index, as one quoted phrase;
//! - pinyin: a prefix range on `name_pinyin`.
//!
//! At most [`CANDIDATES`] candidates are read and ranked; results beyond them are not
//! paged (refine the query), and the total says it is an estimate.

use crate::handlers::caching_for;
use crate::http::{json, HandlerResult};
use crate::storage::{Identifier, SubjectRow};
use crate::Ctx;
use gzcredit_shared::api::{Paging, QueryKind, SearchResponse, SubjectCategory, SubjectSummary, MAX_QUERY_CHARS};
use gzcredit_shared::disclosure::{present_subject, Viewer};
use gzcredit_shared::error::{ApiError, ErrorCode};
use gzcredit_shared::identifiers::{classify, SearchInput};
use gzcredit_shared::masking::mask_name;
use gzcredit_shared::search_terms::{fts_phrase, normalize_name};
use worker::Request;

/// Most candidates read for one query.
pub const CANDIDATES: u32 = 100;

struct Filters {
    region: Option<String>,
    category: Option<SubjectCategory>,
}

impl Filters {
    fn is_empty(&self) -> bool {
        self.region.is_none() && self.category.is_none()
    }

    fn admit(&self, row: &SubjectRow) -> bool {
        self.region.as_ref().is_none_or(|prefix| row.region.starts_with(prefix.as_str()))
            && self.category.is_none_or(|c| c.as_str() == row.subject_type)
    }
}

fn param(req: &Request, name: &str) -> Option<String> {
    req.url().ok()?.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

fn parse_filters(req: &Request) -> Result<Filters, ApiError> {
    let region = match param(req, "region").filter(|r| !r.is_empty()) {
        Some(r) if matches!(r.len(), 2 | 4 | 6) && r.bytes().all(|b| b.is_ascii_digit()) => Some(r),
        Some(_) => {
            return Err(ApiError::invalid_parameter(
                "region",
                "应为 2、4 或 6 位行政区划代码，如 5201",
                "must be a 2-, 4- or 6-digit division code such as 5201",
            ))
        }
        None => None,
    };
    let category = match param(req, "type").filter(|t| !t.is_empty()) {
        Some(t) => Some(SubjectCategory::from_wire(&t).ok_or_else(|| {
            ApiError::invalid_parameter(
                "type",
                "应为 enterprise、individual_business、farmer_cooperative、social_organization、public_institution、other 或 natural_person",
                "must be one of enterprise, individual_business, farmer_cooperative, social_organization, public_institution, other, natural_person",
            )
        })?),
        None => None,
    };
    Ok(Filters { region, category })
}

/// Rate-limit anonymous searches per client (Workers rate-limiting binding).
async fn rate_limit(req: &Request, ctx: &Ctx) -> Result<(), ApiError> {
    if !matches!(ctx.caller.viewer, Viewer::Public) {
        return Ok(());
    }
    let Ok(limiter) = ctx.env.rate_limiter("SEARCH_LIMITER") else {
        return Ok(()); // Not configured (e.g. a deployment without the binding).
    };
    let client = req.headers().get("CF-Connecting-IP").ok().flatten().unwrap_or_else(|| "unknown".into());
    match limiter.limit(client).await {
        Ok(outcome) if !outcome.success => Err(ApiError::new(
            ErrorCode::RateLimited,
            "查询过于频繁，请一分钟后再试。",
            "Too many searches; please try again in a minute.",
        )),
        _ => Ok(()),
    }
}

/// `GET /api/v1/subjects?q=&region=&type=&page=&page_size=`.
pub async fn search(req: &Request, ctx: &Ctx) -> HandlerResult {
    let raw = param(req, "q").unwrap_or_default();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(ApiError::invalid_parameter(
            "q",
            "请输入企业名称、统一社会信用代码或注册号",
            "enter a name, unified social credit code or registration number",
        ));
    }
    if trimmed.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::invalid_parameter(
            "q",
            format!("不超过 {MAX_QUERY_CHARS} 个字符"),
            format!("at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    let filters = parse_filters(req)?;
    let paging = Paging::parse(param(req, "page").as_deref(), param(req, "page_size").as_deref())?;
    if paging.offset() >= CANDIDATES {
        return Err(ApiError::invalid_parameter(
            "page",
            format!("只提供前 {CANDIDATES} 条结果，请细化查询条件"),
            format!("only the first {CANDIDATES} results are paged; refine the query"),
        ));
    }
    rate_limit(req, ctx).await?;

    let input = classify(trimmed);
    let (query, kind, candidates, known_total) = match input {
        SearchInput::InvalidCode(error) => return Err(error.into()),
        SearchInput::Uscc(code) => {
            let rows = ctx.db.subjects_by_identifier(Identifier::Uscc, code.as_str()).await?;
            (code.as_str().to_string(), QueryKind::Code, rows, None)
        }
        SearchInput::RegistrationNumber(number) => {
            let rows = ctx.db.subjects_by_identifier(Identifier::RegistrationNumber, number.as_str()).await?;
            (number.as_str().to_string(), QueryKind::RegistrationNumber, rows, None)
        }
        SearchInput::ResidentId(id) => {
            // Only a public list makes a natural person findable; the visibility filter below
            // drops everyone else, so "not listed" and "not held" look the same.
            let rows = ctx.db.subjects_by_identifier(Identifier::IdNumber, id.as_str()).await?;
            (id.masked(), QueryKind::Code, rows, None)
        }
        SearchInput::Pinyin(pinyin) => {
            let ids = ctx.db.pinyin_prefix(&pinyin, CANDIDATES).await?;
            let rows = ctx.db.subjects_by_ids(&ids).await?;
            (pinyin, QueryKind::Pinyin, rows, None)
        }
        SearchInput::Name(name) => {
            let normalized = normalize_name(&name);
            match normalized.chars().count() {
                0 => return Err(ApiError::invalid_parameter("q", "请输入名称", "enter a name")),
                1 | 2 if filters.is_empty() => {
                    // Postings are in relevance order: read only this page.
                    let ids = ctx.db.gram_postings(&normalized, None, paging.offset(), paging.page_size).await?;
                    let rows = ctx.db.subjects_by_ids(&ids).await?;
                    let total = ctx.db.gram_count(&normalized).await?;
                    (normalized, QueryKind::Name, rows, Some(total))
                }
                1 | 2 => {
                    let ids = ctx.db.gram_postings(&normalized, None, 0, CANDIDATES).await?;
                    (normalized, QueryKind::Name, ctx.db.subjects_by_ids(&ids).await?, None)
                }
                _ => {
                    let ids = ctx.db.name_phrase(&fts_phrase(&normalized), CANDIDATES).await?;
                    (normalized, QueryKind::Name, ctx.db.subjects_by_ids(&ids).await?, None)
                }
            }
        }
    };

    let viewer = &ctx.caller.viewer;
    let mut admitted: Vec<(SubjectRow, bool)> = candidates
        .into_iter()
        .filter(|row| filters.admit(row))
        .filter_map(|row| {
            let masks = present_subject(viewer, &row.facts(ctx.today), ctx.today)?;
            Some((row, masks.person_names))
        })
        .collect();
    let (items, total, estimate) = match known_total {
        // Already one page, in order; the total comes from the gram counts.
        Some(total) => {
            let page: Vec<_> = admitted.into_iter().map(|(row, mask)| summary(&row, mask, ctx)).collect();
            (page, total.min(CANDIDATES), total > CANDIDATES)
        }
        None => {
            if kind == QueryKind::Name || kind == QueryKind::Pinyin {
                admitted.sort_by_key(|(row, _)| rank(&row.name, &query, kind));
            }
            let count = admitted.len() as u32;
            let page = admitted
                .into_iter()
                .skip(paging.offset() as usize)
                .take(paging.page_size as usize)
                .map(|(row, mask)| summary(&row, mask, ctx))
                .collect();
            (page, count, count >= CANDIDATES)
        }
    };
    let body = SearchResponse {
        query,
        kind,
        items,
        page: paging.page,
        page_size: paging.page_size,
        total,
        total_is_estimate: estimate,
    };
    json(req, 200, &body, caching_for(viewer))
}

/// Relevance: exact name first, then names starting with the query, then shorter names.
fn rank(name: &str, query: &str, kind: QueryKind) -> (u8, usize) {
    let normalized = normalize_name(name);
    let class = if kind == QueryKind::Pinyin {
        1
    } else if normalized == query {
        0
    } else if normalized.starts_with(query) {
        1
    } else {
        2
    };
    (class, normalized.chars().count())
}

fn summary(row: &SubjectRow, mask_names: bool, ctx: &Ctx) -> SubjectSummary {
    let natural_person = row.natural_person != 0;
    SubjectSummary {
        code: row.code.clone(),
        name: if natural_person && mask_names { mask_name(&row.name) } else { row.name.clone() },
        subject_type: row.subject_type.clone(),
        region: row.region.clone(),
        red_list: SubjectRow::listed(&row.red_list_until, ctx.today),
        serious_dishonesty: SubjectRow::listed(&row.serious_list_until, ctx.today),
    }
}
