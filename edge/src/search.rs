//! `GET /api/v1/subjects`: the public search (Art. 18).
//!
//! Every query is answered from an index with a bounded number of rows read:
//! - codes (USCC, registration number, resident ID): an exact index lookup;
//! - names: the query's terms (`shared::search_terms::query_terms`, split on spaces and
//!   punctuation) must all appear. Terms of 3+ characters go to the FTS5 trigram index as
//!   one `AND` query; if every term is shorter, the gram postings of the rarest one (by the
//!   gram counts) are read. The other terms are checked on the names read, and names with
//!   the terms in the typed order, closer together, rank first;
//! - pinyin: the key ranges of `shared::search_terms::pinyin_plan` (exact syllables, then
//!   initials, then a begun last syllable), each name read checked and ranked by
//!   `pinyin_match`.
//!
//! When nothing matches, the answer suggests the nearest names the viewer may see (one
//! character different, or the same pinyin in other characters), apart from the results.
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
use crate::storage::{Identifier, Scope, SubjectRow};
use crate::Ctx;
use gzcredit_shared::api::{Paging, QueryKind, SearchResponse, SubjectCategory, SubjectSummary, MAX_QUERY_CHARS};
use gzcredit_shared::disclosure::NameIndex;
use gzcredit_shared::disclosure::{check_id_search, id_search_finds, name_index, needs_records, present_summary};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::identifiers::{classify, SearchInput};
use gzcredit_shared::permissions::Action;
use gzcredit_shared::search_terms::{
    fts_all, fts_phrase, index_form, name_rank, one_character_apart, pinyin_form, pinyin_match, pinyin_plan,
    query_terms, spoken, terms_order, PinyinPlan, PinyinQuality,
};
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
    // The name index of the region filter's databases, or of every shard.
    let scope = ctx.store.searched(filters.region.as_deref());
    let (query, kind, found) = match input {
        SearchInput::InvalidCode(error) => return Err(error.into()),
        SearchInput::Uscc(code) => {
            let rows = ctx.store.of_code(code.as_str()).subjects_by_identifier(Identifier::Uscc, code.as_str()).await?;
            (code.as_str().to_string(), QueryKind::Code, Found::All(rows))
        }
        SearchInput::RegistrationNumber(number) => {
            let rows = ctx.store.subjects_by_registration_number(number.as_str()).await?;
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
            let db = ctx.store.of_region(id.region_code());
            for row in db.subjects_by_identifier(Identifier::IdNumber, id.as_str()).await? {
                let facts = row.facts();
                if !id_search_finds(viewer, &facts, name.as_deref()) {
                    continue;
                }
                let records = if needs_records(viewer) { db.record_digests(&row, None).await? } else { Vec::new() };
                items.extend(present_summary(viewer, &facts, &records, ctx.today));
            }
            (id.masked(), QueryKind::Code, Found::Shown(items))
        }
        SearchInput::Pinyin(letters) => {
            let (rows, full) = scope.pinyin_subjects(name_index(viewer), &pinyin_plan(&letters), WINDOW).await?;
            (letters.clone(), QueryKind::Pinyin, Found::Ranked(rank_by_pinyin(rows, &letters), full))
        }
        SearchInput::Name(name) => {
            let terms = query_terms(&name);
            if terms.is_empty() {
                return Err(ApiError::invalid_parameter("q", "请输入名称", "enter a name"));
            }
            let (rows, full) = name_candidates(&scope, name_index(viewer), &terms).await?;
            (terms.join(" "), QueryKind::Name, Found::Ranked(rank_by_terms(rows, &terms), full))
        }
    };

    let (items, total, estimate) = match found {
        Found::All(rows) => paginate(rows, &filters, &paging, visible, false),
        Found::Ranked(mut rows, full) => {
            rows.truncate(CANDIDATES as usize);
            paginate(rows, &filters, &paging, visible, full)
        }
        Found::Shown(shown) => {
            page_of(shown.into_iter().filter(|s| filters.admit_summary(s)).collect(), &paging, false)
        }
    };
    let suggestions = match &kind {
        QueryKind::Name if total == 0 && !estimate && ctx.store.usage().rows_read <= SUGGEST_AFTER_ROWS => {
            suggest(ctx, &scope, &query.replace(' ', ""), &filters, visible).await?
        }
        _ => Vec::new(),
    };
    // A token holder's search is a query of every subject it returns (Art. 19–20, 31):
    // audited per subject, so that each sees it under "who queried me".
    let codes: Vec<&str> = items.iter().chain(&suggestions).map(|s| s.code.as_str()).collect();
    crate::audit::record_each(ctx, "search", &codes).await?;
    let body = SearchResponse {
        query,
        kind,
        items,
        page: paging.page,
        page_size: paging.page_size,
        total,
        total_is_estimate: estimate,
        suggestions,
    };
    json(req, 200, &body, caching_for(viewer))
}

