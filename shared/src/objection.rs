//! The objection procedure of Art. 34 (异议申请与处理), as a state machine whose every
//! step carries its deadline in working days ([`crate::calendar`]).
//!
//! A credit subject who thinks information is wrong, incomplete or infringes its rights
//! may object with the provincial platform (省级社会信用体系建设主管部门) or with a credit
//! service agency (信用服务机构):
//!
//! - **Platform** (Art. 34 ¶2): mark the information "under objection" (异议标注) within
//!   1 working day of receiving the materials, then
//!   - (一) if the error arose in the platform's own collection: decide whether to
//!     correct within 5 working days of receipt;
//!   - (二) if correcting is for the providing unit (信用信息提供单位): forward within
//!     2 working days of receipt; the unit decides within 5 working days of *receiving*
//!     the forwarded materials (「在收到转交的异议材料之日起的五个工作日内」) and tells the
//!     platform, which informs the objector promptly (及时). The unit confirms the day it
//!     received them ([`Objection::provider_receives`]); until it does, its 5 days are
//!     counted from the forwarding day — the earliest day it can have received them, so
//!     an unconfirmed receipt never postpones the deadline.
//! - **Credit service agency** (Art. 34 ¶3): mark within 1 working day, decide within 7
//!   working days of receipt, inform the objector promptly in writing of the result and
//!   the source of the information, giving reasons when not correcting.
//!
//! "Within *n* working days of receipt" ends on [`calendar::add_working_days`]`(received,
//! n)`. "Promptly" has no number of days: such steps have no due date.
//!
//! Steps may be recorded late (the record must show what happened); [`Objection::overdue`]
//! reports late steps. Steps may not be recorded out of order or twice.

use crate::calendar::{self, Answer};
use crate::date::Date;
use crate::error::{ApiError, ErrorCode};
use crate::query_window::PenaltyType;
use core::fmt;
use serde::{Deserialize, Serialize};

/// Where the objection was filed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 省级社会信用体系建设主管部门 (the provincial platform), Art. 34 ¶2.
    ProvincialPlatform,
    /// 信用服务机构, Art. 34 ¶3.
    CreditServiceAgency,
}

impl Channel {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Channel::ProvincialPlatform => "省级社会信用体系建设主管部门",
            Channel::CreditServiceAgency => "信用服务机构",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Channel::ProvincialPlatform => "provincial credit platform",
            Channel::CreditServiceAgency => "credit service agency",
        }
    }
}

/// How the platform handles an objection (Art. 34 ¶2 items 一 and 二).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "route")]
pub enum Routing {
    /// (一) The error arose in the platform's collection; the platform decides.
    PlatformCollection {
        /// When the platform took it on.
        routed_on: Date,
    },
    /// (二) Correcting is for the providing unit; the platform forwards the materials.
    ProvidingUnit {
        /// When the materials were forwarded (the unit's 5 working days run from here).
        forwarded_on: Date,
    },
}

/// The decision whether to correct.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// 予以更正.
    Corrected,
    /// 不予更正, with the reason. Art. 34 ¶3 requires reasons of credit service agencies;
    /// the portal requires them on every channel so the objector is always told why.
    NotCorrected {
        /// Why not.
        reason: String,
    },
}

/// A decision and its day.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
pub struct Decision {
    /// Corrected or not, and why not (on the wire beside the date:
    /// `{"outcome": "not_corrected", "reason": "…", "decided_on": "2025-10-14"}`).
    #[serde(flatten)]
    pub outcome: Outcome,
    /// When it was decided (by the platform, the providing unit or the agency).
    pub decided_on: Date,
}

/// Where an objection stands.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum State {
    /// Materials received, not yet marked.
    Received,
    /// Marked "under objection"; the platform has not routed it yet, or the agency has
    /// not decided yet.
    Marked {
        /// When it was marked.
        marked_on: Date,
    },
    /// The platform decides itself (Art. 34 ¶2 (一)).
    RoutedToPlatform {
        /// When routed.
        routed_on: Date,
    },
    /// Forwarded to the providing unit (Art. 34 ¶2 (二)).
    ForwardedToProvider {
        /// When forwarded.
        forwarded_on: Date,
    },
    /// Decided; the objector is still to be informed.
    Decided {
        /// Corrected or not.
        outcome: Outcome,
        /// When decided.
        decided_on: Date,
    },
    /// The objector was informed: closed.
    Notified {
        /// When informed.
        notified_on: Date,
    },
}

/// A step of the procedure.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 作出异议标注: 1 working day from receipt.
    Mark,
    /// 转交信用信息提供单位: 2 working days from receipt (platform, item 二).
    Forward,
    /// 作出是否更正的决定 by the platform (5 working days, item 一) or the agency (7).
    Decide,
    /// 信用信息提供单位作出是否更正的决定: 5 working days from the unit's receipt of the
    /// forwarded materials (item 二).
    ProviderDecide,
    /// 告知异议提出者处理结果: promptly (及时), no number of days.
    Notify,
}

impl Step {
    /// Chinese label for the status page.
    pub fn name_zh(self) -> &'static str {
        match self {
            Step::Mark => "作出异议标注",
            Step::Forward => "转交信用信息提供单位",
            Step::Decide => "作出是否更正的决定",
            Step::ProviderDecide => "信用信息提供单位作出是否更正的决定",
            Step::Notify => "告知异议提出者处理结果",
        }
    }

    /// English label for the status page.
    pub fn name_en(self) -> &'static str {
        match self {
            Step::Mark => "Mark the information as under objection",
            Step::Forward => "Forward the materials to the providing unit",
            Step::Decide => "Decide whether to correct",
            Step::ProviderDecide => "Providing unit decides whether to correct",
            Step::Notify => "Inform the objector of the result",
        }
    }

    /// The working days the step has, on a channel; `None` for "promptly".
    pub fn working_days(self, channel: Channel) -> Option<u32> {
        match (self, channel) {
            (Step::Mark, _) => Some(1),
            (Step::Forward, _) => Some(2),
            (Step::Decide, Channel::ProvincialPlatform) => Some(5),
            (Step::Decide, Channel::CreditServiceAgency) => Some(7),
            (Step::ProviderDecide, _) => Some(5),
            (Step::Notify, _) => None,
        }
    }

    /// Where the regulation sets the step, e.g. 第三十四条第二款第（一）项.
    pub fn article_clause(self, channel: Channel) -> &'static str {
        match (self, channel) {
            (_, Channel::CreditServiceAgency) => "第三十四条第三款",
            (Step::Mark, _) => "第三十四条第二款",
            (Step::Decide, _) => "第三十四条第二款第（一）项",
            (Step::Forward | Step::ProviderDecide | Step::Notify, _) => "第三十四条第二款第（二）项",
        }
    }
}

