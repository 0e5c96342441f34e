//! Every user-facing string of the front end: zh-CN and English side by side.
//!
//! Fixed texts are [`T`] keys; texts with numbers or names are the functions below the
//! table. Messages decided by the server (errors, list conditions, step labels) arrive in
//! both languages and are picked with [`Lang::pick`].

use gzcredit_shared::disclosure::PersonRole;

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
    SiteName => "信用中国（贵州）", "Credit China (Guizhou)";
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
    FilterRegion => "地区", "Region";
    AllRegions => "全省", "All of Guizhou";
    FilterType => "主体类型", "Subject type";
    AllTypes => "全部类型", "All types";
    Searching => "正在查询…", "Searching…";
    ResultsHeading => "查询结果", "Results";
    NoResultsTitle => "未找到匹配的信用主体", "No matching credit subject";
    NoResultsText => "请检查输入是否有误，或换用名称中的其他字词、完整的统一社会信用代码再试。", "Check the spelling, or try other words of the name or the full unified social credit code.";
    RefineQuery => "结果较多，仅显示前 200 条，请补充查询条件。", "Many matches: only the first 200 are shown. Please refine your search.";
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
    Persons => "相关人员", "Persons";
    Content => "内容", "Details";
    ObjectAction => "提出异议", "Object";
    OpensInNewTab => "（在新窗口打开）", " (opens in a new tab)";

    // Objections
    #[cfg(feature = "portal")] NewObjectionTitle => "提出异议", "File an objection";
    #[cfg(feature = "portal")] ObjectionLead => "认为信用信息存在错误、遗漏或侵犯商业秘密、个人隐私的，可提出异议。省级主管部门自收到异议材料之日起一个工作日内作出异议标注，并在规定的工作日内作出是否更正的决定（《贵州省社会信用条例》第三十四条）。", "If a record is wrong or incomplete, or infringes trade secrets or privacy, you may object. The provincial authority marks the record within one working day of receiving your objection and decides on a correction within the working days the regulation sets (Art. 34).";
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
    #[cfg(feature = "portal")] NotYetAvailable => "该服务尚未开放，敬请期待。", "This service is not available yet.";
    #[cfg(feature = "portal")] NothingYet => "暂无记录。", "Nothing yet.";
}

/// The nine prefecture-level divisions of Guizhou: code, Chinese, English.
pub const PREFECTURES: [(&str, &str, &str); 9] = [
    ("5201", "贵阳市", "Guiyang"),
    ("5202", "六盘水市", "Liupanshui"),
    ("5203", "遵义市", "Zunyi"),
    ("5204", "安顺市", "Anshun"),
    ("5205", "毕节市", "Bijie"),
    ("5206", "铜仁市", "Tongren"),
    ("5223", "黔西南州", "Qianxinan"),
    ("5226", "黔东南州", "Qiandongnan"),
    ("5227", "黔南州", "Qiannan"),
];

/// The subject types of the search filter: wire name, Chinese, English.
pub const SUBJECT_TYPES: [(&str, &str, &str); 5] = [
    ("enterprise", "企业", "Enterprise"),
    ("individual_business", "个体工商户", "Individual business"),
    ("farmer_cooperative", "农民专业合作社", "Farmers' cooperative"),
    ("social_organization", "社会组织", "Social organisation"),
    ("natural_person", "自然人", "Natural person"),
];

/// Name of the prefecture of a six-digit region code (`520102` → 贵阳市).
pub fn region_name(lang: Lang, region: &str) -> String {
    PREFECTURES
        .iter()
        .find(|(code, ..)| region.starts_with(code))
        .map(|(_, zh, en)| lang.pick(zh, en).to_string())
        .unwrap_or_else(|| lang.pick("贵州省", "Guizhou").to_string())
}

/// Name of a subject type wire name (unknown ones are shown as sent).
pub fn subject_type_name(lang: Lang, wire: &str) -> String {
    SUBJECT_TYPES
        .iter()
        .find(|(w, ..)| *w == wire)
        .map(|(_, zh, en)| lang.pick(zh, en).to_string())
        .unwrap_or_else(|| wire.to_string())
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