/// What an index lookup found.
enum Found {
    /// Every match (exact identifier lookups).
    All(Vec<SubjectRow>),
    /// The matches among the candidates of a window of the index, in relevance order, and
    /// whether the window was full (there may be more matches than are paged).
    Ranked(Vec<SubjectRow>, bool),
    /// Every match, already presented to the viewer (ID searches).
    Shown(Vec<SubjectSummary>),
}

/// The candidates of a name query, in the index's order, and whether the window was full:
/// the names that hold its terms side by side in the typed order first, then
/// [`candidates_apart`].
async fn name_candidates(
    scope: &Scope<'_>,
    index: NameIndex,
    terms: &[String],
) -> Result<(Vec<SubjectRow>, bool), ApiError> {
    // Terms typed in the order the name holds them, side by side, are most often one run
    // of it: `毕节 丰源`, or a bracket's content after the name, `贵阳商会(黔信)`. Their
    // names are read first, as one phrase, however common each term is apart; the rest of
    // the window is filled from the terms apart, and the ranking puts the run first.
    let joined = terms.concat();
    if terms.len() > 1 && joined.chars().count() >= 3 {
        let (adjacent, adjacent_full) =
            scope.phrase_subjects(index, &fts_phrase(&joined), &pairs_of(&[&joined]), WINDOW).await?;
        if adjacent_full {
            return Ok((adjacent, true));
        }
        if !adjacent.is_empty() {
            let rest_window = WINDOW - adjacent.len() as u32;
            let (rest, full) = candidates_apart(scope, index, terms, rest_window).await?;
            let mut seen: std::collections::BTreeSet<i64> = adjacent.iter().map(|row| row.id).collect();
            let mut rows = adjacent;
            rows.extend(rest.into_iter().filter(|row| seen.insert(row.id)));
            return Ok((rows, full));
        }
    }
    candidates_apart(scope, index, terms, WINDOW).await
}

/// The first `window` names that may hold every term, wherever each stands: from a short
/// term rare enough to be read whole, else from the trigram index for the terms of 3+
/// characters at once, else from the postings of the rarest term (a term no name holds
/// finds nothing, and reads one count row).
async fn candidates_apart(
    scope: &Scope<'_>,
    index: NameIndex,
    terms: &[String],
    window: u32,
) -> Result<(Vec<SubjectRow>, bool), ApiError> {
    let long: Vec<&String> = terms.iter().filter(|t| t.chars().count() >= 3).collect();
    let short: Vec<String> = terms.iter().filter(|t| t.chars().count() < 3).cloned().collect();
    // Long terms and short ones (`六盘水 森福`): the long terms' window holds the most
    // relevant names of a common place, which may all lack the short term. A short term
    // with no more names than the window gives every candidate instead: read its
    // postings whole, and the other terms filter them exactly.
    let rare_short = if !long.is_empty() && !short.is_empty() {
        let counts = scope.gram_counts(index, &short).await?;
        if short.iter().any(|t| !counts.contains_key(t)) {
            return Ok((Vec::new(), false)); // No name holds that term.
        }
        short.iter().filter(|t| counts[*t] <= i64::from(CANDIDATES)).min_by_key(|t| counts[*t]).cloned()
    } else {
        None
    };
    if let Some(term) = rare_short {
        scope.rare_gram_subjects(index, &term, window).await
    } else if !long.is_empty() {
        scope.phrase_subjects(index, &fts_all(&long), &pairs_of(&long), window).await
    } else {
        let rarest = if terms.len() == 1 {
            &terms[0]
        } else {
            let counts = scope.gram_counts(index, terms).await?;
            match terms.iter().min_by_key(|t| counts.get(*t).copied().unwrap_or(0)) {
                Some(t) if counts.contains_key(t) => t,
                _ => return Ok((Vec::new(), false)),
            }
        };
        scope.gram_subjects(index, rarest, window).await
    }
}

