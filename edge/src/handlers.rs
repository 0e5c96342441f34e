//! Handlers of the read routes and objections: decode, read, ask `shared`, encode.

use crate::http::{self, json, Caching, HandlerResult};
use crate::storage::SubjectRow;
use crate::Ctx;
use gzcredit_shared::api::{ClassCount, Health, ListStatus, Paging, Profile, RecordView, RecordsPage, SubjectInfo};
use gzcredit_shared::catalog::{self, Class};
use gzcredit_shared::disclosure::{needs_records, present_record, present_subject, Viewer};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::permissions::Action;
use gzcredit_shared::record::Record;
use gzcredit_shared::Date;
use worker::Request;

pub use crate::objections::{file_objection, objection};

/// `GET /api/v1/health`.
pub fn health(req: &Request, ctx: &Ctx) -> HandlerResult {
    let body = Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        today: ctx.today,
        catalog_version: catalog::CATALOG_VERSION.into(),
        instance: ctx.env.var("INSTANCE_NONCE").ok().map(|v| v.to_string()).filter(|v| !v.is_empty()),
    };
    json(req, 200, &body, Caching::Private)
}

/// `GET /api/v1/catalog`: the published catalog (Art. 10).
pub fn catalog(req: &Request) -> HandlerResult {
    #[derive(serde::Serialize)]
    struct Catalog {
        version: &'static str,
        items: &'static [catalog::CatalogItem],
    }
    json(req, 200, &Catalog { version: catalog::CATALOG_VERSION, items: catalog::ITEMS }, Caching::Public)
}

/// `GET /api/v1/openapi.json`.
pub fn openapi(req: &Request) -> HandlerResult {
    let document: serde_json::Value = serde_json::from_str(include_str!("../openapi.json")).map_err(http::internal)?;
    json(req, 200, &document, Caching::Public)
}

/// Caching for a response that depends on the viewer.
pub fn caching_for(viewer: &Viewer) -> Caching {
    if matches!(viewer, Viewer::Public) {
        Caching::Public
    } else {
        Caching::Private
    }
}

/// The subject and its registration information as the viewer may see it, or 404 for a
/// subject the viewer may not know of. An agency's view depends on the subject's records
/// (`shared::disclosure::needs_records`), whose digests are then read for it.
pub async fn visible_subject(ctx: &Ctx, code: &str) -> Result<(SubjectRow, SubjectInfo), ApiError> {
    let db = ctx.store.of_code(code);
    let row = db.subject_by_code(code).await?.ok_or_else(ApiError::not_found)?;
    let viewer = &ctx.caller.viewer;
    let records = if needs_records(viewer) { db.record_digests(&row, None).await? } else { Vec::new() };
    let subject = subject_info(viewer, &row, &records, ctx.today)?;
    Ok((row, subject))
}

/// Registration information as `viewer` may see it (`shared::disclosure::present_subject`),
/// given the subject's `records`, or 404 for a subject it may not know of.
pub fn subject_info(
    viewer: &Viewer,
    row: &SubjectRow,
    records: &[Record],
    today: Date,
) -> Result<SubjectInfo, ApiError> {
    present_subject(viewer, &row.facts(), records, today).ok_or_else(ApiError::not_found)
}

/// `GET /api/v1/subjects/{code}`: the credit profile.
pub async fn profile(req: &Request, ctx: &Ctx, code: &str) -> HandlerResult {
    crate::audit::require(ctx, Action::Profile, None, Some(code)).await?;
    let (row, subject) = visible_subject(ctx, code).await?;
    // Counts and lists need no titles or contents: the digests decide them, one row a class.
    let records = ctx.store.of_code(&row.code).record_digests(&row, None).await?;
    let viewer = &ctx.caller.viewer;
    let visible: Vec<RecordView> = records.iter().filter_map(|r| present_record(viewer, r, ctx.today)).collect();
    let classes = Class::ALL
        .into_iter()
        .map(|class| {
            let of_class = visible.iter().filter(|r| r.class == class);
            ClassCount {
                class,
                count: of_class.clone().count() as u32,
                under_objection: of_class.filter(|r| r.under_objection).count() as u32,
            }
        })
        .collect();
    let lists = visible
        .iter()
        .filter(|r| r.publicity.is_live())
        .filter_map(|r| {
            let item = catalog::item(&r.item_code)?;
            let terms = item.list_terms?;
            Some(ListStatus {
                item_code: item.code.into(),
                class: item.class,
                name_zh: item.name_zh.into(),
                name_en: item.name_en.into(),
                department: r.provider_department.clone(),
                since: r.decision_date,
                until: r.publicity_last_day,
                inclusion_conditions_zh: terms.inclusion_conditions_zh.into(),
                inclusion_conditions_en: terms.inclusion_conditions_en.into(),
                removal_conditions_zh: terms.removal_conditions_zh.into(),
                removal_conditions_en: terms.removal_conditions_en.into(),
                remedy_zh: terms.remedy_zh.into(),
                remedy_en: terms.remedy_en.into(),
            })
        })
        .collect();
    let items: Vec<&str> = visible.iter().map(|r| r.item_code.as_str()).collect();
    crate::audit::record(ctx, "profile", Some(&row.code), &items, "ok").await?;
    let body = Profile { subject, classes, lists, as_of: ctx.today };
    json(req, 200, &body, caching_for(viewer))
}

/// `GET /api/v1/subjects/{code}/records?class=&page=&page_size=`.
pub async fn records(req: &Request, ctx: &Ctx, code: &str) -> HandlerResult {
    let url = req.url().map_err(http::internal)?;
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let class = match param("class").filter(|c| !c.is_empty()) {
        Some(name) => Some(Class::from_wire(&name).ok_or_else(|| {
            ApiError::invalid_parameter("class", "不是目录中的信息类别", "not a class of the catalog")
        })?),
        None => None,
    };
    let paging = Paging::parse(param("page").as_deref(), param("page_size").as_deref())?;
    crate::audit::require(ctx, Action::Records, class, Some(code)).await?;
    let (row, _) = visible_subject(ctx, code).await?;
    // Which records the viewer sees, and so the total and the page, is decided on the
    // digests; only the page's records are then read whole, and presented again whole.
    let db = ctx.store.of_code(&row.code);
    let digests = db.record_digests(&row, class.map(Class::as_str)).await?;
    let viewer = &ctx.caller.viewer;
    let visible: Vec<i64> =
        digests.iter().filter(|r| present_record(viewer, r, ctx.today).is_some()).map(|r| r.id).collect();
    let total = visible.len() as u32;
    let page: Vec<i64> = visible.into_iter().skip(paging.offset() as usize).take(paging.page_size as usize).collect();
    let records = db.records_by_ids(&row, &page).await?;
    let items: Vec<RecordView> = records.iter().filter_map(|r| present_record(viewer, r, ctx.today)).collect();
    let codes: Vec<&str> = items.iter().map(|r| r.item_code.as_str()).collect();
    crate::audit::record(ctx, "records", Some(&row.code), &codes, "ok").await?;
    let body =
        RecordsPage { code: row.code.clone(), class, items, page: paging.page, page_size: paging.page_size, total };
    json(req, 200, &body, caching_for(viewer))
}
