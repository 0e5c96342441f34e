//! Every user-facing string of the front end: zh-CN and English side by side.
//!
//! Fixed texts are [`T`] keys; texts with numbers or names are the functions below the
//! table. Messages decided by the server (errors, list conditions, step labels) arrive in
//! both languages and are picked with [`Lang::pick`].

use gzcredit_shared::api::SubjectCategory;
use gzcredit_shared::record::PersonRole;
use gzcredit_shared::regions::PREFECTURES;

/// The two languages of the portal. Chinese first.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// BCP 47 code, as in `<html lang>` and the widget's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language of a code: `en…` is English, anything else Chinese.
    pub fn from_code(code: &str) -> Lang {
        if code.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// One of a zh/en pair.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

macro_rules! messages {
    ($($(#[$cfg:meta])? $key:ident => $zh:expr, $en:expr;)*) => {
        /// A fixed text of the user interface.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[allow(missing_docs)]
        pub enum T { $($(#[$cfg])? $key,)* }

        impl T {
            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                let (zh, en) = match self { $($(#[$cfg])? T::$key => ($zh, $en),)* };
                lang.pick(zh, en)
            }
        }
    };
}

// Texts of the portal's frame, objection and `/me` pages are left out of the widget's
// wasm (`#[cfg(feature = "portal")]`).

messages! {
    // Frame
    #[cfg(feature = "portal")] SiteName => "信用中国（贵州）", "Credit China (Guizhou)";
    #[cfg(feature = "portal")] SkipToContent => "跳到主要内容", "Skip to main content";
    #[cfg(feature = "portal")] MainNavigation => "主导航", "Main navigation";
    #[cfg(feature = "portal")] NavSearch => "信用查询", "Search";
    #[cfg(feature = "portal")] NavMe => "我的信用", "My credit";
    #[cfg(feature = "portal")] LanguageName => "中文", "English";
    #[cfg(feature = "portal")] SwitchLanguage => "切换为中文", "Switch to English";
    #[cfg(feature = "portal")] FooterAuthority => "贵州省社会信用体系建设主管部门主办 · 依据《贵州省社会信用条例》公示公共信用信息", "Run by the Guizhou social credit authority · public credit information published under the Guizhou Social Credit Regulation";
    #[cfg(feature = "portal")] FooterDisclaimer => "本站信息以信息提供单位的决定为准；如认为信息有误，可在记录旁提出异议。", "The providing departments' decisions are authoritative; if a record is wrong, object to it from the record.";
    WidgetLabel => "信用中国（贵州）信用查询", "Credit China (Guizhou) credit search";
    PoweredBy => "数据来源：信用中国（贵州）", "Data: Credit China (Guizhou)";
    Loading => "正在加载…", "Loading…";
    Retry => "重试", "Try again";
    BackToSearch => "返回查询", "Back to search";
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundText => "您访问的页面不存在或已移动。", "The page you asked for does not exist or has moved.";

    // States
    OfflineTitle => "网络已断开", "You are offline";
    OfflineText => "请检查网络连接，恢复后点击重试。", "Check your connection, then try again.";
    NetworkTitle => "无法连接服务器", "Cannot reach the server";
    NetworkText => "服务暂时无法访问，请稍后重试。", "The service cannot be reached right now. Please try again shortly.";
    RateLimitedTitle => "查询过于频繁", "Too many queries";
    ErrorTitle => "请求未能完成", "The request could not be completed";

    // Search
    #[cfg(feature = "portal")] SearchTitle => "信用查询", "Credit search";
    SearchHeading => "信用信息查询", "Search credit information";
    SearchLead => "输入企业名称、统一社会信用代码或注册号，查询贵州省信用主体的公共信用信息。", "Enter an enterprise name, a unified social credit code or a registration number to look up public credit information of subjects in Guizhou.";
    SearchLabel => "企业名称、统一社会信用代码或注册号", "Enterprise name, unified social credit code or registration number";
    SearchPlaceholder => "例如：贵阳 科技 或 91520100…", "e.g. Guiyang or 91520100…";
    SearchButton => "查询", "Search";
    SearchHintEmpty => "名称可输入部分字词；代码输入时将即时校验。", "Part of a name is enough; codes are checked as you type.";
    SearchHintName => "将按名称查询。", "Searching by name.";
    SearchHintPinyin => "将按拼音查询。", "Searching by pinyin.";
    SearchPersonName => "姓名（按身份证号码查询须同时填写）", "Name (required with a resident ID number)";
    FilterRegion => "地区", "Region";
    AllRegions => "全省", "All of Guizhou";
    FilterType => "主体类型", "Subject type";
    AllTypes => "全部类型", "All types";
    Searching => "正在查询…", "Searching…";
    ResultsHeading => "查询结果", "Results";
    NoResultsTitle => "未找到匹配的信用主体", "No matching credit subject";
    NoResultsText => "请检查输入是否有误，或换用名称中的其他字词、完整的统一社会信用代码再试。", "Check the spelling, or try other words of the name or the full unified social credit code.";
    DidYouMean => "您要找的是不是：", "Did you mean:";
    RefineQuery => "结果较多，仅显示最相关的前 90 条，请补充查询条件。", "Many matches: only the 90 most relevant are shown. Please refine your search.";
    Pagination => "分页", "Pages";
    PreviousPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    SeriousDishonestyBadge => "严重失信主体", "Serious dishonesty list";
    RedListBadge => "守信红名单", "Red list";

    // Profile
    ProfileTitle => "信用信息", "Credit profile";
    Print => "打印", "Print";
    RegistrationInfo => "登记信息", "Registration";
    Uscc => "统一社会信用代码", "Unified social credit code";
    PublicCode => "主体编号", "Subject number";
    SubjectType => "主体类型", "Subject type";
    RegistrationNumber => "注册号", "Registration number";
    Region => "所属地区", "Region";
    LegalRepresentative => "法定代表人（负责人）", "Legal representative";
    IdNumber => "身份证号码", "ID number";
    Established => "成立日期", "Established";
    Address => "住所", "Address";
    RegistrationAuthority => "登记机关", "Registration authority";
    AsOf => "信息截至", "As of";
    ListsHeading => "名单信息", "Lists";
    ListDepartment => "认定部门", "Listing department";
    ListSince => "列入日期", "Listed on";
    ListUntil => "移出日期", "Removed after";
    InclusionConditions => "列入条件", "Inclusion conditions";
    RemovalConditions => "移出条件", "Removal conditions";
    Remedy => "救济途径", "Remedy";
    RecordsHeading => "信用记录", "Credit records";
    RecordClasses => "信用信息类别", "Record classes";
    NoRecords => "该类别暂无公示记录。", "No records of this class are published.";
    UnderObjection => "异议处理中", "Objection pending";
    PublicityEnded => "已停止公示", "No longer published";
    DocumentNumber => "决定文书号", "Decision number";
    SourceDepartment => "信息提供单位", "Source department";
    DecisionDate => "决定日期", "Decision date";
    LegalBasis => "法律依据", "Legal basis";
    PublicityLastDay => "公示截止日期", "Published until";
    NoEndDate => "未定", "Not set";
    #[cfg(feature = "portal")] ActContinuing => "失信行为持续中", "act continuing";
    Persons => "相关人员", "Persons";
    Content => "内容", "Details";
    ObjectAction => "提出异议", "Object";
    OpensInNewTab => "（在新窗口打开）", " (opens in a new tab)";

    // Objections
    #[cfg(feature = "portal")] NewObjectionTitle => "提出异议", "File an objection";
    #[cfg(feature = "portal")] ObjectionLead => "认为信用信息存在错误、遗漏或侵犯商业秘密、个人隐私的，可提出异议。省级主管部门自收到异议材料之日起一个工作日内作出异议标注，并在规定的工作日内作出是否更正的决定（《贵州省社会信用条例》第三十四条）。", "If a record is wrong or incomplete, or infringes trade secrets or privacy, you may object. The provincial authority marks the record within one working day of receiving your objection and decides on a correction within the working days the regulation sets (Art. 34).";
    #[cfg(feature = "portal")] ObjectionSubjectOnly => "提出异议是信用主体的权利（第三十四条第一款）：异议会在所有页面标注该记录“异议处理中”，因此须以信用主体身份登录后提出。", "Objecting is the credit subject's right (Art. 34 ¶1): an objection marks the record “objection pending” on every page, so it is filed signed in as the subject.";
    #[cfg(feature = "portal")] SignInToObject => "以信用主体身份登录", "Sign in as the subject";
    #[cfg(feature = "portal")] ReportErrorTitle => "报告信息错误", "Report an error";
    #[cfg(feature = "portal")] ReportErrorLead => "不是该信用主体、但发现这条信息有误？请告诉我们，平台工作人员将核查。报告不会标注该记录。", "Not the subject, but found an error in this record? Tell us and the platform's staff will check it. A report does not mark the record.";
    #[cfg(feature = "portal")] ReportErrorDescription => "哪里有误（至少 10 个字）", "What is wrong (at least 10 characters)";
    #[cfg(feature = "portal")] ReportErrorContact => "联系方式（选填，仅工作人员可见）", "Contact (optional, seen by staff only)";
    #[cfg(feature = "portal")] SubmitErrorReport => "提交报告", "Send report";
    #[cfg(feature = "portal")] ErrorReportReceived => "报告已收到，编号：", "Report received, number: ";
    #[cfg(feature = "portal")] ObjectionNoRecord => "未指定要提出异议的记录。请在信用记录旁点击“提出异议”。", "No record is named. Use “Object” next to the record.";
    #[cfg(feature = "portal")] RecordId => "记录编号", "Record number";
    #[cfg(feature = "portal")] RequiredNote => "带 * 的为必填项。", "Fields marked * are required.";
    #[cfg(feature = "portal")] Required => "请填写此项。", "Please fill in this field.";
    #[cfg(feature = "portal")] ObjectorName => "异议人姓名或单位名称", "Your name or organisation";
    #[cfg(feature = "portal")] ObjectorContact => "联系方式", "Contact";
    #[cfg(feature = "portal")] ObjectorContactHint => "手机号码或电子邮箱，用于告知处理结果。", "Phone number or e-mail, for the answer.";
    #[cfg(feature = "portal")] ObjectionReason => "异议理由（哪里有误）", "What is wrong";
    #[cfg(feature = "portal")] ObjectionEvidence => "证据材料说明", "Evidence";
    #[cfg(feature = "portal")] ObjectionEvidenceHint => "描述您能提供的证明材料，如判决书、缴款凭证等。", "Describe the evidence you can provide, e.g. a judgment or a payment receipt.";
    #[cfg(feature = "portal")] SubmitObjection => "提交异议", "Submit objection";
    #[cfg(feature = "portal")] Submitting => "正在提交…", "Submitting…";
    #[cfg(feature = "portal")] ObjectionReceivedTitle => "异议已受理", "Objection received";
    #[cfg(feature = "portal")] ObjectionReceivedText => "我们已收到您的异议申请。请保存受理编号，用于查询办理进度。", "Your objection has been received. Keep the receipt number to follow its progress.";
    #[cfg(feature = "portal")] ReceiptNumber => "受理编号", "Receipt number";
    #[cfg(feature = "portal")] ViewObjectionStatus => "查看办理进度", "View progress";
    #[cfg(feature = "portal")] ObjectionStatusTitle => "异议办理进度", "Objection progress";
    #[cfg(feature = "portal")] ReceivedOn => "受理日期", "Received on";
    #[cfg(feature = "portal")] CurrentStep => "当前环节", "Current step";
    #[cfg(feature = "portal")] Outcome => "处理结果", "Outcome";
    #[cfg(feature = "portal")] ObjectionDone => "已办结", "Completed";
    #[cfg(feature = "portal")] StepsHeading => "办理环节与期限", "Steps and deadlines";
    #[cfg(feature = "portal")] Due => "办理期限", "Due by";
    #[cfg(feature = "portal")] DoneOn => "完成日期", "Done on";
    #[cfg(feature = "portal")] Overdue => "已逾期", "Overdue";
    #[cfg(feature = "portal")] ProvisionalNote => "该期限所在年度的法定节假日安排尚未公布，期限为暂定，公布后可能调整。", "The holidays of that year are not yet published: the deadline is provisional and may change.";

    // My credit
    #[cfg(feature = "portal")] MeTitle => "我的信用", "My credit";
    #[cfg(feature = "portal")] MeLead => "信用主体可查询本主体的全部信用信息（《贵州省社会信用条例》第三十一条）。请粘贴统一身份认证签发的访问令牌。", "A credit subject may see all of its own credit information (Art. 31). Paste the access token issued to you by the identity service.";
    #[cfg(feature = "portal")] TokenLabel => "访问令牌", "Access token";
    #[cfg(feature = "portal")] TokenHint => "令牌仅保存在本浏览器中，退出后即删除。", "The token is kept only in this browser and deleted when you sign out.";
    #[cfg(feature = "portal")] TokenNotSubject => "该令牌不是信用主体本人的令牌。", "This token is not a credit subject's own token.";
    #[cfg(feature = "portal")] SignIn => "登录", "Sign in";
    #[cfg(feature = "portal")] SignOut => "退出", "Sign out";
    #[cfg(feature = "portal")] MyRecords => "我的信用记录", "My records";
    #[cfg(feature = "portal")] WhoQueriedMe => "谁查询了我", "Who queried me";
    #[cfg(feature = "portal")] MyCreditReport => "我的信用报告", "My credit report";
    #[cfg(feature = "portal")] NothingYet => "暂无记录。", "Nothing yet.";
    #[cfg(feature = "portal")] NavVerify => "报告核验", "Verify a report";
    #[cfg(feature = "portal")] MeSections => "我的信用栏目", "My credit sections";
    #[cfg(feature = "portal")] SignedInAs => "当前主体", "Signed in as";

    // Credit reports (Art. 31, 40)
    #[cfg(feature = "portal")] ReportLeadPersonal => "自然人每年可免费获取两次本人的信用信息报告（《贵州省社会信用条例》第三十一条第二款）；此后申请的，报告照常出具，并标注“超出本年度免费次数”。报告载明信息来源、变动理由及使用、查询情况，并经平台数字签名，可供核验。", "A natural person may have two free credit reports a year (Art. 31 ¶2); later ones are issued all the same, marked as beyond the year's free reports. A report states the source of the information, the reasons for its changes and how it was used and queried, and is signed by the platform so anyone can verify it.";
    #[cfg(feature = "portal")] ReportLeadEnterprise => "企业信用信息报告可用于政府采购、招标投标等（第四十条）。报告经平台数字签名，可供核验。", "An enterprise credit report serves government procurement, bidding and the like (Art. 40). It is signed by the platform so anyone can verify it.";
    #[cfg(feature = "portal")] ReportPurpose => "报告用途（选填）", "Purpose of the report (optional)";
    #[cfg(feature = "portal")] ReportPurposeHint => "例如：参加某项目投标、求职。将写入报告。", "E.g. a tender you take part in, a job application. It is printed on the report.";
    #[cfg(feature = "portal")] RequestReport => "获取信用报告", "Get a credit report";
    #[cfg(feature = "portal")] Requesting => "正在生成报告…", "Issuing the report…";
    #[cfg(feature = "portal")] ReportRefused => "未能获取报告", "No report issued";
    #[cfg(feature = "portal")] RecentReports => "本浏览器中获取过的报告", "Reports got in this browser";
    #[cfg(feature = "portal")] ReportTitle => "信用信息报告", "Credit report";
    #[cfg(feature = "portal")] ReportNumber => "报告编号", "Report number";
    #[cfg(feature = "portal")] ReportAsOf => "信息截至", "Information as of";
    #[cfg(feature = "portal")] ReportIssuer => "出具机构", "Issued by";
    #[cfg(feature = "portal")] ReportPurposeLabel => "报告用途", "Purpose";
    #[cfg(feature = "portal")] ReportSubject => "信用主体", "Credit subject";
    #[cfg(feature = "portal")] SubjectName => "名称（姓名）", "Name";
    #[cfg(feature = "portal")] ReportContents => "信用信息", "Credit information";
    #[cfg(feature = "portal")] ReportNoRecords => "本报告未载有信用记录。", "The report contains no credit records.";
    #[cfg(feature = "portal")] RecordLive => "公示中", "Live";
    #[cfg(feature = "portal")] RecordEnded => "已结束", "Ended";
    #[cfg(feature = "portal")] ReportQueries => "信用信息使用、查询情况", "How the information was used and queried";
    #[cfg(feature = "portal")] ReportNoQueries => "报告期内无他人查询记录。", "Nobody else queried the information.";
    #[cfg(feature = "portal")] ReportNotes => "说明", "Notes";
    #[cfg(feature = "portal")] ReportSignature => "平台签名", "Platform signature";
    #[cfg(feature = "portal")] ContentHash => "内容摘要（SHA-256）", "Content digest (SHA-256)";
    #[cfg(feature = "portal")] VerifyThisReport => "核验本报告", "Verify this report";
    #[cfg(feature = "portal")] ReportCharge => "免费次数（第三十一条第二款）", "Free reports (Art. 31 ¶2)";
    #[cfg(feature = "portal")] ReportSource => "信息来源", "Source";
    #[cfg(feature = "portal")] ReportChanges => "变动情况及理由", "Changes and their reasons";
    #[cfg(feature = "portal")] ReportNoChanges => "未记录变动。", "No changes recorded.";
    #[cfg(feature = "portal")] ReportChangesLeftOut => "较早的变动未列入本报告；该记录的来源与变更记录列出全部变动。", "Older changes are not in this report; the record's history lists them all.";
    #[cfg(feature = "portal")] ReportFullHistory => "查看全部来源与变更记录", "See the record's full history";
    #[cfg(feature = "portal")] ReportObjectionProcedure => "异议处理程序", "objection procedure";

    // Verification
    #[cfg(feature = "portal")] VerifyTitle => "信用报告核验", "Verify a credit report";
    #[cfg(feature = "portal")] VerifyLead => "输入报告编号，或粘贴报告的电子文本（JSON），核验报告是否由本平台出具、内容是否被改动。", "Enter a report number, or paste the report's electronic text (JSON), to check that this platform issued it and that nothing in it was changed.";
    #[cfg(feature = "portal")] VerifyByNumber => "按报告编号核验", "Verify by report number";
    #[cfg(feature = "portal")] VerifyByText => "按报告电子文本核验", "Verify the report's text";
    #[cfg(feature = "portal")] ReportText => "报告电子文本（JSON，含 report 与 signature）", "Report text (JSON with report and signature)";
    #[cfg(feature = "portal")] NotJson => "这不是有效的 JSON 文本，请粘贴完整的报告电子文本。", "This is not valid JSON: paste the report's complete text.";
    #[cfg(feature = "portal")] VerifyButton => "核验", "Verify";
    #[cfg(feature = "portal")] Verifying => "正在核验…", "Verifying…";
    #[cfg(feature = "portal")] VerdictGenuine => "真实有效：报告由本平台出具，内容未被改动", "Genuine: issued by this platform and unaltered";
    #[cfg(feature = "portal")] VerdictAltered => "内容已被改动或签名无效", "Altered, or the signature does not match";
    #[cfg(feature = "portal")] VerdictUnknown => "未查到该编号的报告", "No report with this number";
    #[cfg(feature = "portal")] VerdictUnknownText => "本平台未出具过该编号的报告，请核对编号。", "This platform issued no report with this number. Check the number.";
    #[cfg(feature = "portal")] IssuedAt => "出具时间", "Issued at";

    // Who queried me (Art. 31)
    #[cfg(feature = "portal")] QueriesLead => "他人查询您的非公开信用信息的每一次记录：查询时间、查询方、事项或用途、查询的信息项及结果（第三十一条）。", "Every query of your non-public credit information by others: when, who, for which matter or purpose, which items, and the outcome (Art. 31).";
    #[cfg(feature = "portal")] QueryTime => "查询时间", "When";
    #[cfg(feature = "portal")] QueryRole => "查询方类型", "Role";
    #[cfg(feature = "portal")] QueryOrganisation => "查询单位", "Organisation";
    #[cfg(feature = "portal")] QueryMatter => "事项或用途", "Matter or purpose";
    #[cfg(feature = "portal")] QueryItems => "查询内容", "What was queried";
    #[cfg(feature = "portal")] QueryOutcome => "结果", "Outcome";
    #[cfg(feature = "portal")] QueryAllowed => "已提供", "Provided";
    #[cfg(feature = "portal")] QueryRefused => "已拒绝", "Refused";
    #[cfg(feature = "portal")] NoQueries => "暂无他人查询您的非公开信用信息。", "Nobody has queried your non-public credit information.";

    // Written authorizations (Art. 16)
    #[cfg(feature = "portal")] GrantsTitle => "书面授权", "Written authorizations";
    #[cfg(feature = "portal")] GrantsLead => "您可以书面授权第三方（如银行）在有效期内查询您指定的非公开信用信息项，并可随时撤销（《贵州省社会信用条例》第十六条）。", "You may authorise a third party (e.g. a bank) in writing to query the non-public items you choose during a period, and revoke it at any time (Art. 16).";
    #[cfg(feature = "portal")] NoGrants => "您尚未出具书面授权。", "You have issued no written authorization.";
    #[cfg(feature = "portal")] GrantNumber => "授权编号", "Authorization number";
    #[cfg(feature = "portal")] Grantee => "被授权方", "Authorised party";
    #[cfg(feature = "portal")] GrantItems => "授权查询的信息项", "Items covered";
    #[cfg(feature = "portal")] GrantPurpose => "授权用途", "Purpose";
    #[cfg(feature = "portal")] GrantPeriod => "有效期", "Valid";
    #[cfg(feature = "portal")] GrantStatusLabel => "状态", "Status";
    #[cfg(feature = "portal")] GrantPending => "未生效", "Not yet in effect";
    #[cfg(feature = "portal")] GrantValid => "有效", "In effect";
    #[cfg(feature = "portal")] GrantExpired => "已到期", "Expired";
    #[cfg(feature = "portal")] GrantRevoked => "已撤销", "Revoked";
    #[cfg(feature = "portal")] Revoke => "撤销", "Revoke";
    #[cfg(feature = "portal")] RevokeConfirm => "确认撤销？撤销后被授权方自今日起不能再查询。", "Revoke it? The authorised party can no longer query from today.";
    #[cfg(feature = "portal")] ConfirmRevoke => "确认撤销", "Yes, revoke";
    #[cfg(feature = "portal")] Cancel => "取消", "Cancel";
    #[cfg(feature = "portal")] IssueGrant => "出具书面授权", "Issue a written authorization";
    #[cfg(feature = "portal")] GranteeHint => "被授权单位或个人的名称。", "Name of the organisation or person you authorise.";
    #[cfg(feature = "portal")] GrantItemsHint => "仅可授权非政务共享类信息项；社会公开信息无需授权即可查询。", "Only items that are not for government use alone can be authorised; public items need no authorization.";
    #[cfg(feature = "portal")] GrantPurposeHint => "例如：流动资金贷款审查。", "E.g. review of a working-capital loan.";
    #[cfg(feature = "portal")] ValidFrom => "生效日期", "Valid from";
    #[cfg(feature = "portal")] ValidUntil => "截止日期", "Valid until";
    #[cfg(feature = "portal")] ChooseItems => "请至少选择一个信息项。", "Choose at least one item.";
    #[cfg(feature = "portal")] GrantIssued => "授权已出具。", "The authorization was issued.";
    #[cfg(feature = "portal")] GrantRevokedNotice => "授权已撤销。", "The authorization was revoked.";
    #[cfg(feature = "portal")] PublicItem => "社会公开", "Public";
    #[cfg(feature = "portal")] AuthorizedItem => "授权查询", "By authorization";

    // Record history (Art. 31)
    #[cfg(feature = "portal")] History => "来源与变更记录", "Source and changes";
    // Upload (a providing department's 双公示 files)
    #[cfg(feature = "upload")] UploadTitle => "报送双公示数据", "Submit licences and penalties";
    #[cfg(feature = "upload")] UploadLead => "选择本单位按双公示数据标准导出的行政许可或行政处罚文件（CSV 或 XLSX，UTF-8 或 GBK 编码均可）。文件在本机浏览器中校验，只报送通过校验的记录；同一文件重复报送不会产生重复记录（第十一条、第十五条）。", "Choose your department's licence or penalty file in the national 双公示 format (CSV or XLSX, UTF-8 or GBK). It is checked here in your browser and only valid records are sent; sending the same file again creates nothing twice (Art. 11, 15).";
    #[cfg(feature = "upload")] UploadSignInLead => "报送需要本单位的部门令牌（由平台管理员签发，有效期一小时）。", "Submitting needs your department's token (issued by the platform administrator, valid for one hour).";
    #[cfg(feature = "upload")] UploadToken => "部门令牌", "Department token";
    #[cfg(feature = "upload")] UploadUseToken => "使用此令牌", "Use this token";
    #[cfg(feature = "upload")] UploadDepartment => "报送单位：", "Department: ";
    #[cfg(feature = "upload")] UploadChooseFile => "选择文件", "Choose a file";
    #[cfg(feature = "upload")] UploadFileHint => "第一行为表头：字段代码（如 CF_WSH）或中文名称（如“行政处罚决定书文号”），2016 版与 2021 版标准均可。", "The first row is the header: field codes (CF_WSH…) or Chinese labels, of the 2016 or the 2021 standard.";
    #[cfg(feature = "upload")] UploadReading => "正在读取和校验：", "Reading and checking:";
    #[cfg(feature = "upload")] UploadSending => "正在报送：", "Sending:";
    #[cfg(feature = "upload")] UploadSubmit => "报送通过校验的记录", "Send the valid records";
    #[cfg(feature = "upload")] UploadDone => "报送完成", "Submitted";
    #[cfg(feature = "upload")] UploadCreated => "新增", "Created";
    #[cfg(feature = "upload")] UploadUpdated => "更新", "Updated";
    #[cfg(feature = "upload")] UploadUnchanged => "未变", "Unchanged";
    #[cfg(feature = "upload")] UploadRejected => "未通过", "Refused";
    #[cfg(feature = "upload")] UploadDownloadRejected => "下载未通过的行（CSV，含错误说明）", "Download the refused rows (CSV, with the errors)";
    #[cfg(feature = "upload")] UploadIgnored => "以下列不属于数据标准，未读取：", "Columns not in the standard, not read: ";
    #[cfg(feature = "upload")] UploadPreview => "前 5 行", "First 5 rows";
    #[cfg(feature = "upload")] UploadProblems => "有误的行", "Rows with problems";
    #[cfg(feature = "upload")] UploadRow => "行", "Row";
    #[cfg(feature = "upload")] UploadColumn => "列", "Column";
    #[cfg(feature = "upload")] UploadReason => "问题", "Problem";
    #[cfg(feature = "portal")] HistoryTitle => "信用记录的来源与变更", "Source and changes of a record";
    #[cfg(feature = "portal")] HistoryLead => "该条信用记录的来源，以及每一次变更的时间、变更方和原因（第三十一条）。", "Where this record came from, and when, by whom and why it was changed each time (Art. 31).";
    #[cfg(feature = "portal")] CatalogItem => "信息项", "Catalog item";
    #[cfg(feature = "portal")] ChangedBy => "变更方", "Changed by";
    #[cfg(feature = "portal")] ChangeReason => "原因", "Reason";
    #[cfg(feature = "portal")] Snapshot => "变更后的内容", "Content after the change";
    #[cfg(feature = "portal")] NoHistory => "该记录没有变更记录。", "The record has no recorded changes.";
    #[cfg(feature = "portal")] BackToMe => "返回我的信用", "Back to my credit";

    // Objection routing and outcome (Art. 34)
    #[cfg(feature = "portal")] ObjectionRoute => "处理途径", "Handled by";
    #[cfg(feature = "portal")] RoutePlatform => "平台核查：信息归集环节的错误，由平台在 5 个工作日内作出决定", "The platform: an error in collection, decided by the platform within 5 working days";
    #[cfg(feature = "portal")] RouteProvider => "转信息提供单位：2 个工作日内转交，提供单位收到后 5 个工作日内作出决定", "The providing department: forwarded within 2 working days, decided within 5 working days of receipt";
    #[cfg(feature = "portal")] RouteNotYet => "待分办", "Not yet routed";
    #[cfg(feature = "portal")] OutcomeCorrected => "予以更正", "Corrected";
    #[cfg(feature = "portal")] OutcomeNotCorrected => "不予更正", "Not corrected";
    #[cfg(feature = "portal")] DecisionReason => "决定理由", "Reasons";
}

/// Name of the prefecture of a six-digit region code (`520102` → 贵阳市); the names are
/// `gzcredit_shared::regions`' (the search filter lists the same ones).
pub fn region_name(lang: Lang, region: &str) -> String {
    PREFECTURES
        .iter()
        .find(|(code, ..)| region.starts_with(code))
        .map(|(_, zh, en)| lang.pick(zh, en).to_string())
        .unwrap_or_else(|| lang.pick("贵州省", "Guizhou").to_string())
}

/// Name of a subject type wire name, as `SubjectCategory` names it (unknown ones are shown
/// as sent).
pub fn subject_type_name(lang: Lang, wire: &str) -> String {
    match SubjectCategory::from_wire(wire) {
        Some(category) => category_name(lang, category).to_string(),
        None => wire.to_string(),
    }
}

/// Name of a subject category (the search filter lists them by it).
pub fn category_name(lang: Lang, category: SubjectCategory) -> &'static str {
    lang.pick(category.name_zh(), category.name_en())
}

/// "共 12 条结果" / "200+ 条结果".
pub fn result_total(lang: Lang, total: u32, estimate: bool) -> String {
    match (lang, estimate) {
        (Lang::Zh, false) => format!("共 {total} 条结果"),
        (Lang::Zh, true) => format!("{total}+ 条结果"),
        (Lang::En, false) => format!("{total} result{}", if total == 1 { "" } else { "s" }),
        (Lang::En, true) => format!("{total}+ results"),
    }
}

/// "共 3 条记录".
pub fn record_total(lang: Lang, total: u32) -> String {
    match lang {
        Lang::Zh => format!("共 {total} 条记录"),
        Lang::En => format!("{total} record{}", if total == 1 { "" } else { "s" }),
    }
}

/// What to do after HTTP 429.
pub fn retry_after(lang: Lang, seconds: Option<u32>) -> String {
    match (lang, seconds) {
        (Lang::Zh, Some(s)) => format!("为保障服务稳定，查询次数受到限制。请在 {s} 秒后重试。"),
        (Lang::Zh, None) => "为保障服务稳定，查询次数受到限制。请稍后重试。".to_string(),
        (Lang::En, Some(s)) => {
            format!("Queries are limited to keep the service available. Please try again in {s} seconds.")
        }
        (Lang::En, None) => "Queries are limited to keep the service available. Please try again shortly.".to_string(),
    }
}

/// A failure without an error body.
pub fn unexpected(lang: Lang, status: u16) -> String {
    match (lang, status) {
        (Lang::Zh, 0) => "服务器返回的内容无法识别，请稍后重试。".to_string(),
        (Lang::Zh, s) => format!("服务器返回错误（HTTP {s}），请稍后重试。"),
        (Lang::En, 0) => "The server's answer could not be read. Please try again shortly.".to_string(),
        (Lang::En, s) => format!("The server answered with an error (HTTP {s}). Please try again shortly."),
    }
}

/// "✓ 格式正确的统一社会信用代码".
pub fn code_ok(lang: Lang, kind_zh: &str, kind_en: &str) -> String {
    match lang {
        Lang::Zh => format!("✓ 格式正确的{kind_zh}"),
        Lang::En => format!("✓ Well-formed {kind_en}"),
    }
}

/// Accessible name of a page button.
pub fn page_n(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 页"),
        Lang::En => format!("Page {n}"),
    }
}

/// Accessible name of "提出异议" on one record: the visible text first, then the record.
pub fn object_to(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("提出异议：{title}"),
        Lang::En => format!("Object: {title}"),
    }
}

/// "其中 1 条异议处理中" (said by screen readers on a tab).
pub fn under_objection_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Zh => format!("，其中 {n} 条异议处理中"),
        Lang::En => format!(", {n} with an objection pending"),
    }
}

/// A step not done yet.
pub fn not_yet(lang: Lang) -> String {
    lang.pick("未完成", "Not yet").to_string()
}

/// Role of a person recorded with a record.
pub fn person_role(lang: Lang, role: PersonRole) -> &'static str {
    match role {
        PersonRole::LegalRepresentative => lang.pick("法定代表人", "Legal representative"),
        PersonRole::ResponsiblePerson => lang.pick("主要负责人", "Responsible person"),
        PersonRole::DirectlyResponsible => lang.pick("直接责任人", "Directly responsible"),
        PersonRole::Subject => lang.pick("本人", "Subject"),
    }
}

/// Why a record is no longer published, for those who still see it (the subject, its
/// provider, the platform: Art. 31).
#[cfg(feature = "portal")]
pub fn end_reason(lang: Lang, reason: gzcredit_shared::query_window::EndReason) -> &'static str {
    use gzcredit_shared::query_window::EndReason;
    match reason {
        EndReason::Expired => lang.pick("查询期限届满", "query window ended"),
        EndReason::Repaired => lang.pick("已信用修复", "repaired"),
        EndReason::Revoked => lang.pick("失信行为已被撤销", "act revoked"),
        EndReason::Lapsed => lang.pick("期限届满或已移出", "period ended or removed"),
        EndReason::Performed => lang.pick("义务已履行", "obligation performed"),
        EndReason::RemovedForDishonesty => lang.pick("因失信行为移出", "removed for dishonesty"),
    }
}

/// Who queried (`QueryView::role`) or changed a record (`HistoryEntry::actor_role`).
#[cfg(feature = "portal")]
pub fn party_role(lang: Lang, role: &str) -> String {
    let (zh, en) = match role {
        "agency" => ("国家机关", "Government agency"),
        "authorized" => ("被授权方", "Authorised party"),
        "provider" => ("信息提供单位", "Providing department"),
        "admin" => ("平台工作人员", "Platform staff"),
        "platform" => ("信用平台", "The platform"),
        "subject" => ("本人", "The subject"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// What a query asked for (`QueryView::action`).
#[cfg(feature = "portal")]
pub fn query_action(lang: Lang, action: &str) -> String {
    let (zh, en) = match action {
        "profile" => ("信用概况", "Credit profile"),
        "records" => ("信用记录", "Credit records"),
        "measures" => ("联合奖惩措施", "Reward and punishment measures"),
        "report" => ("信用报告", "Credit report"),
        "search" => ("检索（结果中含本主体）", "Search (returned this subject)"),
        other => return other.to_string(),
    };
    lang.pick(zh, en).to_string()
}

/// Name of a catalog item code, or of a record class, as sent (unknown codes as they are).
#[cfg(feature = "portal")]
pub fn item_name(lang: Lang, code: &str) -> String {
    use gzcredit_shared::catalog::{self, Class};
    if let Some(item) = catalog::item(code) {
        return lang.pick(item.name_zh, item.name_en).to_string();
    }
    match Class::from_wire(code) {
        Some(class) => lang.pick(class.name_zh(), class.name_en()).to_string(),
        None => code.to_string(),
    }
}

/// Name of an Art. 17 matter wire name (`administrative_licensing`).
#[cfg(feature = "portal")]
pub fn matter_name(lang: Lang, wire: &str) -> Option<String> {
    use gzcredit_shared::matter::Matter;
    Matter::ALL.iter().find(|m| m.as_str() == wire).map(|m| lang.pick(m.name_zh(), m.name_en()).to_string())
}

/// An ISO 8601 instant (UTC) as Beijing time, `2026-11-28 13:05`; unreadable ones as sent.
#[cfg(feature = "portal")]
pub fn beijing_time(lang: Lang, iso: &str) -> String {
    let millis = js_sys::Date::parse(iso);
    if millis.is_nan() {
        return iso.to_string();
    }
    let shifted = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis + 8.0 * 3_600_000.0));
    let text = String::from(shifted.to_iso_string());
    let minutes = text.get(..16).unwrap_or(&text).replacen('T', " ", 1);
    match lang {
        Lang::Zh => format!("{minutes}（北京时间）"),
        Lang::En => format!("{minutes} (Beijing time)"),
    }
}

/// Today in Asia/Shanghai by the browser's clock (a default for date fields; the server
/// decides with its own).
#[cfg(feature = "portal")]
pub fn today() -> gzcredit_shared::Date {
    gzcredit_shared::Date::shanghai_from_unix_millis(js_sys::Date::now() as i64)
}

/// "2026-11-28 至 2027-11-27".
#[cfg(feature = "portal")]
pub fn period(lang: Lang, from: gzcredit_shared::Date, until: gzcredit_shared::Date) -> String {
    match lang {
        Lang::Zh => format!("{from} 至 {until}"),
        Lang::En => format!("{from} to {until}"),
    }
}

/// "共 12 次查询" / "showing the newest 200 of 250".
#[cfg(feature = "portal")]
pub fn query_total(lang: Lang, shown: usize, total: u32) -> String {
    match (lang, shown as u32 == total) {
        (Lang::Zh, true) => format!("共 {total} 次查询"),
        (Lang::Zh, false) => format!("共 {total} 次查询，列出最近 {shown} 次"),
        (Lang::En, true) => format!("{total} quer{}", if total == 1 { "y" } else { "ies" }),
        (Lang::En, false) => format!("{total} queries; the newest {shown} are listed"),
    }
}

/// What a report's charge says (Art. 31 ¶2): "本年度免费报告，还可免费获取 1 次".
#[cfg(feature = "portal")]
pub fn report_charge(lang: Lang, charge: gzcredit_shared::report::Charge) -> Option<String> {
    use gzcredit_shared::report::{Charge, BEYOND_FREE_QUOTA_MARK_EN, BEYOND_FREE_QUOTA_MARK_ZH};
    match (lang, charge) {
        (_, Charge::NotApplicable) => None,
        (Lang::Zh, Charge::Free { remaining_after: 0 }) => Some("本年度免费报告，本年度免费次数已用完".into()),
        (Lang::Zh, Charge::Free { remaining_after }) => {
            Some(format!("本年度免费报告，还可免费获取 {remaining_after} 次"))
        }
        (Lang::En, Charge::Free { remaining_after: 0 }) => Some("Free; no free report is left this year".into()),
        (Lang::En, Charge::Free { remaining_after }) => Some(format!("Free; {remaining_after} more free this year")),
        (Lang::Zh, Charge::BeyondFreeQuota) => Some(BEYOND_FREE_QUOTA_MARK_ZH.into()),
        (Lang::En, Charge::BeyondFreeQuota) => Some(BEYOND_FREE_QUOTA_MARK_EN.into()),
    }
}

/// Accessible name of a record's history link: the visible text first, then the record.
#[cfg(feature = "portal")]
pub fn history_of(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("来源与变更记录：{title}"),
        Lang::En => format!("Source and changes: {title}"),
    }
}

/// A text shorter than the server accepts (`gzcredit_shared::forms`), counted as it counts:
/// trimmed, in characters.
#[cfg(feature = "portal")]
pub fn too_short(lang: Lang, min: usize, now: usize) -> String {
    match lang {
        Lang::Zh => format!("请至少填写 {min} 个字符（现为 {now} 个）。"),
        Lang::En => format!("Please write at least {min} characters (now {now})."),
    }
}

/// A text longer than the server accepts.
#[cfg(feature = "portal")]
pub fn too_long(lang: Lang, max: usize, now: usize) -> String {
    match lang {
        Lang::Zh => format!("最多 {max} 个字符（现为 {now} 个），请删减。"),
        Lang::En => format!("At most {max} characters (now {now}): please shorten it."),
    }
}

/// Accessible name of a grant's revoke button.
#[cfg(feature = "portal")]
pub fn revoke_grant(lang: Lang, grantee: &str, id: &str) -> String {
    match lang {
        Lang::Zh => format!("撤销对{grantee}的授权 {id}"),
        Lang::En => format!("Revoke authorization {id} to {grantee}"),
    }
}
