//! `GET /api/v1/subjects`: the public search (Art. 18).
//!
//! Every query is answered from an index with a bounded number of rows read:
//! - codes (USCC, registration number, resident ID): an exact index lookup;
//! - 1–2 character names: the gram postings, already in relevance order;
//! - 3+ character names: the FTS5 trigram index, as one quoted phrase;
//! - pinyin: a prefix range of pinyin keys.
//!
//! A name or pinyin search reads the part of the name index its viewer may search
//! (`shared::disclosure::name_index`): the public, an agency or a subject search the
//! public part, which holds no natural person a public list has not named, so no count
//! tells of one. It reads a window of the first [`CANDIDATES`] matches (and one more, to
//! know whether there are more), presents each to the viewer, and counts and pages only
//! what it shows: the total is exact up to the window, pages have no gaps, and results
//! beyond the window are not paged (refine the query; the total then says "90+").

use crate::handlers::caching_for;
use crate::http::{self, json, HandlerResult};
use crate::storage::{Identifier, SubjectRow};
use crate::Ctx;
use gzcredit_shared::api::{Paging, QueryKind, SearchResponse, SubjectCategory, SubjectSummary, MAX_QUERY_CHARS};
use gzcredit_shared::disclosure::{check_id_search, id_search_finds, name_index, needs_records, present_summary};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::identifiers::{classify, SearchInput};
use gzcredit_shared::permissions::Action;
use gzcredit_shared::search_terms::{fts_phrase, name_rank, normalize_name};
use worker::Request;

/// Most candidates read for one query, and the deepest result that is paged.
pub const CANDIDATES: u32 = gzcredit_shared::api::MAX_RESULT_WINDOW;

/// Rows read from the index per name query: the window and one more, which tells whether
/// the window holds every match.
const WINDOW: u32 = CANDIDATES + 1;

struct Filters {
    region: Option<String>,
    category: Option<SubjectCategory>,
}

impl Filters {
    fn admit(&self, row: &SubjectRow) -> bool {
        self.admits(&row.region, &row.subject_type)
    }

    fn admit_summary(&self, summary: &SubjectSummary) -> bool {
        self.admits(&summary.region, &summary.subject_type)
    }