/// Some pairs of neighbouring characters of `terms`: the first and the last of each term,
/// each once. The least of their gram counts bounds how many names hold the terms
/// (`Scope::phrase_subjects`); a bound from every pair would be tighter, but costs a count
/// row per pair and shard (a full name of 12 characters read 121 rows of counts over 11
/// shards).
fn pairs_of<S: AsRef<str>>(terms: &[S]) -> Vec<String> {
    let mut pairs: Vec<String> = Vec::new();
    for term in terms {
        let chars: Vec<char> = term.as_ref().chars().collect();
        for pair in
            [chars.get(..2), chars.len().checked_sub(2).and_then(|start| chars.get(start..))].into_iter().flatten()
        {
            let pair: String = pair.iter().collect();
            if !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
    }
    pairs
}

/// The rows that `key` keeps, in the order of their keys (a stable sort: equal keys keep
/// the index's order).
fn ranked_by<K: Ord>(rows: Vec<SubjectRow>, key: impl Fn(&SubjectRow) -> Option<K>) -> Vec<SubjectRow> {
    let mut ranked: Vec<(K, SubjectRow)> = rows.into_iter().filter_map(|row| Some((key(&row)?, row))).collect();
    ranked.sort_by(|a, b| a.0.cmp(&b.0));
    ranked.into_iter().map(|(_, row)| row).collect()
}

/// The names that hold every term, with the terms in the typed order and closer together
/// first, then in the index's relevance order (shorter names first).
fn rank_by_terms(rows: Vec<SubjectRow>, terms: &[String]) -> Vec<SubjectRow> {
    if terms.len() == 1 {
        return rows;
    }
    ranked_by(rows, |row| {
        let form = index_form(&row.name);
        Some((terms_order(&form, terms)?, name_rank(&form), row.id))
    })
}

/// The names that match the typed letters (`pinyin_match`): whole syllables first, then
/// initials, then a begun last syllable; a match from the start of the name before one
/// inside it; then shorter names first.
fn rank_by_pinyin(rows: Vec<SubjectRow>, letters: &str) -> Vec<SubjectRow> {
    ranked_by(rows, |row| {
        let (quality, start) = pinyin_match(&pinyin_form(&row.name), letters)?;
        Some((quality, start > 0, name_rank(&index_form(&row.name)), row.id))
    })
}

/// Rows read by a search past which no suggestions are looked for: they read at most
/// 3 × 2 × [`SUGGESTIONS_WINDOW`] more, and a search stays within 200.
const SUGGEST_AFTER_ROWS: usize = 200 - 6 * SUGGESTIONS_WINDOW as usize;

/// Index entries read per way of suggesting.
const SUGGESTIONS_WINDOW: u32 = 12;

/// Most suggestions shown.
const MAX_SUGGESTIONS: usize = 5;

/// The nearest names to a query that found nothing, that the viewer may see and the
/// filters admit: the same pinyin in other characters (贵阳黔新 → 贵阳黔信), then one
/// character different, found through either half of the query (one of them is intact).
async fn suggest(
    ctx: &Ctx,
    scope: &Scope<'_>,
    joined: &str,
    filters: &Filters,
    visible: impl Fn(SubjectRow) -> Option<SubjectSummary>,
) -> Result<Vec<SubjectSummary>, ApiError> {
    let index = name_index(&ctx.caller.viewer);
    let chars: Vec<char> = joined.chars().collect();
    let letters: String = spoken(joined).concat();
    let mut found: Vec<SubjectRow> = Vec::new();
    if !letters.is_empty() && letters.bytes().all(|b| b.is_ascii_lowercase()) {
        let plan = PinyinPlan { initials: None, begun: Vec::new(), ..pinyin_plan(&letters) };
        let (rows, _) = scope.pinyin_subjects(index, &plan, SUGGESTIONS_WINDOW).await?;
        found.extend(rank_by_pinyin(rows, &letters).into_iter().filter(|row| {
            pinyin_match(&pinyin_form(&row.name), &letters).is_some_and(|m| m.0 == PinyinQuality::Syllables)
        }));
    }
    if chars.len() >= 3 {
        let (left, right) = chars.split_at(chars.len().div_ceil(2));
        for half in [left, right] {
            let half: String = half.iter().collect();
            let (rows, _) = if half.chars().count() >= 3 {
                scope.phrase_subjects(index, &fts_phrase(&half), &pairs_of(&[&half]), SUGGESTIONS_WINDOW).await?
            } else {
                scope.gram_subjects(index, &half, SUGGESTIONS_WINDOW).await?
            };
            found.extend(rows.into_iter().filter(|row| one_character_apart(&index_form(&row.name), joined)));
        }
    }
    let mut seen = Vec::new();
    let mut shown = Vec::new();
    for row in found {
        if seen.contains(&row.id) || !filters.admit(&row) {
            continue;
        }
        seen.push(row.id);
        if let Some(summary) = visible(row) {
            shown.push(summary);
        }
        if shown.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    Ok(shown)
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