/// One step with its due date.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Deadline {
    /// Which step.
    pub step: Step,
    /// The working days the regulation gives it; `None` for "promptly" (及时).
    pub working_days: Option<u32>,
    /// The last day to do it; `None` for "promptly".
    pub due: Option<Answer<Date>>,
    /// When it was done.
    pub done_on: Option<Date>,
}

impl Deadline {
    /// Done after its due day.
    pub fn was_late(&self) -> bool {
        matches!((self.done_on, self.due), (Some(done), Some(due)) if done > due.value)
    }
}

/// A step not done by its due day.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct OverdueStep {
    /// Which step.
    pub step: Step,
    /// Its due day.
    pub due: Answer<Date>,
    /// Working days since the due day, up to and including today.
    pub working_days_late: Answer<u32>,
}

/// Why a step cannot be recorded.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum ObjectionError {
    /// The information must be marked first.
    NotMarked,
    /// Already marked.
    AlreadyMarked,
    /// Only the platform routes (agencies decide themselves).
    NotOnPlatform,
    /// The platform must route the objection (item 一 or 二) before it is decided.
    NotRouted,
    /// Already routed.
    AlreadyRouted,
    /// Already decided: an objection is decided once.
    AlreadyDecided,
    /// Not decided yet: there is nothing to tell the objector.
    NotDecided,
    /// The objector was already informed; the objection is closed.
    AlreadyNotified,
    /// Not correcting requires a reason.
    ReasonRequired,
    /// Only materials forwarded to the providing unit can be received by it.
    NotForwarded,
    /// The providing unit's receipt is already recorded.
    AlreadyReceived,
    /// A step cannot be dated before the step it follows.
    DateBeforePreviousStep {
        /// The previous step's date.
        previous: Date,
        /// The date given.
        given: Date,
    },
}

impl ObjectionError {
    /// Chinese message.
    pub fn message_zh(&self) -> String {
        match self {
            ObjectionError::NotMarked => "请先作出异议标注。".into(),
            ObjectionError::AlreadyMarked => "该异议已作出异议标注。".into(),
            ObjectionError::NotOnPlatform => "向信用服务机构提出的异议由该机构自行处理，无需转交。".into(),
            ObjectionError::NotRouted => "请先确定异议由平台处理还是转交信用信息提供单位办理。".into(),
            ObjectionError::AlreadyRouted => "该异议已确定处理方式。".into(),
            ObjectionError::AlreadyDecided => "该异议已作出是否更正的决定。".into(),
            ObjectionError::NotDecided => "尚未作出是否更正的决定，无处理结果可告知。".into(),
            ObjectionError::AlreadyNotified => "已告知异议提出者处理结果，该异议已办结。".into(),
            ObjectionError::ReasonRequired => "作出不予更正决定的，应当说明理由（第三十四条）。".into(),
            ObjectionError::NotForwarded => "该异议未转交信用信息提供单位办理。".into(),
            ObjectionError::AlreadyReceived => "信用信息提供单位已确认收到转交的异议材料。".into(),
            ObjectionError::DateBeforePreviousStep { previous, given } => {
                format!("日期 {given} 早于上一步骤的日期 {previous}。")
            }
        }
    }

    /// English message.
    pub fn message_en(&self) -> String {
        match self {
            ObjectionError::NotMarked => "Mark the information as under objection first.".into(),
            ObjectionError::AlreadyMarked => "The information is already marked as under objection.".into(),
            ObjectionError::NotOnPlatform => {
                "Objections filed with a credit service agency are decided by the agency, not routed.".into()
            }
            ObjectionError::NotRouted => {
                "Decide first whether the platform handles the objection or forwards it to the providing unit.".into()
            }
            ObjectionError::AlreadyRouted => "The objection has already been routed.".into(),
            ObjectionError::AlreadyDecided => "The objection has already been decided.".into(),
            ObjectionError::NotDecided => "The objection is not decided yet; there is no result to tell.".into(),
            ObjectionError::AlreadyNotified => "The objector was already informed; the objection is closed.".into(),
            ObjectionError::ReasonRequired => "A decision not to correct must give its reason (Art. 34).".into(),
            ObjectionError::NotForwarded => "This objection was not forwarded to the providing unit.".into(),
            ObjectionError::AlreadyReceived => {
                "The providing unit has already confirmed receipt of the forwarded materials.".into()
            }
            ObjectionError::DateBeforePreviousStep { previous, given } => {
                format!("The date {given} is before the previous step's date {previous}.")
            }
        }
    }
}

impl fmt::Display for ObjectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for ObjectionError {}

impl From<ObjectionError> for ApiError {
    fn from(error: ObjectionError) -> ApiError {
        let code = match error {
            ObjectionError::ReasonRequired | ObjectionError::DateBeforePreviousStep { .. } => {
                ErrorCode::InvalidParameter
            }
            _ => ErrorCode::Conflict,
        };
        ApiError::new(code, error.message_zh(), error.message_en())
    }
}

/// One objection and the days of its steps.
///
/// Serialises as its recorded facts; deserialising replays them through the
/// transitions, so a stored objection in an impossible state is rejected.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(try_from = "ObjectionRecord")]
pub struct Objection {
    channel: Channel,
    received: Date,
    marked_on: Option<Date>,
    routing: Option<Routing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_received_on: Option<Date>,
    decision: Option<Decision>,
    notified_on: Option<Date>,
}

#[derive(Deserialize)]
struct ObjectionRecord {
    channel: Channel,
    received: Date,
    marked_on: Option<Date>,
    routing: Option<Routing>,
    #[serde(default)]
    provider_received_on: Option<Date>,
    decision: Option<Decision>,
    notified_on: Option<Date>,
}

