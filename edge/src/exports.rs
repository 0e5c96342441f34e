//! `GET /api/v1/exports/{licences|penalties}.csv`: what the public may see today of the
//! licences or penalties (双公示, Art. 11, 15), in the newer national format, for 信用中国
//! and anyone else (issue 15).
//!
//! Each request reads one page of at most [`PAGE`] records of one database, in the order
//! they were filed, and answers a whole CSV file (UTF-8 with BOM, the header, the page's
//! rows; `shared::exchange::export_row`). The next page is named by `X-Next-Cursor` and a
//! `Link: <…>; rel="next"` header; a client joins the pages' rows under the first header.
//! A page may hold fewer rows than it read, or none: records the public may not see
//! (`disclosure::decide` for `Viewer::Public`: natural persons, withdrawn or expired
//! records), of another department (`provider=`) or decided before `since=` are read and
//! left out, so that no request reads more than its page, however selective the query.

use crate::http::{internal, HandlerResult};
use crate::Ctx;
use gzcredit_exchange_files::{csv_rows, BOM};
use gzcredit_shared::date::Date;
use gzcredit_shared::disclosure::{decide, Decision, Viewer};
use gzcredit_shared::error::ApiError;
use gzcredit_shared::exchange::{export_header, export_row, exports_item, Exported, Kind};
use std::collections::BTreeMap;
use worker::{Headers, Request, Response};

/// Records read per request.
pub const PAGE: u32 = 250;

fn param(req: &Request, name: &str) -> Option<String> {
    let url = req.url().ok()?;
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// Where a page starts: the position of a database in the shard map, and the last record
/// id read from it. Written `k-id`.
fn parse_cursor(text: Option<&str>) -> Result<(usize, i64), ApiError> {
    let Some(text) = text else { return Ok((0, 0)) };
    let parsed = text.split_once('-').and_then(|(db, id)| Some((db.parse().ok()?, id.parse().ok()?)));
    parsed.ok_or_else(|| {
        ApiError::invalid_parameter(
            "cursor",
            "游标无效：请使用上一页 X-Next-Cursor 给出的值",
            "use the X-Next-Cursor of the previous page",
        )
    })
}

/// `GET /api/v1/exports/{name}`.
pub async fn export(req: &Request, ctx: &Ctx, name: &str) -> HandlerResult {
    let kind = name.strip_suffix(".csv").and_then(Kind::from_path).ok_or_else(|| {
        ApiError::new(
            gzcredit_shared::error::ErrorCode::NotFound,
            "没有这个导出：导出有 licences.csv（行政许可）与 penalties.csv（行政处罚）",
            "no such export: the exports are licences.csv and penalties.csv",
        )
    })?;
    if let Some(format) = param(req, "format").filter(|f| f != "2021") {
        return Err(ApiError::invalid_parameter(
            "format",
            format!("不支持的格式“{format}”：导出使用 2021 版双公示数据标准（format=2021）"),
            format!("format “{format}” is not offered: exports are in the 2021 national format (format=2021)"),
        ));
    }
    let since = match param(req, "since") {
        Some(text) => Some(Date::parse(&text).map_err(|_| {
            ApiError::invalid_parameter("since", "应为 YYYY-MM-DD 格式的日期", "must be a date, YYYY-MM-DD")
        })?),
        None => None,
    };
    let provider = param(req, "provider").filter(|p| !p.trim().is_empty());
    let (database, after) = parse_cursor(param(req, "cursor").as_deref())?;
    crate::http::rate_limit_public(req, ctx, "export").await?;

    let shards = ctx.store.shards();
    let mut rows = Vec::new();
    let mut next = None;
    if let Some(db) = shards.get(database) {
        let page = db.export_page(kind.class().as_str(), after, PAGE).await?;
        next = match page.last() {
            Some(last) if page.len() as u32 == PAGE => Some(format!("{database}-{}", last.record.id())),
            _ if database + 1 < shards.len() => Some(format!("{}-0", database + 1)),
            _ => None,
        };
        for row in page {
            let extra_fields: BTreeMap<String, String> = serde_json::from_str(&row.extra_fields).unwrap_or_default();
            let record = row.record.into_record();
            let public = matches!(decide(&Viewer::Public, &record, ctx.today), Decision::Visible | Decision::Masked(_));
            let wanted = exports_item(kind, &record.item_code)
                && provider.as_deref().is_none_or(|p| p == record.provider_department)
                && since.is_none_or(|since| record.publicity.decision_date.is_some_and(|d| d >= since));
            // A natural person's record is never in a public file, even one the public may
            // see masked: the file would carry what the mask hides.
            if public && wanted && !record.subject_is_natural_person {
                let exported =
                    Exported { record: &record, subject_name: &row.subject_name, extra_fields: &extra_fields };
                rows.push(export_row(kind, &exported));
            }
        }
    } else if database > 0 {
        return Err(parse_cursor(Some("")).expect_err("an empty cursor does not parse"));
    }

    let mut body = BOM.to_vec();
    body.extend(csv_rows(std::iter::once(export_header(kind).into_iter().map(str::to_string).collect()).chain(rows)));
    let headers = Headers::new();
    let set = |name: &str, value: &str| headers.set(name, value).map_err(internal);
    set("Content-Type", "text/csv; charset=utf-8")?;
    set("Content-Disposition", &format!("attachment; filename=\"{name}\""))?;
    set("Cache-Control", "public, max-age=60")?;
    if let Some(cursor) = &next {
        set("X-Next-Cursor", cursor)?;
        let mut url = req.url().map_err(internal)?;
        let kept: Vec<(String, String)> =
            url.query_pairs().filter(|(k, _)| k != "cursor").map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        url.query_pairs_mut().clear().extend_pairs(kept).append_pair("cursor", cursor);
        set(
            "Link",
            &format!("<{}{}>; rel=\"next\"", url.path(), url.query().map(|q| format!("?{q}")).unwrap_or_default()),
        )?;
    }
    Ok(Response::from_bytes(body).map_err(internal)?.with_headers(headers))
}
