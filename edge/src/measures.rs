//! `GET /api/v1/subjects/{code}/measures?matter=` — joint reward and punishment (Art. 17,
//! 21–29) for an agency querying in one of its published matters.
//!
//! The token must be an agency's and list the matter (Art. 16 ¶2; others are refused and
//! the refusal audited). The subject's standing is computed by `shared` from the records
//! this agency may see for this matter today within its staff member's own class permissions
//! (`shared::measures::standing_for`, Art. 19 (二)), and `shared::measures::measures_for` gives
//! every measure of the list taken in the matter with its status and reason (Art. 27 ¶1).
//! `measures` holds only the applicable ones, each with the records it rests on;
//! `not_applicable` the others with why not — an unpublished measure is always there,
//! never among the measures to take (Art. 27 ¶2). Every query is audited with its matter.

use crate::audit;
use crate::handlers::visible_subject;
use crate::http::{self, json, Caching, HandlerResult};
use crate::Ctx;
use gzcredit_shared::api::{MeasureView, MeasuresAnswer};
use gzcredit_shared::disclosure::Viewer;
use gzcredit_shared::error::ApiError;
use gzcredit_shared::measures::{basis_of, measures_for, standing_for, MEASURES_VERSION};
use gzcredit_shared::permissions::Action;
use worker::Request;

/// `GET /api/v1/subjects/{code}/measures?matter=`.
pub async fn measures(req: &Request, ctx: &Ctx, code: &str) -> HandlerResult {
    let matter = match &ctx.caller.viewer {
        Viewer::Agency { matter, .. } => *matter,
        Viewer::Public => return Err(http::sign_in_required()),
        _ => return Err(ApiError::forbidden(
            "联合奖惩措施由行政机关在其公布的查询事项中查询（第十六条第二款、第十七条）。",
            "Joint reward and punishment measures are queried by agencies in their published matters (Art. 16 ¶2, 17).",
        )),
    };
    audit::require(ctx, Action::Measures, None, Some(code)).await?;
    let (row, subject) = visible_subject(ctx, code).await?;
    // Standing and bases need no titles or contents: the digests decide them.
    let records = ctx.store.of_code(&row.code).record_digests(&row, None).await?;
    let (visible, standing, basis_record_ids) = standing_for(&ctx.caller.viewer, &records, ctx.today);
    let (applicable, not_applicable): (Vec<_>, Vec<_>) =
        measures_for(&standing, matter, ctx.today).into_iter().partition(|e| e.is_applicable());
    let measures: Vec<MeasureView> =
        applicable.iter().map(|e| MeasureView::new(e, basis_of(e.measure, &visible))).collect();
    let not_applicable: Vec<MeasureView> = not_applicable.iter().map(MeasureView::from).collect();
    let items: Vec<&str> =
        visible.iter().filter(|r| basis_record_ids.contains(&r.id)).map(|r| r.item_code.as_str()).collect();
    audit::record(ctx, "measures", Some(&subject.code), &items, gzcredit_shared::audit::OUTCOME_OK).await?;
    let body = MeasuresAnswer {
        code: subject.code,
        name: subject.name,
        matter,
        matter_zh: matter.name_zh().into(),
        matter_clause: matter.article_clause().into(),
        standing,
        basis_record_ids,
        measures,
        not_applicable,
        measures_version: MEASURES_VERSION.into(),
        as_of: ctx.today,
    };
    json(req, 200, &body, Caching::Private)
}