impl TryFrom<ObjectionRecord> for Objection {
    type Error = ObjectionError;
    fn try_from(record: ObjectionRecord) -> Result<Objection, ObjectionError> {
        let mut objection = Objection::receive(record.channel, record.received);
        if let Some(on) = record.marked_on {
            objection.mark(on)?;
        }
        match record.routing {
            Some(Routing::PlatformCollection { routed_on }) => objection.route_to_platform(routed_on)?,
            Some(Routing::ProvidingUnit { forwarded_on }) => objection.forward_to_provider(forwarded_on)?,
            None => {}
        }
        if let Some(on) = record.provider_received_on {
            objection.provider_receives(on)?;
        }
        if let Some(decision) = record.decision {
            objection.decide(decision.outcome, decision.decided_on)?;
        }
        if let Some(on) = record.notified_on {
            objection.notify(on)?;
        }
        Ok(objection)
    }
}

impl Objection {
    /// An objection whose materials were received on `received`: the day all the
    /// deadlines run from (it is not itself counted).
    pub fn receive(channel: Channel, received: Date) -> Objection {
        Objection {
            channel,
            received,
            marked_on: None,
            routing: None,
            provider_received_on: None,
            decision: None,
            notified_on: None,
        }
    }

    /// Where it was filed.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// When the materials were received.
    pub fn received(&self) -> Date {
        self.received
    }

    /// When it was marked.
    pub fn marked_on(&self) -> Option<Date> {
        self.marked_on
    }

    /// How the platform routed it.
    pub fn routing(&self) -> Option<Routing> {
        self.routing
    }

    /// When the providing unit confirmed it received the forwarded materials.
    pub fn provider_received_on(&self) -> Option<Date> {
        self.provider_received_on
    }

    /// The day the providing unit's 5 working days run from: its confirmed receipt, or
    /// the forwarding day until it confirms. `None` unless forwarded to it.
    pub fn provider_days_from(&self) -> Option<Date> {
        match self.routing {
            Some(Routing::ProvidingUnit { forwarded_on }) => Some(self.provider_received_on.unwrap_or(forwarded_on)),
            _ => None,
        }
    }

    /// The decision.
    pub fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// When the objector was informed.
    pub fn notified_on(&self) -> Option<Date> {
        self.notified_on
    }

    /// The current state.
    pub fn state(&self) -> State {
        if let Some(notified_on) = self.notified_on {
            return State::Notified { notified_on };
        }
        if let Some(decision) = &self.decision {
            return State::Decided { outcome: decision.outcome.clone(), decided_on: decision.decided_on };
        }
        match (self.routing, self.marked_on) {
            (Some(Routing::PlatformCollection { routed_on }), _) => State::RoutedToPlatform { routed_on },
            (Some(Routing::ProvidingUnit { forwarded_on }), _) => State::ForwardedToProvider { forwarded_on },
            (None, Some(marked_on)) => State::Marked { marked_on },
            (None, None) => State::Received,
        }
    }

    /// The date of the latest recorded step: no later step may precede it.
    fn last_date(&self) -> Date {
        let routed = self.routing.map(|r| match r {
            Routing::PlatformCollection { routed_on } => routed_on,
            Routing::ProvidingUnit { forwarded_on } => forwarded_on,
        });
        [
            self.notified_on,
            self.decision.as_ref().map(|d| d.decided_on),
            self.provider_received_on,
            routed,
            self.marked_on,
        ]
        .into_iter()
        .flatten()
        .next()
        .unwrap_or(self.received)
    }

    fn check_date(&self, on: Date) -> Result<(), ObjectionError> {
        let previous = self.last_date();
        if on < previous {
            return Err(ObjectionError::DateBeforePreviousStep { previous, given: on });
        }
        Ok(())
    }

    /// Record the "under objection" mark.
    pub fn mark(&mut self, on: Date) -> Result<(), ObjectionError> {
        if self.marked_on.is_some() {
            return Err(ObjectionError::AlreadyMarked);
        }
        self.check_date(on)?;
        self.marked_on = Some(on);
        Ok(())
    }

    fn route(&mut self, routing: Routing, on: Date) -> Result<(), ObjectionError> {
        if self.channel != Channel::ProvincialPlatform {
            return Err(ObjectionError::NotOnPlatform);
        }
        if self.marked_on.is_none() {
            return Err(ObjectionError::NotMarked);
        }
        if self.routing.is_some() {
            return Err(ObjectionError::AlreadyRouted);
        }
        self.check_date(on)?;
        self.routing = Some(routing);
        Ok(())
    }

    /// The platform takes the objection on itself (Art. 34 ¶2 (一)).
    pub fn route_to_platform(&mut self, on: Date) -> Result<(), ObjectionError> {
        self.route(Routing::PlatformCollection { routed_on: on }, on)
    }

    /// The platform forwards the materials to the providing unit (Art. 34 ¶2 (二)).
    pub fn forward_to_provider(&mut self, on: Date) -> Result<(), ObjectionError> {
        self.route(Routing::ProvidingUnit { forwarded_on: on }, on)
    }

    /// Record the day the providing unit received the forwarded materials (Art. 34 ¶2 (二):
    /// its 5 working days run from then). Once, after forwarding, before the decision.
    pub fn provider_receives(&mut self, on: Date) -> Result<(), ObjectionError> {
        if !matches!(self.routing, Some(Routing::ProvidingUnit { .. })) {
            return Err(ObjectionError::NotForwarded);
        }
        if self.provider_received_on.is_some() {
            return Err(ObjectionError::AlreadyReceived);
        }
        if self.decision.is_some() {
            return Err(ObjectionError::AlreadyDecided);
        }
        self.check_date(on)?;
        self.provider_received_on = Some(on);
        Ok(())
    }

    /// Record the decision whether to correct, taken on `on` by whoever decides on this
    /// route (platform, providing unit or agency).
    pub fn decide(&mut self, outcome: Outcome, on: Date) -> Result<(), ObjectionError> {
        if self.decision.is_some() {
            return Err(ObjectionError::AlreadyDecided);
        }
        if self.marked_on.is_none() {
            return Err(ObjectionError::NotMarked);
        }
        if self.channel == Channel::ProvincialPlatform && self.routing.is_none() {
            return Err(ObjectionError::NotRouted);
        }
        if let Outcome::NotCorrected { reason } = &outcome {
            if reason.trim().is_empty() {
                return Err(ObjectionError::ReasonRequired);
            }
        }
        self.check_date(on)?;
        self.decision = Some(Decision { outcome, decided_on: on });
        Ok(())
    }

