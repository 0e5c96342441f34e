//! Withdrawing the publicity of dishonesty information: credit repair (Art. 35) and
//! revocation of the underlying act (Art. 36).
//!
//! - **Repair** (失信信息修复, Art. 35): while the information is still within its query
//!   window (Art. 33, "在失信信息查询期限内"), the subject reduced the loss and removed
//!   the adverse effect; the original providing unit gives the provincial platform a
//!   written proof of the repair, and the platform withdraws the publicity within three
//!   working days of receiving it.
//! - **Revocation** (失信信息公示撤销, Art. 36): the act on which the dishonest status
//!   rested was revoked by an administrative organ, a reconsideration organ or a
//!   people's court; the providing unit notifies the platform in writing, and the
//!   platform withdraws the publicity within three working days of receiving the
//!   notice.
//!
//! The portal stops showing the record publicly **at once**, on the day the proof or
//! notice is received ([`Withdrawal::is_shown_publicly`]): three working days is the
//! platform's outer limit for completing the withdrawal in every system that holds the
//! record, not a period during which the public may still see it.

use crate::calendar::{self, Answer};
use crate::date::Date;
use crate::error::{ApiError, ErrorCode};
use crate::query_window::Ground;
use core::fmt;
use serde::{Deserialize, Serialize};

/// Working days the platform has to withdraw the publicity (Art. 35, Art. 36).
pub const WITHDRAWAL_WORKING_DAYS: u32 = 3;

/// Why a withdrawal cannot be recorded.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairError {
    /// Art. 35 allows repair only within the query window; after it the information is
    /// no longer provided at all (Art. 33), so there is nothing to repair.
    OutsideQueryWindow,
    /// The publicity was already withdrawn.
    AlreadyWithdrawn,
    /// The withdrawal date is before the proof or notice was received.
    BeforeReceipt,
}

impl RepairError {
    /// Chinese message.
    pub fn message_zh(self) -> &'static str {
        match self {
            RepairError::OutsideQueryWindow => {
                "该失信信息已超过查询期限，不再提供查询，无需修复（第三十五条、第三十三条）。"
            }
            RepairError::AlreadyWithdrawn => "该失信信息的公示已经撤销。",
            RepairError::BeforeReceipt => "撤销公示的日期不能早于收到书面证明或告知的日期。",
        }
    }

    /// English message.
    pub fn message_en(self) -> &'static str {
        match self {
            RepairError::OutsideQueryWindow => {
                "This dishonesty information is past its query window and no longer provided; \
                 there is nothing to repair (Art. 35, Art. 33)."
            }
            RepairError::AlreadyWithdrawn => "The publicity of this information has already been withdrawn.",
            RepairError::BeforeReceipt => {
                "The withdrawal cannot be dated before the written proof or notice was received."
            }
        }
    }
}

impl fmt::Display for RepairError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message_en())
    }
}

impl std::error::Error for RepairError {}

impl From<RepairError> for ApiError {
    fn from(error: RepairError) -> ApiError {
        let code = match error {
            RepairError::BeforeReceipt => ErrorCode::InvalidParameter,
            RepairError::OutsideQueryWindow | RepairError::AlreadyWithdrawn => ErrorCode::Conflict,
        };
        ApiError::new(code, error.message_zh(), error.message_en())
    }
}

/// The withdrawal of one record's publicity.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Withdrawal {
    /// Repair or revocation.
    pub ground: Ground,
    /// The day the platform received the written proof (Art. 35) or notice (Art. 36).
    pub received: Date,
    /// The day the platform completed the withdrawal.
    pub withdrawn_on: Option<Date>,
}

impl Withdrawal {
    /// A repair proof received on `received` for information that is (`true`) or is
    /// not still within its query window on that day (computed by `query_window`).
    pub fn repair(received: Date, within_query_window: bool) -> Result<Withdrawal, RepairError> {
        if !within_query_window {
            return Err(RepairError::OutsideQueryWindow);
        }
        Ok(Withdrawal { ground: Ground::Repair, received, withdrawn_on: None })
    }

    /// A revocation notice received on `received`. Art. 36 sets no time limit: a
    /// revoked act never justified the record.
    pub fn revocation(received: Date) -> Withdrawal {
        Withdrawal { ground: Ground::Revocation, received, withdrawn_on: None }
    }

    /// The last day for the withdrawal: the 3rd working day after receipt.
    pub fn due(&self) -> Answer<Date> {
        calendar::add_working_days(self.received, WITHDRAWAL_WORKING_DAYS)
    }