    fn admits(&self, region: &str, subject_type: &str) -> bool {
        self.region.as_ref().is_none_or(|prefix| region.starts_with(prefix.as_str()))
            && self.category.is_none_or(|c| c.as_str() == subject_type)
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
    if paging.offset() + paging.page_size > CANDIDATES {
        return Err(ApiError::invalid_parameter(
            "page",
            format!("只提供前 {CANDIDATES} 条结果，请细化查询条件"),
            format!("only the first {CANDIDATES} results are paged; refine the query"),
        ));
    }
    http::rate_limit_public(req, ctx, "search").await?;
    // A search is a query like any other: within the staff member's permissions (Art. 19).
    crate::audit::require(ctx, Action::Search, None, None).await?;

    let input = classify(trimmed);
    let viewer = &ctx.caller.viewer;
    // A search reads no records, so an agency sees what the public sees (see
    // `shared::disclosure::present_subject`); only an exact ID search reads them.
    let visible = |row: SubjectRow| present_summary(viewer, &row.facts(), &[], ctx.today);
    let (query, kind, found) = match input {
        SearchInput::InvalidCode(error) => return Err(error.into()),
        SearchInput::Uscc(code) => {
            let rows = ctx.db.subjects_by_identifier(Identifier::Uscc, code.as_str()).await?;
            (code.as_str().to_string(), QueryKind::Code, Found::All(rows))
        }
        SearchInput::RegistrationNumber(number) => {
            let rows = ctx.db.subjects_by_identifier(Identifier::RegistrationNumber, number.as_str()).await?;
            (number.as_str().to_string(), QueryKind::RegistrationNumber, Found::All(rows))
        }
        SearchInput::ResidentId(id) => {
            // The ID names a person: with the name, for anyone but the subject itself, and
            // rate-limited for everyone (`shared::disclosure::check_id_search`). A wrong name,
            // "not listed" and "not held" all look the same: no result.
            let name = param(req, "name");
            check_id_search(viewer, name.as_deref())?;
            limit_id_searches(req, ctx).await?;
            let mut items = Vec::new();
            for row in ctx.db.subjects_by_identifier(Identifier::IdNumber, id.as_str()).await? {
                let facts = row.facts();
                if !id_search_finds(viewer, &facts, name.as_deref()) {
                    continue;
                }
                let records = if needs_records(viewer) { ctx.db.records_of(row.id, None).await? } else { Vec::new() };
                items.extend(present_summary(viewer, &facts, &records, ctx.today));
            }
            (id.masked(), QueryKind::Code, Found::Shown(items))
        }
        SearchInput::Pinyin(pinyin) => {
            let mut rows = ctx.db.pinyin_subjects(name_index(viewer), &pinyin, WINDOW).await?;
            rows.sort_by_cached_key(|row| (name_rank(&normalize_name(&row.name)), row.id));
            (pinyin, QueryKind::Pinyin, Found::Candidates(rows))
        }
        SearchInput::Name(name) => {
            let normalized = normalize_name(&name);
            let rows = match normalized.chars().count() {
                0 => return Err(ApiError::invalid_parameter("q", "请输入名称", "enter a name")),
                1 | 2 => ctx.db.gram_subjects(name_index(viewer), &normalized, WINDOW).await?,
                _ => ctx.db.phrase_subjects(name_index(viewer), &fts_phrase(&normalized), WINDOW).await?,
            };
            (normalized, QueryKind::Name, Found::Candidates(rows))
        }
    };

    let (items, total, estimate) = match found {
        Found::All(rows) => paginate(rows, &filters, &paging, visible, false),
        Found::Candidates(mut rows) => {
            let more = rows.len() > CANDIDATES as usize;
            rows.truncate(CANDIDATES as usize);
            paginate(rows, &filters, &paging, visible, more)
        }
        Found::Shown(shown) => {
            page_of(shown.into_iter().filter(|s| filters.admit_summary(s)).collect(), &paging, false)
        }
    };
    // A token holder's search is a query of every subject it returns (Art. 19–20, 31):
    // audited per subject, so that each sees it under "who queried me".
    let codes: Vec<&str> = items.iter().map(|s| s.code.as_str()).collect();
    crate::audit::record_each(ctx, "search", &codes).await?;
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

/// What an index lookup found.
enum Found {
    /// Every match (exact identifier lookups).
    All(Vec<SubjectRow>),
    /// The first [`WINDOW`] candidates, in relevance order: more than [`CANDIDATES`] means
    /// that there may be more matches than are paged.
    Candidates(Vec<SubjectRow>),
    /// Every match, already presented to the viewer (ID searches).
    Shown(Vec<SubjectSummary>),
}

/// Searches by resident ID number, limited per client for the public and per account for
/// token holders (binding `ID_SEARCH_LIMITER`).
async fn limit_id_searches(req: &Request, ctx: &Ctx) -> Result<(), ApiError> {
    let key = match &ctx.caller.claims {
        Some(claims) => format!("account:{}", claims.sub),
        None => format!("ip:{}", http::client_address(req)),
    };
    http::rate_limit(ctx, "ID_SEARCH_LIMITER", key).await
}

/// Filter, then take the requested page.
fn paginate(
    rows: Vec<SubjectRow>,
    filters: &Filters,
    paging: &Paging,
    visible: impl Fn(SubjectRow) -> Option<SubjectSummary>,
    more: bool,
) -> (Vec<SubjectSummary>, u32, bool) {
    page_of(rows.into_iter().filter(|row| filters.admit(row)).filter_map(visible).collect(), paging, more)
}

/// The requested page of what the viewer may see, its total, and whether there may be more
/// than the total says (`more`).
fn page_of(admitted: Vec<SubjectSummary>, paging: &Paging, more: bool) -> (Vec<SubjectSummary>, u32, bool) {
    let total = admitted.len() as u32;
    let page = admitted.into_iter().skip(paging.offset() as usize).take(paging.page_size as usize).collect();
    (page, total, more)
}