    /// Record that the objector was informed of the result: the objection is closed.
    pub fn notify(&mut self, on: Date) -> Result<(), ObjectionError> {
        if self.notified_on.is_some() {
            return Err(ObjectionError::AlreadyNotified);
        }
        if self.decision.is_none() {
            return Err(ObjectionError::NotDecided);
        }
        self.check_date(on)?;
        self.notified_on = Some(on);
        Ok(())
    }

    fn deadline(&self, step: Step, from: Date, done_on: Option<Date>) -> Deadline {
        let working_days = step.working_days(self.channel);
        let due = working_days.map(|n| calendar::add_working_days(from, n));
        Deadline { step, working_days, due, done_on }
    }

    /// Every step of this objection's route with its due date, in order.
    ///
    /// Until the platform has routed an objection both branches are listed: forwarding
    /// (2 working days) and the platform's own decision (5); the providing unit's
    /// decision appears once the materials are forwarded, counted from the unit's receipt
    /// ([`Objection::provider_days_from`]).
    pub fn deadlines(&self) -> Vec<Deadline> {
        let decided_on = self.decision.as_ref().map(|d| d.decided_on);
        let mut list = vec![self.deadline(Step::Mark, self.received, self.marked_on)];
        match (self.channel, self.routing) {
            (Channel::CreditServiceAgency, _) | (_, Some(Routing::PlatformCollection { .. })) => {
                list.push(self.deadline(Step::Decide, self.received, decided_on));
            }
            (_, Some(Routing::ProvidingUnit { forwarded_on })) => {
                list.push(self.deadline(Step::Forward, self.received, Some(forwarded_on)));
                let from = self.provider_received_on.unwrap_or(forwarded_on);
                list.push(self.deadline(Step::ProviderDecide, from, decided_on));
            }
            (_, None) => {
                list.push(self.deadline(Step::Forward, self.received, None));
                list.push(self.deadline(Step::Decide, self.received, None));
            }
        }
        list.push(self.deadline(Step::Notify, self.received, self.notified_on));
        list
    }

    /// The steps not done whose due day is before `today` (the due day itself is in
    /// time).
    pub fn overdue(&self, today: Date) -> Vec<OverdueStep> {
        self.deadlines()
            .into_iter()
            .filter(|d| d.done_on.is_none())
            .filter_map(|d| {
                let due = d.due?;
                (today > due.value).then(|| OverdueStep {
                    step: d.step,
                    due,
                    working_days_late: calendar::working_days_between(due.value, today),
                })
            })
            .collect()
    }
}

/// Who decides whether to correct, once the platform has routed the objection.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decider {
    /// The platform itself (Art. 34 ¶2 (一)).
    Platform,
    /// The providing department (信用信息提供单位, Art. 34 ¶2 (二)).
    ProvidingUnit,
    /// The credit service agency it was filed with (Art. 34 ¶3).
    Agency,
}

impl Objection {
    /// Who decides: `None` while the platform has not routed it yet.
    pub fn decider(&self) -> Option<Decider> {
        match (self.channel, self.routing) {
            (Channel::CreditServiceAgency, _) => Some(Decider::Agency),
            (_, Some(Routing::PlatformCollection { .. })) => Some(Decider::Platform),
            (_, Some(Routing::ProvidingUnit { .. })) => Some(Decider::ProvidingUnit),
            (_, None) => None,
        }
    }

    /// Whether the objection is still open (the objector not yet informed).
    pub fn is_open(&self) -> bool {
        self.notified_on.is_none()
    }
}

/// Whether `viewer` may file an objection that marks `record` "under objection" on `today`.
///
/// Art. 34 ¶1 gives the right to the credit subject (「信用主体认为……可以……提出异议」): the
/// subject itself, or a party holding its valid written authorization (Art. 16 ¶3) that
/// covers the record's item. Anyone else who spots an error reports it without marking the
/// record (`POST /api/v1/error-reports`).
pub fn check_objector(
    viewer: &crate::disclosure::Viewer,
    record: &crate::record::Record,
    today: Date,
) -> Result<(), ApiError> {
    use crate::disclosure::Viewer;
    match viewer {
        Viewer::Subject { code } if *code == record.subject_code => Ok(()),
        Viewer::Authorized { grant }
            if grant.subject_code == record.subject_code
                && grant.is_valid_on(today)
                && grant.items.contains(&record.item_code) =>
        {
            Ok(())
        }
        Viewer::Public => Err(ApiError::new(
            ErrorCode::InvalidToken,
            "提出异议是信用主体的权利（第三十四条第一款）：请以信用主体身份登录后提出，或持信用主体的书面授权提出。\
             发现信息有误的社会公众可以报告错误，报告转交平台工作人员核查，不作异议标注。",
            "Objecting is the credit subject's right (Art. 34 ¶1): sign in as the subject, or act under its written \
             authorization. Anyone else who finds an error can report it; the report reaches the platform's staff and \
             does not mark the record.",
        )),
        _ => Err(ApiError::forbidden(
            "只有该记录的信用主体或其书面授权的人可以对其提出异议（第三十四条第一款）；其他人可以报告错误。",
            "Only the record's credit subject, or someone it authorized in writing, may object to it (Art. 34 ¶1); \
             others can report an error.",
        )),
    }
}

/// Apply the corrections of a decision to `record` (Art. 34: 更正). Text fields must stay
/// within the submission limits and the dates consistent; the caller keeps the history.
pub fn apply_corrections(record: &mut crate::record::Record, c: &Corrections) -> Result<(), ApiError> {
    let text = |field: &str, value: &Option<String>, max: usize, target: &mut String| -> Result<(), ApiError> {
        if let Some(value) = value {
            let n = value.trim().chars().count();
            if n == 0 || n > max {
                return Err(ApiError::invalid_parameter(
                    &format!("corrections.{field}"),
                    format!("不能为空且不超过 {max} 个字符"),
                    format!("must be 1 to {max} characters"),
                ));
            }
            *target = value.trim().to_string();
        }
        Ok(())
    };
    text("title", &c.title, 200, &mut record.title)?;
    text("legal_basis", &c.legal_basis, 500, &mut record.legal_basis)?;
    if let Some(content) = &c.content {
        if content.chars().count() > 5000 {
            return Err(ApiError::invalid_parameter(
                "corrections.content",
                "不超过 5000 个字符",
                "at most 5000 characters",
            ));
        }
        record.content = content.trim().to_string();
    }
    let facts = &mut record.publicity;
    if let Some(d) = c.decision_date {
        facts.decision_date = Some(d);
    }
    if let Some(d) = c.act_end_date {
        // A corrected end date says the act has ended: it no longer goes on.
        facts.act_end_date = Some(d);
        facts.act_continuing = false;
    }
    if let Some(d) = c.valid_until {
        facts.valid_until = Some(d);
    }
    if let Some(types) = &c.penalty_types {
        facts.penalty_types = types.clone();
    }
    if let (Some(until), Some(decided)) = (facts.valid_until, facts.decision_date) {
        if until < decided {
            return Err(ApiError::invalid_parameter(
                "corrections.valid_until",
                "不能早于决定日期",
                "cannot be before the decision date",
            ));
        }
    }
    Ok(())
}