    /// Whether the withdrawal is late on `today`: not done and past [`Withdrawal::due`]
    /// (the due day itself is still in time).
    pub fn overdue(&self, today: Date) -> bool {
        self.withdrawn_on.is_none() && today > self.due().value
    }

    /// Whether a completed withdrawal was late.
    pub fn was_late(&self) -> Option<bool> {
        self.withdrawn_on.map(|on| on > self.due().value)
    }

    /// Record the withdrawal as completed on `on`.
    pub fn complete(&mut self, on: Date) -> Result<(), RepairError> {
        if self.withdrawn_on.is_some() {
            return Err(RepairError::AlreadyWithdrawn);
        }
        if on < self.received {
            return Err(RepairError::BeforeReceipt);
        }
        self.withdrawn_on = Some(on);
        Ok(())
    }

    /// Whether the public view shows the record on `today`: only before the proof or
    /// notice was received. From the day of receipt on it is hidden, whether or not the
    /// platform has completed the withdrawal yet.
    pub fn is_shown_publicly(&self, today: Date) -> bool {
        today < self.received
    }
}

/// Check a provider's submission of a written proof of repair (Art. 35) or notice of
/// revocation (Art. 36) for a record of `item` with `facts`, on `today`, and make the
/// withdrawal it starts.
///
/// Only dishonesty information (失信信息) is withdrawn this way; the proof or notice
/// cannot be received in the future or before the decision it concerns; a record is
/// withdrawn once; repair only within the query window on the day of receipt, and for a
/// penalty only once its minimum publicity has passed (refused with the first day it can
/// be accepted: [`crate::query_window::earliest_repair`]).
pub fn check_request(
    item: &crate::catalog::CatalogItem,
    facts: &crate::query_window::PublicityFacts,
    request: &WithdrawalRequest,
    today: Date,
) -> Result<Withdrawal, ApiError> {
    crate::forms::WITHDRAWAL_DOCUMENT.check(&request.document_number)?;
    crate::forms::WITHDRAWAL_REASON.check(&request.reason)?;
    if item.polarity != crate::catalog::Polarity::Dishonesty {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!("“{}”不是失信信息，无需信用修复或撤销公示（第三十五条、第三十六条）。", item.name_zh),
            format!(
                "{} is not dishonesty information; repair and revocation do not apply (Art. 35, 36).",
                item.name_en
            ),
        ));
    }
    let received = request.received_on.unwrap_or(today);
    if received > today {
        return Err(ApiError::invalid_parameter("received_on", "不能晚于今天", "cannot be after today"));
    }
    if facts.decision_date.is_some_and(|decided| received < decided) {
        return Err(ApiError::invalid_parameter(
            "received_on",
            "不能早于失信信息的决定日期",
            "cannot be before the decision date of the information",
        ));
    }
    if facts.withdrawal.is_some() {
        return Err(RepairError::AlreadyWithdrawn.into());
    }
    Ok(match request.ground {
        Ground::Repair => {
            let within = crate::query_window::publicity(item, facts, received).is_live();
            let withdrawal = Withdrawal::repair(received, within)?;
            if let Some(earliest) = crate::query_window::earliest_repair(item, facts).filter(|e| received < *e) {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    format!(
                        "行政处罚信息的最短公示期届满后，方可申请提前终止公示（国家发展改革委令第58号）：\
                         本条最早可于 {earliest} 受理信用修复。"
                    ),
                    format!(
                        "A penalty's publicity may be ended early only after its minimum period \
                         (NDRC Order No. 58): repair of this record can be accepted from {earliest}."
                    ),
                ));
            }
            withdrawal
        }
        Ground::Revocation => Withdrawal::revocation(received),
    })
}

/// `POST /api/v1/records/{id}/withdrawal` body (Art. 35, 36).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalRequest {
    /// Repair (written proof, Art. 35) or revocation (written notice, Art. 36).
    pub ground: Ground,
    /// The day the proof or notice was received; today if absent.
    #[serde(default)]
    pub received_on: Option<Date>,
    /// Number of the written proof or notice.
    pub document_number: String,
    /// What was repaired or which organ revoked the act.
    pub reason: String,
}

/// Repair and revocation as planned changes (Art. 35–36).
pub mod acts {
    use super::{check_request, Ground, Withdrawal, WithdrawalRequest};
    use crate::audit::AuditAct;
    use crate::catalog;
    use crate::change::{Change, Guard, HistoryEntry, NewWithdrawal, Step, SubjectState};
    use crate::date::Date;
    use crate::disclosure::Viewer;
    use crate::error::ApiError;
    use crate::query_window::{self, Publicity};
    use crate::record::Record;