/// Who files an objection.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objector {
    /// Name of the person or organisation.
    pub name: String,
    /// Phone or e-mail for the answer.
    pub contact: String,
}

/// `POST /api/v1/objections` body (Art. 34).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionRequest {
    /// The record objected to.
    pub record_id: i64,
    /// Who objects.
    pub objector: Objector,
    /// What is wrong.
    pub reason: String,
    /// Description of the evidence.
    #[serde(default)]
    pub evidence: String,
}

/// Who handles an objection (Art. 34 ¶2 items 一 and 二).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteChoice {
    /// (一) The error arose in the platform's collection: the platform decides in 5 working days.
    Platform,
    /// (二) Correcting is for the providing department: forwarded in 2 working days, which
    /// decides in 5 working days of receipt.
    Provider,
}

/// `POST /api/v1/objections/{id}/route` body.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRequest {
    /// Platform or provider.
    pub route: RouteChoice,
}

/// Fields a correction may change (Art. 34: 更正). Absent fields stay as they are.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// Short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Facts and content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Legal basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// Date of the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_date: Option<Date>,
    /// Date the act ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act_end_date: Option<Date>,
    /// End of validity or of the listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Date>,
    /// Penalty types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty_types: Option<Vec<PenaltyType>>,
}

impl Corrections {
    /// Whether nothing is changed.
    pub fn is_empty(&self) -> bool {
        *self == Corrections::default()
    }
}

/// The outcome asked for in a decision.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// 予以更正.
    Corrected,
    /// 不予更正 (a reason is required).
    NotCorrected,
}

/// `POST /api/v1/objections/{id}/decision` body.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// Corrected or not.
    pub outcome: DecisionOutcome,
    /// Why (required when not correcting).
    #[serde(default)]
    pub reason: String,
    /// The corrected fields, for `corrected`.
    #[serde(default)]
    pub corrections: Option<Corrections>,
}

/// `POST /api/v1/objections/{id}/received` body: the providing unit confirms the day it
/// received the forwarded materials (today when omitted).
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptConfirmation {
    /// The day received; not before forwarding, not after today.
    #[serde(default)]
    pub received_on: Option<Date>,
}

/// `POST /api/v1/error-reports` body: a member of the public reports an error in a
/// record it can see. It reaches the platform's staff and marks nothing: marking a record
/// "under objection" is the credit subject's right (Art. 34 ¶1).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorReportRequest {
    /// The record concerned.
    pub record_id: i64,
    /// What is wrong (10 to 2000 characters).
    pub description: String,
    /// How to reach the reporter, if it wants an answer (kept from public view).
    #[serde(default)]
    pub contact: Option<String>,
}

/// Check an error report's text (the same limits on both sides).
pub fn check_error_report(request: &ErrorReportRequest) -> Result<(), ApiError> {
    crate::forms::ERROR_DESCRIPTION.check(&request.description)?;
    if let Some(contact) = &request.contact {
        crate::forms::ERROR_CONTACT.check(contact)?;
    }
    Ok(())
}

/// The objection acts as planned changes (Art. 34): what each writes, given what it was
/// planned from. The edge loads, calls one of these, and applies the change.
pub mod acts {
    use super::{
        apply_corrections, check_error_report, check_objector, Channel, Decider, DecisionOutcome, DecisionRequest,
        ErrorReportRequest, Objection, ObjectionError, ObjectionRequest, Outcome, ReceiptConfirmation, RouteChoice,
    };
    use crate::audit::AuditAct;
    use crate::change::{
        self, Change, Guard, HistoryEntry, NewErrorReport, NewObjection, ObjectionUpdate, Step, SubjectState,
    };
    use crate::date::Date;
    use crate::disclosure::{present_record, Viewer};
    use crate::error::ApiError;
    use crate::forms;
    use crate::record::Record;

    /// A stored objection as an act reads it: its receipt number, its procedure and the
    /// exact stored state text (the guard of the act's change).
    #[derive(Clone, Debug)]
    pub struct Held {
        /// Receipt number.
        pub id: String,
        /// The procedure.
        pub objection: Objection,
        /// The stored JSON it was read from.
        pub state: String,
    }

    impl Held {
        fn update(&self, objection: &Objection) -> ObjectionUpdate {
            ObjectionUpdate {
                id: self.id.clone(),
                state: change::json(objection),
                route: None,
                decided_by: None,
                closed_on: None,
            }
        }

        fn guard(&self) -> Step {
            Step::Guard(Guard::ObjectionState { id: self.id.clone(), state: self.state.clone() })
        }
    }

    fn audit(action: &str, record: &Record) -> Option<AuditAct> {
        Some(AuditAct::new(action, Some(&record.subject_code), vec![record.item_code.clone()]))
    }

    /// File an objection (Art. 34 ¶1) as receipt `id`: it is marked on the record at once
    /// (the 1-working-day mark, done the day of receipt).
    pub fn file(
        viewer: &Viewer,
        record: &Record,
        request: &ObjectionRequest,
        id: &str,
        today: Date,
    ) -> Result<(Change, Objection), ApiError> {
        forms::OBJECTOR_NAME.check(&request.objector.name)?;
        forms::OBJECTOR_CONTACT.check(&request.objector.contact)?;
        forms::OBJECTION_REASON.check(&request.reason)?;
        forms::OBJECTION_EVIDENCE.check(&request.evidence)?;
        // One can only object to what one can see; anything else is "not found".
        if present_record(viewer, record, today).is_none() {
            return Err(ApiError::not_found());
        }
        check_objector(viewer, record, today)?;
        let mut objection = Objection::receive(Channel::ProvincialPlatform, today);
        objection.mark(today)?;
        let mut marked = record.clone();
        marked.under_objection = true;
        let mut change = Change::new(audit("objection.file", record));
        change.push(Step::InsertObjection(NewObjection {
            id: id.to_string(),
            record_id: record.id,
            objector_name: request.objector.name.trim().to_string(),
            objector_contact: request.objector.contact.trim().to_string(),
            reason: request.reason.trim().to_string(),
            evidence: request.evidence.trim().to_string(),
            received_on: today,
            state: change::json(&objection),
        }));
        change.push(Step::MarkObjection { record_id: record.id, under_objection: true });
        change.push(Step::History(HistoryEntry::of(
            &marked,
            "platform",
            "objection",
            format!("异议标注（第三十四条），受理号 {id}"),
        )));
        Ok((change, objection))
    }

    /// Route an objection (platform staff): to the platform for an error of its own
    /// collection (Art. 34 ¶2 (一)), or forwarded to the providing department ((二)).
    pub fn route(
        held: &Held,
        record: &Record,
        choice: RouteChoice,
        today: Date,
    ) -> Result<(Change, Objection), ApiError> {
        let mut objection = held.objection.clone();
        let route = match choice {
            RouteChoice::Platform => {
                objection.route_to_platform(today)?;
                "platform"
            }
            RouteChoice::Provider => {
                objection.forward_to_provider(today)?;
                "provider"
            }
        };
        let mut change = Change::new(audit("objection.route", record));
        change.push(held.guard());
        change.push(Step::UpdateObjection(ObjectionUpdate { route: Some(route), ..held.update(&objection) }));
        Ok((change, objection))
    }

    /// The providing department confirms the day it received the forwarded materials, from
    /// which its 5 working days run (Art. 34 ¶2 (二): 「在收到转交的异议材料之日起的五个工作日内」).
    pub fn receive(
        viewer: &Viewer,
        held: &Held,
        record: &Record,
        request: &ReceiptConfirmation,
        today: Date,
    ) -> Result<(Change, Objection), ApiError> {
        match viewer {
            Viewer::Provider { department } if *department == record.provider_department => {}
            Viewer::Public => return Err(ApiError::sign_in_required()),
            _ => return Err(ApiError::forbidden(
                "只有被转交的信用信息提供单位可以确认收到异议材料（第三十四条第二款第（二）项）。",
                "Only the providing department the materials were forwarded to may confirm receipt (Art. 34 ¶2 (2)).",
            )),
        }
        let on = request.received_on.unwrap_or(today);
        if on > today {
            return Err(ApiError::invalid_parameter("received_on", "不能晚于今天", "cannot be after today"));
        }
        let mut objection = held.objection.clone();
        objection.provider_receives(on).map_err(|e| match e {
            ObjectionError::DateBeforePreviousStep { .. } => ApiError::invalid_parameter(
                "received_on",
                "不能早于转交日期",
                "cannot be before the materials were forwarded",
            ),
            other => other.into(),
        })?;
        let mut change = Change::new(audit("objection.received", record));
        change.push(held.guard());
        change.push(Step::UpdateObjection(held.update(&objection)));
        Ok((change, objection))
    }

    /// Who may decide, and as whom it is recorded: the staff member for the platform's own
    /// collection (Art. 34 ¶2 (一)), the record's providing department for a forwarded one (二).
    pub fn check_decider(
        viewer: &Viewer,
        objection: &Objection,
        record: &Record,
    ) -> Result<(String, &'static str), ApiError> {
        match (objection.decider(), viewer) {
            (None, _) => Err(ObjectionError::NotRouted.into()),
            (_, Viewer::Public) => Err(ApiError::sign_in_required()),
            (Some(Decider::Platform), Viewer::Admin { staff, .. }) => Ok((staff.clone(), "platform")),
            (Some(Decider::ProvidingUnit), Viewer::Provider { department })
                if *department == record.provider_department =>
            {
                Ok((department.clone(), "provider"))
            }
            (Some(Decider::Platform), _) => Err(ApiError::forbidden(
                "该异议属平台归集差错，由省级社会信用体系建设主管部门作出决定（第三十四条第二款第（一）项）。",
                "This objection concerns the platform's own collection; the platform decides it (Art. 34 ¶2 (1)).",
            )),
            _ => Err(ApiError::forbidden(
                "该异议已转交信用信息提供单位，只有该单位可以作出是否更正的决定（第三十四条第二款第（二）项）。",
                "This objection was forwarded to the providing department; only it may decide (Art. 34 ¶2 (2)).",
            )),
        }
    }

    /// Decide whether to correct, with reasons (Art. 34 ¶2). The objector is informed the
    /// same day through the status page (及时告知), which closes the objection; the mark is
    /// lifted unless `others_open` other objections on the record are still open. A
    /// correction changes the record with a history entry (Art. 31), and the subject's list
    /// standing follows from its records as corrected.
    pub fn decide(
        viewer: &Viewer,
        held: &Held,
        record: &Record,
        subject: &SubjectState,
        others_open: u32,
        request: &DecisionRequest,
        today: Date,
    ) -> Result<(Change, Objection), ApiError> {
        let (decided_by, actor_role) = check_decider(viewer, &held.objection, record)?;
        forms::DECISION_REASON.check(&request.reason)?;
        let outcome = match request.outcome {
            DecisionOutcome::Corrected => Outcome::Corrected,
            DecisionOutcome::NotCorrected => {
                if request.corrections.is_some() {
                    return Err(ApiError::invalid_parameter(
                        "corrections",
                        "不予更正的决定不能附带更正内容",
                        "a decision not to correct carries no corrections",
                    ));
                }
                Outcome::NotCorrected { reason: request.reason.trim().to_string() }
            }
        };
        let corrections = request.corrections.as_ref().filter(|c| !c.is_empty());
        let mut corrected = record.clone();
        if let Some(c) = corrections {
            apply_corrections(&mut corrected, c)?;
        }
        let mut objection = held.objection.clone();
        objection.decide(outcome, today)?;
        objection.notify(today)?;
        let id = &held.id;
        let mut change = Change::new(audit("objection.decide", record));
        change.push(held.guard());
        change.push(Step::UpdateObjection(ObjectionUpdate {
            decided_by: Some(decided_by.clone()),
            closed_on: Some(today),
            ..held.update(&objection)
        }));
        if corrections.is_some() {
            let reason = match request.reason.trim() {
                "" => format!("异议处理（第三十四条），受理号 {id}：予以更正"),
                reason => format!("异议处理（第三十四条），受理号 {id}：{reason}"),
            };
            change.push(Step::CorrectRecord(corrected.clone()));
            change.push(Step::History(HistoryEntry::of(&corrected, actor_role, &decided_by, reason)));
            change.steps.extend(subject.restanding(&subject.records_with(&corrected), today));
        }
        corrected.under_objection = others_open > 0;
        change.push(Step::Guard(Guard::OpenObjections {
            record_id: record.id,
            except: id.clone(),
            count: others_open,
        }));
        change.push(Step::MarkObjection { record_id: record.id, under_objection: others_open > 0 });
        change.push(Step::History(HistoryEntry::of(
            &corrected,
            "platform",
            "objection",
            format!("异议办结，已告知异议提出者（第三十四条），受理号 {id}"),
        )));
        Ok((change, objection))
    }