    /// What a received withdrawal answers besides the change: the procedure, and the last
    /// day the public view shows the record (`None` if it has stopped already).
    #[derive(Clone, Debug)]
    pub struct Received {
        /// The withdrawal and its deadline.
        pub withdrawal: Withdrawal,
        /// Last day shown publicly, if still shown today.
        pub shown_until: Option<Date>,
    }

    /// The record's providing department submits the written proof of repair (Art. 35) or
    /// the notice of revocation (Art. 36) as withdrawal `number`. The record stops being
    /// served as `query_window` says, the subject's list standing follows, and the
    /// withdrawal is kept with its 3-working-day deadline.
    pub fn submit(
        viewer: &Viewer,
        record: &Record,
        subject: &SubjectState,
        request: &WithdrawalRequest,
        number: &str,
        today: Date,
    ) -> Result<(Change, Received), ApiError> {
        let department = match viewer {
            Viewer::Provider { department } => department,
            Viewer::Public => return Err(ApiError::sign_in_required()),
            _ => return Err(ApiError::forbidden(
                "信用修复证明和撤销告知由原失信信息提供单位出具（第三十五条、第三十六条）。",
                "Proof of repair and notice of revocation come from the original providing department (Art. 35, 36).",
            )),
        };
        if record.provider_department != *department {
            // Another department's record: say no more than "not yours".
            return Err(ApiError::forbidden(
                "只有该记录的原提供单位可以出具信用修复证明或撤销告知（第三十五条、第三十六条）。",
                "Only the department that provided this record may submit its repair or revocation (Art. 35, 36).",
            ));
        }
        let item = catalog::item(&record.item_code).ok_or_else(ApiError::not_found)?;
        let withdrawal = check_request(item, &record.publicity, request, today)?;
        let mut withdrawn = record.clone();
        withdrawn.publicity.withdrawal = Some((withdrawal.ground, withdrawal.received));
        let shown_until = match query_window::publicity(item, &withdrawn.publicity, today) {
            Publicity::Live { .. } => {
                query_window::withdrawal_effective_from(item, &withdrawn.publicity).map(|(from, _)| from.add_days(-1))
            }
            Publicity::Ended { .. } => None,
        };
        let ground = withdrawal.ground;
        let reason = format!(
            "{}（{}）：收到{}（{}），撤销公示；{}",
            ground.name_zh(),
            ground.article(),
            ground.document_zh(),
            request.document_number.trim(),
            request.reason.trim()
        );
        let action = match ground {
            Ground::Repair => "withdrawal.repair",
            Ground::Revocation => "withdrawal.revocation",
        };
        let mut change =
            Change::new(Some(AuditAct::new(action, Some(&record.subject_code), vec![record.item_code.clone()])));
        // A second submission racing this one: the record must still be unwithdrawn.
        change.push(Step::Guard(Guard::RecordNotWithdrawn { record_id: record.id }));
        change.push(Step::InsertWithdrawal(NewWithdrawal {
            id: number.to_string(),
            record_id: record.id,
            ground,
            received_on: withdrawal.received,
            document_number: request.document_number.trim().to_string(),
            reason: request.reason.trim().to_string(),
            provider: department.clone(),
            due_on: withdrawal.due().value,
        }));
        change.push(Step::WithdrawRecord { record_id: record.id, ground, received_on: withdrawal.received });
        change.push(Step::History(HistoryEntry::of(&withdrawn, "provider", department, reason)));
        change.steps.extend(subject.restanding(&subject.records_with(&withdrawn), today));
        Ok((change, Received { withdrawal, shown_until }))
    }