    /// An error reported by anyone who can see the record, as report `id`: it reaches the
    /// platform's staff and marks nothing (Art. 34 ¶1 keeps the mark for the subject).
    pub fn report_error(
        viewer: &Viewer,
        record: &Record,
        request: &ErrorReportRequest,
        id: &str,
        today: Date,
    ) -> Result<Change, ApiError> {
        check_error_report(request)?;
        if present_record(viewer, record, today).is_none() {
            return Err(ApiError::not_found());
        }
        let mut change = Change::new(Some(AuditAct::new("error_report", None, vec![record.item_code.clone()])));
        change.push(Step::InsertErrorReport(NewErrorReport {
            id: id.to_string(),
            record_id: record.id,
            description: request.description.trim().to_string(),
            contact: request.contact.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(String::from),
            received_on: today,
        }));
        Ok(change)
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::objection::{Corrections, Objector};
        use crate::query_window::PublicityFacts;
        use crate::record::Person;

        fn d(text: &str) -> Date {
            Date::parse(text).unwrap()
        }

        fn record() -> Record {
            Record {
                id: 5,
                subject_code: "91520102MA6DJ1XA8K".into(),
                subject_is_natural_person: false,
                item_code: "PEN-GENERAL".into(),
                document_number: "筑市监罚〔2026〕9号".into(),
                title: "罚款人民币5000元".into(),
                content: String::new(),
                provider_department: "贵阳市市场监督管理局".into(),
                legal_basis: "《中华人民共和国广告法》第五十五条".into(),
                publicity: PublicityFacts {
                    decision_date: Some(d("2026-11-20")),
                    act_end_date: Some(d("2026-11-01")),
                    penalty_types: vec![crate::query_window::PenaltyType::Fine],
                    ..PublicityFacts::default()
                },
                persons: Vec::<Person>::new(),
                under_objection: false,
            }
        }

        fn request(reason: &str) -> ObjectionRequest {
            ObjectionRequest {
                record_id: 5,
                objector: Objector { name: "贵阳某某科技有限公司".into(), contact: "0851-1234567".into() },
                reason: reason.into(),
                evidence: String::new(),
            }
        }

        #[test]
        fn filing_checks_the_forms_limits_and_marks_the_record() {
            let subject = Viewer::Subject { code: "91520102MA6DJ1XA8K".into() };
            // 「不服处罚」: 4 characters, short of the 5 the form asks for.
            let short = file(&subject, &record(), &request("不服处罚"), "YY1", d("2026-12-03")).unwrap_err();
            assert_eq!(short.code, crate::ErrorCode::InvalidParameter);
            let (change, objection) =
                file(&subject, &record(), &request("罚款金额与决定书不符"), "YY1", d("2026-12-03")).unwrap();
            assert_eq!(objection.marked_on(), Some(d("2026-12-03")), "marked the day it is received");
            assert!(change.steps.contains(&Step::MarkObjection { record_id: 5, under_objection: true }));
            assert_eq!(change.audit.unwrap().action, "objection.file");
        }

        #[test]
        fn a_decision_not_to_correct_carries_no_corrections_and_the_mark_stays_while_another_is_open() {
            let mut objection = Objection::receive(Channel::ProvincialPlatform, d("2026-12-01"));
            objection.mark(d("2026-12-01")).unwrap();
            objection.route_to_platform(d("2026-12-02")).unwrap();
            let held = Held { id: "YY2".into(), state: change::json(&objection), objection };
            let staff = Viewer::Admin { staff: "张工".into(), permissions: Default::default() };
            let subject = SubjectState {
                code: "91520102MA6DJ1XA8K".into(),
                version: 2,
                records: vec![record()],
                person_terms: None,
            };
            let mut body = DecisionRequest {
                outcome: DecisionOutcome::NotCorrected,
                reason: "经核查，记录与决定书一致".into(),
                corrections: Some(Corrections { title: Some("警告".into()), ..Corrections::default() }),
            };
            let error = decide(&staff, &held, &record(), &subject, 0, &body, d("2026-12-03")).unwrap_err();
            assert!(error.message_en.contains("corrections"), "{}", error.message_en);
            body.corrections = None;
            let (change, _) = decide(&staff, &held, &record(), &subject, 1, &body, d("2026-12-03")).unwrap();
            assert!(change.steps.contains(&Step::MarkObjection { record_id: 5, under_objection: true }));
            assert!(change.steps.contains(&Step::Guard(Guard::OpenObjections {
                record_id: 5,
                except: "YY2".into(),
                count: 1
            })));
            assert!(!change.steps.iter().any(|s| matches!(s, Step::Standing(_))), "nothing corrected, no standing");
            // A provider may not decide what the platform handles (Art. 34 ¶2 (一)).
            let provider = Viewer::Provider { department: "贵阳市市场监督管理局".into() };
            let refused = decide(&provider, &held, &record(), &subject, 0, &body, d("2026-12-03")).unwrap_err();
            assert_eq!(refused.code, crate::ErrorCode::Forbidden);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn art34_platform_forwarding_over_national_day_2025() {
        let mut o = Objection::receive(Channel::ProvincialPlatform, d("2025-09-30"));
        o.mark(d("2025-09-30")).unwrap();
        o.forward_to_provider(d("2025-10-10")).unwrap();
        let deadlines = o.deadlines();
        assert_eq!(deadlines[1].step, Step::Forward);
        assert_eq!(deadlines[1].due.unwrap().value, d("2025-10-10"));
        assert!(!deadlines[1].was_late());
        // 5 working days from Friday 10 Oct: Sat 11 (make-up), 13, 14, 15, 16.
        assert_eq!(deadlines[2].due.unwrap().value, d("2025-10-16"));
    }

    #[test]
    fn art34_routing_decides_who_decides() {
        let mut o = Objection::receive(Channel::ProvincialPlatform, d("2026-02-12"));
        o.mark(d("2026-02-12")).unwrap();
        assert_eq!(o.decider(), None);
        assert_eq!(o.decide(Outcome::Corrected, d("2026-02-13")), Err(ObjectionError::NotRouted));
        let mut p = o.clone();
        p.route_to_platform(d("2026-02-12")).unwrap();
        assert_eq!(p.decider(), Some(Decider::Platform));
        o.forward_to_provider(d("2026-02-13")).unwrap();
        assert_eq!(o.decider(), Some(Decider::ProvidingUnit));
        assert_eq!(
            o.decide(Outcome::NotCorrected { reason: "  ".into() }, d("2026-02-13")),
            Err(ObjectionError::ReasonRequired)
        );
    }

    #[test]
    fn art34_platform_decision_over_spring_festival_2026() {
        // Received Thursday 12 February 2026: 5 working days are Fri 13, Sat 14 (make-up),
        // then after the holiday (15–23) Tue 24, Wed 25, Thu 26.
        let mut o = Objection::receive(Channel::ProvincialPlatform, d("2026-02-12"));
        o.mark(d("2026-02-12")).unwrap();
        o.route_to_platform(d("2026-02-12")).unwrap();
        let decide = o.deadlines().into_iter().find(|x| x.step == Step::Decide).unwrap();
        assert_eq!(decide.due.unwrap().value, d("2026-02-26"));
        assert!(o.overdue(d("2026-02-26")).is_empty());
        let late = o.overdue(d("2026-02-27"));
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].working_days_late.value, 1);
        // Forwarding is due in 2 working days (Fri 13, Sat 14); the provider's 5 run
        // from the day it is forwarded.
        let mut f = Objection::receive(Channel::ProvincialPlatform, d("2026-02-12"));
        f.mark(d("2026-02-12")).unwrap();
        assert_eq!(f.deadlines()[1].due.unwrap().value, d("2026-02-14"));
        f.forward_to_provider(d("2026-02-14")).unwrap();
        // Sat 14 + 5 working days: Tue 24, Wed 25, Thu 26, Fri 27, Sat 28 (make-up).
        assert_eq!(f.deadlines()[2].due.unwrap().value, d("2026-02-28"));
    }

    #[test]
    fn art34_corrections_change_the_record() {
        let mut record = crate::record::Record {
            id: 1,
            subject_code: "X".into(),
            subject_is_natural_person: false,
            item_code: "LIC-PERMIT".into(),
            document_number: "D".into(),
            title: "旧".into(),
            content: String::new(),
            provider_department: "P".into(),
            legal_basis: "L".into(),
            publicity: crate::query_window::PublicityFacts {
                decision_date: Some(d("2026-01-05")),
                ..Default::default()
            },
            persons: vec![],
            under_objection: true,
        };
        let c = Corrections { title: Some("新".into()), valid_until: Some(d("2031-01-04")), ..Default::default() };
        apply_corrections(&mut record, &c).unwrap();
        assert_eq!(record.title, "新");
        assert_eq!(record.publicity.valid_until, Some(d("2031-01-04")));
        let bad = Corrections { valid_until: Some(d("2025-01-01")), ..Default::default() };
        assert!(apply_corrections(&mut record, &bad).is_err());
    }

    #[test]
    fn art34_deciding_twice_is_refused() {
        let mut o = Objection::receive(Channel::CreditServiceAgency, d("2025-09-30"));
        o.mark(d("2025-09-30")).unwrap();
        o.decide(Outcome::Corrected, d("2025-10-09")).unwrap();
        assert_eq!(o.decide(Outcome::Corrected, d("2025-10-09")), Err(ObjectionError::AlreadyDecided));
    }
    #[test]
    fn art34_1_only_the_subject_or_its_authorized_party_objects() {
        use crate::disclosure::{Grant, Viewer};
        use crate::record::Record;
        let today = d("2026-11-28");
        let record = Record {
            id: 1,
            subject_code: "91520115MA6000008B".into(),
            subject_is_natural_person: false,
            item_code: "PEN-GENERAL".into(),
            document_number: "D".into(),
            title: "罚款".into(),
            content: String::new(),
            provider_department: "P".into(),
            legal_basis: "L".into(),
            publicity: Default::default(),
            persons: vec![],
            under_objection: false,
        };
        let grant = |items: &[&str], until: &str| Viewer::Authorized {
            grant: Grant {
                id: "SQ1".into(),
                subject_code: "91520115MA6000008B".into(),
                grantee: "律师事务所".into(),
                items: items.iter().map(|s| s.to_string()).collect(),
                purpose: "代为提出异议".into(),
                valid_from: d("2026-11-01"),
                valid_until: d(until),
                revoked_on: None,
            },
        };
        assert!(check_objector(&Viewer::Subject { code: "91520115MA6000008B".into() }, &record, today).is_ok());
        assert!(check_objector(&grant(&["PEN-GENERAL"], "2026-12-31"), &record, today).is_ok());
        // Refused: the public (sign in), another subject, a grant for other items or expired.
        assert_eq!(check_objector(&Viewer::Public, &record, today).unwrap_err().code, ErrorCode::InvalidToken);
        let other = Viewer::Subject { code: "91520103MA6000009X".into() };
        assert_eq!(check_objector(&other, &record, today).unwrap_err().code, ErrorCode::Forbidden);
        assert!(check_objector(&grant(&["LIC-PERMIT"], "2026-12-31"), &record, today).is_err());
        assert!(check_objector(&grant(&["PEN-GENERAL"], "2026-11-27"), &record, today).is_err());
        assert!(check_objector(&Viewer::Provider { department: "P".into() }, &record, today).is_err());
    }
}