    /// Platform staff record that withdrawal `id` is complete in every system holding the
    /// record, today.
    pub fn complete(
        id: &str,
        withdrawal: &Withdrawal,
        record: &Record,
        today: Date,
    ) -> Result<(Change, Withdrawal), ApiError> {
        let mut done = *withdrawal;
        done.complete(today)?;
        let mut change = Change::new(Some(AuditAct::new(
            "withdrawal.complete",
            Some(&record.subject_code),
            vec![record.item_code.clone()],
        )));
        change.push(Step::Guard(Guard::WithdrawalOpen { id: id.to_string() }));
        change.push(Step::CompleteWithdrawal { id: id.to_string(), on: today });
        Ok((change, done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn art35_three_working_days_over_national_day_2025() {
        let w = Withdrawal::repair(d("2025-09-30"), true).unwrap();
        // 1–8 October off, Thursday 9 and Friday 10 work, Saturday 11 is a make-up day.
        assert_eq!(w.due(), Answer::certain(d("2025-10-11")));
        assert!(!w.overdue(d("2025-10-11")));
        assert!(w.overdue(d("2025-10-12")));
        assert!(!w.is_shown_publicly(d("2025-09-30")));
        assert!(w.is_shown_publicly(d("2025-09-29")));
    }

    fn request(ground: Ground, received_on: Option<&str>) -> WithdrawalRequest {
        WithdrawalRequest {
            ground,
            received_on: received_on.map(d),
            document_number: "黔修复〔2026〕1号".into(),
            reason: "已缴清罚款并完成整改".into(),
        }
    }

    #[test]
    fn art35_art36_requests_are_checked() {
        let breach = crate::catalog::item("CMT-BREACH").unwrap();
        let facts = crate::query_window::PublicityFacts {
            decision_date: Some(d("2026-01-10")),
            act_end_date: Some(d("2026-01-05")),
            ..Default::default()
        };
        let today = d("2026-03-02");
        let w = check_request(breach, &facts, &request(Ground::Repair, None), today).unwrap();
        assert_eq!((w.ground, w.received), (Ground::Repair, today));
        assert!(check_request(breach, &facts, &request(Ground::Revocation, Some("2026-03-03")), today).is_err());
        assert!(check_request(breach, &facts, &request(Ground::Revocation, Some("2026-01-09")), today).is_err());
        let mut withdrawn = facts.clone();
        withdrawn.withdrawal = Some((Ground::Repair, d("2026-02-01")));
        let e = check_request(breach, &withdrawn, &request(Ground::Revocation, None), today).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict);
        let licence = crate::catalog::item("LIC-PERMIT").unwrap();
        assert_eq!(
            check_request(licence, &facts, &request(Ground::Repair, None), today).unwrap_err().code,
            ErrorCode::Conflict
        );
    }

    #[test]
    fn order58_a_repair_proof_before_the_minimum_publicity_is_refused_with_the_first_possible_day() {
        // A fine decided on 2026-01-10: its three months' minimum ends with 2026-04-10.
        let penalty = crate::catalog::item("PEN-GENERAL").unwrap();
        let facts = crate::query_window::PublicityFacts {
            decision_date: Some(d("2026-01-10")),
            act_end_date: Some(d("2026-01-05")),
            ..Default::default()
        };
        let early = check_request(penalty, &facts, &request(Ground::Repair, None), d("2026-04-10")).unwrap_err();
        assert_eq!(early.code, ErrorCode::Conflict);
        assert!(early.message_zh.contains("2026-04-11") && early.message_en.contains("2026-04-11"), "{early:?}");
        let accepted = check_request(penalty, &facts, &request(Ground::Repair, None), d("2026-04-11")).unwrap();
        assert_eq!(accepted.received, d("2026-04-11"));
        // Revocation is not a repair: no minimum (Art. 36).
        assert!(check_request(penalty, &facts, &request(Ground::Revocation, None), d("2026-02-01")).is_ok());
    }

    #[test]
    fn art35_three_working_days_over_spring_festival_2026() {
        // Proof received on Friday 13 February 2026; the Spring Festival holiday runs
        // 15–23 February, Saturday 14 and Saturday 28 February are make-up working days.
        let w = Withdrawal::repair(d("2026-02-13"), true).unwrap();
        assert_eq!(w.due().value, d("2026-02-25"));
        assert!(!w.overdue(d("2026-02-25")));
        assert!(w.overdue(d("2026-02-26")));
    }

    #[test]
    fn art35_repair_only_within_the_query_window() {
        assert_eq!(Withdrawal::repair(d("2025-09-30"), false), Err(RepairError::OutsideQueryWindow));
    }

    #[test]
    fn art36_complete_once_and_not_before_receipt() {
        let mut w = Withdrawal::revocation(d("2026-02-13"));
        assert_eq!(w.complete(d("2026-02-12")), Err(RepairError::BeforeReceipt));
        w.complete(d("2026-02-24")).unwrap();
        assert_eq!(w.complete(d("2026-02-25")), Err(RepairError::AlreadyWithdrawn));
        assert!(!w.overdue(d("2026-03-31")));
    }
}
