//! 双公示 data exchange (Art. 11, 15; issue 15): a row of a department's licence or penalty
//! file in the national format, to a [`SubmittedRecord`] or to errors by row and column;
//! and a public record back to a row of the newer format, for 信用中国.
//!
//! The columns are data (`data/national_exchange.toml`, with the public sources each list
//! was established from). Two generations are read: the older (2016) one with `CF_CFMC`,
//! `CF_CFLB1`, `CF_XDR_SFZ`…, and the newer (2021) one with `CF_XDR_LB`, `CF_FR_ZJLX`,
//! `CF_NR_FK`…; headers may be the codes or the Chinese labels. Files are read into cells
//! by `gzcredit-exchange-files`; what a cell means is decided here, once, for the upload
//! page, `cargo xtask import` and the worker's exports alike.
//!
//! What a row becomes:
//! - the subject: an organisation by its USCC, a natural person by a resident ID (GB 11643)
//!   only. An ID number goes into the subject, or the legal representative's record, and
//!   never into free text or `extra_fields`;
//! - `document_number`, `legal_basis`, `decision_date`, `content` and the title from their
//!   columns; a 2021 penalty, which has no title column, is titled by its 处罚类别;
//! - the penalty types from 处罚类别 (the 2021 Administrative Penalty Law's list, or the
//!   older one); penalties under the special-equipment, work-safety or fire laws are
//!   `PEN-SAFETY`, other penalties `PEN-GENERAL`, licences `LIC-PERMIT`;
//! - every other column under its Chinese label in `extra_fields`, screened under Art. 32
//!   with the rest of the record ([`crate::submission::check_one`]).
//!
//! A row that says the decision was revoked (当前状态) is refused: revocation is a
//! withdrawal (Art. 36), not a record.

use crate::catalog::{self, Class};
use crate::date::Date;
use crate::error::{ErrorCode, ErrorDetail};
use crate::identifiers::{SubjectType, Uscc};
use crate::query_window::PenaltyType;
use crate::record::{Person, PersonRole, Record, SubmittedRecord, SubmittedSubject};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which of the two 双公示 files.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 行政许可 (`XK_` columns), catalog item `LIC-PERMIT`.
    Licences,
    /// 行政处罚 (`CF_` columns), `PEN-GENERAL` or `PEN-SAFETY`.
    Penalties,
}

impl Kind {
    /// The kind of an export path: `licences` or `penalties`.
    pub fn from_path(name: &str) -> Option<Kind> {
        match name {
            "licences" => Some(Kind::Licences),
            "penalties" => Some(Kind::Penalties),
            _ => None,
        }
    }

    /// The catalog class of its records.
    pub fn class(self) -> Class {
        match self {
            Kind::Licences => Class::AdministrativeLicensing,
            Kind::Penalties => Class::AdministrativePenalty,
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Kind::Licences => "行政许可",
            Kind::Penalties => "行政处罚",
        }
    }
}

/// Which generation of the format a file's columns are.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
pub enum Generation {
    /// The older columns (`CF_CFMC`, `CF_CFLB1`, `XK_XMMC`…).
    #[serde(rename = "2016")]
    Older,
    /// The newer, unified columns (`CF_XDR_LB`, `CF_NR_FK`, `XK_XKWS`…).
    #[serde(rename = "2021")]
    Newer,
}

/// What a column becomes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Target {
    /// The subject's name.
    SubjectName,
    /// 行政相对人类别: checked against the identifier given.
    SubjectCategory,
    /// The subject's USCC.
    Uscc,
    /// The subject's ID type: a resident ID, or the row is refused.
    IdType,
    /// The natural-person subject's resident ID.
    IdNumber,
    /// The legal representative's name (a person of the record, Art. 26).
    LegalRepresentative,
    /// The legal representative's ID type.
    LegalRepresentativeIdType,
    /// The legal representative's resident ID.
    LegalRepresentativeIdNumber,
    /// 决定书文号.
    DocumentNumber,
    /// The record's title.
    Title,
    /// The record's content.
    Content,
    /// 处罚依据.
    LegalBasis,
    /// 处罚类别: the penalty types.
    PenaltyCategory,
    /// 许可类别, kept under its label.
    LicenceCategory,
    /// The decision date.
    DecisionDate,
    /// End of validity.
    ValidUntil,
    /// The deciding authority, kept under its label.
    Authority,
    /// The source department, kept under its label.
    Source,
    /// 当前状态: a revoked decision is refused.
    Status,
    /// Kept under its label in `extra_fields`.
    Extra,
    /// Not kept (a timestamp of the sending system).
    Ignored,
}

/// A column of the national format.
#[derive(Debug)]
pub struct Field {
    /// Its code, e.g. `CF_WSH`.
    pub code: &'static str,
    /// Its Chinese label, e.g. `行政处罚决定书文号`.
    pub label: &'static str,
    /// Other labels headers use.
    pub aliases: &'static [&'static str],
    /// The file it belongs to.
    pub kind: Kind,
    /// Whether the older generation has it.
    pub in_2016: bool,
    /// Whether the newer generation has it.
    pub in_2021: bool,
    /// Whether this platform needs it to file a record.
    pub required: bool,
    /// What it becomes.
    pub target: Target,
    /// Whether the export writes it.
    pub export: bool,
}

include!(concat!(env!("OUT_DIR"), "/exchange.rs"));

/// Legal basis of a licence whose file has no column for it: the Administrative Licensing
/// Law under which every licence is decided (the national licence format carries none).
pub const LICENCE_LEGAL_BASIS: &str = "《中华人民共和国行政许可法》";

/// A problem of a file, by row and column, in both languages.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct RowError {
    /// The row as the department sees it (the header is row 1); 1 for a header problem.
    pub row: usize,
    /// The column's header as written in the file, when the problem is in one cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Stable code.
    pub code: ErrorCode,
    /// In Chinese.
    pub message_zh: String,
    /// In English.
    pub message_en: String,
}

/// The columns of a file, read from its header.
#[derive(Debug)]
pub struct Columns {
    /// Licences or penalties.
    pub kind: Kind,
    /// The older or the newer generation (older if any column is only in the older).
    pub generation: Generation,
    /// Each header's field, in the file's order; `None` for a header that is not national.
    fields: Vec<Option<&'static Field>>,
    /// The headers as written.
    headers: Vec<String>,
}

impl Columns {
    /// Headers that are not columns of the national format: their cells are not read.
    pub fn ignored(&self) -> Vec<&str> {
        self.headers.iter().zip(&self.fields).filter(|(_, f)| f.is_none()).map(|(h, _)| h.as_str()).collect()
    }

    /// The header of the first column that maps to `target`, as written.
    fn header_of(&self, target: Target) -> Option<&str> {
        self.fields.iter().position(|f| f.is_some_and(|f| f.target == target)).map(|i| self.headers[i].as_str())
    }

    /// The header of the column whose label is `label`, as written.
    fn header_labelled(&self, label: &str) -> Option<&str> {
        self.fields.iter().position(|f| f.is_some_and(|f| f.label == label)).map(|i| self.headers[i].as_str())
    }
}

/// A header as compared: no spaces, half-width brackets, codes in capitals.
fn header_key(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

/// The field of `kind` a header names: its code, else its label (the newer generation's
/// first), else an alias.
fn field_of(kind: Kind, header: &str) -> Option<&'static Field> {
    let key = header_key(header);
    let of_kind = || FIELDS.iter().filter(move |f| f.kind == kind);
    of_kind()
        .find(|f| f.code == key)
        .or_else(|| of_kind().filter(|f| header_key(f.label) == key).max_by_key(|f| f.in_2021))
        .or_else(|| of_kind().find(|f| f.aliases.iter().any(|a| header_key(a) == key)))
}

fn header_error(message_zh: String, message_en: String) -> RowError {
    RowError { row: 1, column: None, code: ErrorCode::InvalidParameter, message_zh, message_en }
}

/// Read a file's header: which kind of file, which generation, which column is which.
/// Refused when it is neither kind, when a column appears twice, or when a column a record
/// needs is missing.
pub fn read_header(header: &[String]) -> Result<Columns, RowError> {
    let matches = |kind| header.iter().filter(|h| field_of(kind, h).is_some()).count();
    // Names, identifiers and 备注 are in both files: the kind is the one more columns name.
    let (licences, penalties) = (matches(Kind::Licences), matches(Kind::Penalties));
    let kind = match licences.cmp(&penalties) {
        _ if licences.max(penalties) == 0 => {
            return Err(header_error(
                "第一行不是双公示数据标准的表头：应为字段代码（如 CF_WSH、XK_WSH）或中文名称（如“行政处罚决定书文号”）。".into(),
                "the first row is not a header of the national 双公示 format: it must hold the field codes (CF_WSH, XK_WSH…) or their Chinese labels".into(),
            ))
        }
        std::cmp::Ordering::Less => Kind::Penalties,
        std::cmp::Ordering::Greater => Kind::Licences,
        std::cmp::Ordering::Equal => {
            return Err(header_error(
                "无法判断是行政许可还是行政处罚文件：请分开报送，许可与处罚各用一个文件。".into(),
                "cannot tell a licence file from a penalty file: send licences and penalties in separate files".into(),
            ))
        }
    };
    let fields: Vec<Option<&'static Field>> = header.iter().map(|h| field_of(kind, h)).collect();
    for (i, field) in fields.iter().enumerate() {
        let Some(field) = field else { continue };
        if fields[..i].iter().any(|f| f.is_some_and(|f| f.code == field.code)) {
            return Err(RowError {
                column: Some(header[i].clone()),
                ..header_error(
                    format!("字段 {}（{}）出现了两次，请删除重复的列。", field.code, field.label),
                    format!("column {} ({}) appears twice: delete the repeated column", field.code, field.label),
                )
            });
        }
    }
    let has = |target: Target| fields.iter().any(|f| f.is_some_and(|f| f.target == target));
    let missing: Vec<&Field> = FIELDS
        .iter()
        .filter(|f| f.kind == kind && f.required && f.in_2021 && !has(f.target))
        .filter(|f| !(kind == Kind::Penalties && f.target == Target::Content))
        .collect();
    if let Some(field) = missing.first() {
        return Err(header_error(
            format!("缺少必填字段 {}（{}）。", field.code, field.label),
            format!("the required column {} ({}) is missing", field.code, field.label),
        ));
    }
    if !has(Target::Uscc) && !has(Target::IdNumber) {
        let (code, id) = match kind {
            Kind::Licences => ("XK_XDR_SHXYM", "XK_XDR_ZJHM"),
            Kind::Penalties => ("CF_XDR_SHXYM", "CF_XDR_ZJHM"),
        };
        return Err(header_error(
            format!("缺少行政相对人的统一社会信用代码（{code}）或证件号码（{id}）列。"),
            format!("the file has no column for the subject's unified social credit code ({code}) or ID number ({id})"),
        ));
    }
    let older = fields.iter().flatten().any(|f| f.in_2016 && !f.in_2021);
    Ok(Columns {
        kind,
        generation: if older { Generation::Older } else { Generation::Newer },
        fields,
        headers: header.to_vec(),
    })
}

/// A date as the files write it: `2024/01/02`, `2024-01-02`, `2024.01.02`, `20240102` or
/// `2024年1月2日`, a time after it ignored.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let day = text.split([' ', 'T']).next().unwrap_or("");
    if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        return Date::from_ymd(day[..4].parse().ok()?, day[4..6].parse().ok()?, day[6..].parse().ok()?);
    }
    let parts: Vec<&str> = day.split(['/', '-', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    match parts[..] {
        [y, m, d] if y.len() == 4 => Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

/// The penalty types of a 处罚类别 cell: its parts, joined by `;`, `；`, `、`, `,` or `，`,
/// each a category of the law or `其他-…`; the parts that are neither, if any.
pub fn penalty_types(text: &str) -> Result<Vec<PenaltyType>, Vec<String>> {
    let mut types = Vec::new();
    let mut unknown = Vec::new();
    for part in text.split([';', '；', '、', ',', '，']).map(str::trim).filter(|p| !p.is_empty()) {
        let known = PENALTY_CATEGORIES.iter().find(|(label, _)| *label == part).map(|(_, t)| *t);
        match known.or_else(|| (part.starts_with("其他-") || part.starts_with("其他－")).then_some(PenaltyType::Other))
        {
            Some(t) if !types.contains(&t) => types.push(t),
            Some(_) => {}
            None => unknown.push(part.to_string()),
        }
    }
    if unknown.is_empty() {
        Ok(types)
    } else {
        Err(unknown)
    }
}

/// Whether a penalty falls under the special-equipment, work-safety or fire laws
/// (`PEN-SAFETY`), by what the file says of its basis and its act.
fn under_safety_laws(texts: &[&str]) -> bool {
    texts.iter().any(|t| SAFETY_LAWS.iter().any(|law| t.contains(law)))
}

/// The cells of a row, by what they become.
struct Cells<'a> {
    columns: &'a Columns,
    cells: &'a [String],
    row: usize,
    errors: Vec<RowError>,
}

impl<'a> Cells<'a> {
    /// The first non-blank cell of the columns mapping to `target`, trimmed.
    fn get(&self, target: Target) -> Option<&'a str> {
        self.columns
            .fields
            .iter()
            .zip(self.cells)
            .filter(|(f, _)| f.is_some_and(|f| f.target == target))
            .map(|(_, cell)| cell.trim())
            .find(|cell| !cell.is_empty())
    }

    fn error(&mut self, target: Target, message_zh: String, message_en: String) {
        let column = self.columns.header_of(target).map(str::to_string);
        self.errors.push(RowError { row: self.row, column, code: ErrorCode::InvalidParameter, message_zh, message_en });
    }
}

/// Whether an ID type cell names the resident ID card (or is blank: the number says).
fn is_resident_id_type(id_type: Option<&str>) -> bool {
    id_type.is_none_or(|t| matches!(t, "身份证" | "居民身份证" | "01" | "1"))
}

/// One row of a file as a record to submit, or its problems by column. `today` is the
/// day the checks of [`crate::submission::check_one`] are made on.
pub fn map_row(columns: &Columns, row: usize, cells: &[String], today: Date) -> Result<SubmittedRecord, Vec<RowError>> {
    let mut c = Cells { columns, cells, row, errors: Vec::new() };
    let kind = columns.kind;

    // The subject: an organisation by its USCC; a natural person by a resident ID only.
    let uscc = c.get(Target::Uscc);
    let id_number = c.get(Target::IdNumber);
    let id_type = c.get(Target::IdType);
    let category = c.get(Target::SubjectCategory);
    if let Some(category) = category {
        if !SUBJECT_CATEGORIES.contains(&category) {
            c.error(
                Target::SubjectCategory,
                format!("行政相对人类别“{category}”无效，应为：{}。", SUBJECT_CATEGORIES.join("、")),
                format!("subject category “{category}” is not one of {}", SUBJECT_CATEGORIES.join(", ")),
            );
        }
    }
    let natural_person = category == Some(SUBJECT_CATEGORIES[1]) || (uscc.is_none() && id_number.is_some());
    let code = if natural_person {
        if id_number.is_some() && !is_resident_id_type(id_type) {
            c.error(
                Target::IdType,
                format!("证件类型“{}”：本平台只接收居民身份证号码（GB 11643）登记的自然人。", id_type.unwrap_or("")),
                format!(
                    "ID type “{}”: natural persons are filed by resident ID number (GB 11643) only",
                    id_type.unwrap_or("")
                ),
            );
        }
        id_number
    } else {
        uscc
    };
    let code = code.unwrap_or_else(|| {
        let target = if natural_person { Target::IdNumber } else { Target::Uscc };
        c.error(
            target,
            "缺少行政相对人代码：法人及非法人组织、个体工商户填统一社会信用代码，自然人填居民身份证号码。".into(),
            "the subject's code is missing: a unified social credit code for an organisation or individual business, a resident ID number for a natural person".into(),
        );
        ""
    });
    if category.is_some_and(|cat| cat != SUBJECT_CATEGORIES[1]) && uscc.is_none() && id_number.is_some() {
        c.error(
            Target::Uscc,
            "行政相对人类别为组织或个体工商户时，须填统一社会信用代码。".into(),
            "an organisation or individual business is filed by its unified social credit code".into(),
        );
    }

    // The subject's problems told so far are the file's own terms for them.
    let subject_told = !c.errors.is_empty();

    // The persons of the record: an organisation's legal representative (Art. 26).
    let mut persons = Vec::new();
    if !natural_person {
        if let Some(name) = c.get(Target::LegalRepresentative) {
            // Only a resident ID is kept; another document's number is not (it cannot be
            // checked, and it is never shown).
            let id_number = c
                .get(Target::LegalRepresentativeIdNumber)
                .filter(|_| is_resident_id_type(c.get(Target::LegalRepresentativeIdType)))
                .map(str::to_string);
            persons.push(Person { role: PersonRole::LegalRepresentative, name: name.to_string(), id_number });
        }
    }

    // Status: a revoked decision is withdrawn, not filed.
    if let Some(status) = c.get(Target::Status) {
        let revoked = match columns.generation {
            Generation::Older => REVOKED_STATUS_2016,
            Generation::Newer => REVOKED_STATUS_2021,
        };
        if revoked.contains(&status) {
            c.error(
                Target::Status,
                format!("当前状态“{status}”表示决定已撤销或无效，不予公示；已公示的记录请通过撤回办理（第三十六条）。"),
                format!("status “{status}” says the decision was revoked or is void: it is not published; withdraw a published record instead (Art. 36)"),
            );
        }
    }

    let mut extra_fields = BTreeMap::new();
    for (field, cell) in columns.fields.iter().zip(cells) {
        let (Some(field), cell) = (field, cell.trim()) else { continue };
        if field.target == Target::Extra && !cell.is_empty() {
            extra_fields.insert(field.label.to_string(), cell.to_string());
        }
    }
    // The authority and source are kept under the newer generation's labels, so that the
    // export writes them back whichever generation brought them.
    let label_of =
        |target: Target| FIELDS.iter().find(|f| f.kind == kind && f.target == target && f.in_2021).map(|f| f.label);
    for target in [Target::Authority, Target::Source, Target::LicenceCategory, Target::PenaltyCategory] {
        if let (Some(value), Some(label)) = (c.get(target), label_of(target)) {
            extra_fields.insert(label.to_string(), value.to_string());
        }
    }

    let mut penalty_types_found = Vec::new();
    let title_from_file = c.get(Target::Title);
    let title = match kind {
        Kind::Penalties => {
            let category = c.get(Target::PenaltyCategory);
            match category.map(penalty_types) {
                None => c.error(
                    Target::PenaltyCategory,
                    "缺少处罚类别。".into(),
                    "the penalty category is missing".into(),
                ),
                Some(Err(unknown)) => c.error(
                    Target::PenaltyCategory,
                    format!("处罚类别“{}”无效，应为《行政处罚法》所列种类（如警告、罚款、没收违法所得、吊销许可证件、行政拘留）或“其他-…”，多个用分号分隔。", unknown.join("；")),
                    format!("penalty category “{}” is not a kind of the Administrative Penalty Law (警告, 罚款, 没收违法所得, 吊销许可证件, 行政拘留…) or “其他-…”; separate several with semicolons", unknown.join(";")),
                ),
                Some(Ok(types)) => penalty_types_found = types,
            }
            title_from_file.or(category).unwrap_or("").to_string()
        }
        Kind::Licences => {
            if let Some(category) = c.get(Target::LicenceCategory) {
                if !LICENCE_CATEGORIES.contains(&category) {
                    c.error(
                        Target::LicenceCategory,
                        format!("许可类别“{category}”无效，应为：{}。", LICENCE_CATEGORIES.join("、")),
                        format!("licence category “{category}” is not one of {}", LICENCE_CATEGORIES.join(", ")),
                    );
                }
            }
            title_from_file.unwrap_or("").to_string()
        }
    };

    let date_of = |c: &mut Cells, target: Target, name_zh: &str, name_en: &str| -> Option<Date> {
        let text = c.get(target)?;
        let date = parse_date(text);
        if date.is_none() {
            c.error(
                target,
                format!("{name_zh}“{text}”不是日期，应为 YYYY/MM/DD（如 2024/01/02）。"),
                format!("{name_en} “{text}” is not a date: write YYYY/MM/DD (2024/01/02)"),
            );
        }
        date
    };
    let decision_date = date_of(&mut c, Target::DecisionDate, "决定日期", "decision date");
    if decision_date.is_none() && c.get(Target::DecisionDate).is_none() {
        c.error(Target::DecisionDate, "缺少决定日期。".into(), "the decision date is missing".into());
    }
    let valid_until = date_of(&mut c, Target::ValidUntil, "有效期至", "valid until")
        .filter(|d| Date::parse(LONG_TERM).ok() != Some(*d));

    let legal_basis = match (kind, c.get(Target::LegalBasis)) {
        (_, Some(basis)) => basis.to_string(),
        (Kind::Licences, None) => LICENCE_LEGAL_BASIS.to_string(),
        (Kind::Penalties, None) => String::new(),
    };
    let item_code = match kind {
        Kind::Licences => "LIC-PERMIT",
        Kind::Penalties => {
            let act = extra_fields.get("违法行为类型").map(String::as_str).unwrap_or("");
            if under_safety_laws(&[&legal_basis, act]) {
                "PEN-SAFETY"
            } else {
                "PEN-GENERAL"
            }
        }
    };
    let record = SubmittedRecord {
        subject: SubmittedSubject {
            code: code.to_string(),
            name: c.get(Target::SubjectName).unwrap_or("").to_string(),
        },
        item_code: item_code.to_string(),
        document_number: c.get(Target::DocumentNumber).unwrap_or("").to_string(),
        title,
        content: c.get(Target::Content).unwrap_or("").to_string(),
        legal_basis,
        decision_date: decision_date.unwrap_or(today),
        act_end_date: None,
        act_continuing: false,
        valid_until,
        penalty_types: penalty_types_found,
        persons,
        extra_fields,
        written_consent: false,
        change_reason: None,
    };
    // The record's own rules (identifiers, lengths, the catalog, Art. 32), each problem
    // told at the column it came from.
    for detail in crate::submission::check_one(&record, today) {
        if subject_told && detail.field.as_deref() == Some("subject.code") {
            continue;
        }
        let column = detail
            .field
            .as_deref()
            .and_then(|field| column_of_field(columns, field, natural_person))
            .map(str::to_string);
        if c.errors.iter().any(|e| e.column.is_some() && e.column == column) {
            continue; // Already told, in the file's own terms.
        }
        c.errors.push(row_error(row, column, detail));
    }
    if c.errors.is_empty() {
        Ok(record)
    } else {
        Err(c.errors)
    }
}

fn row_error(row: usize, column: Option<String>, detail: ErrorDetail) -> RowError {
    RowError { row, column, code: detail.code, message_zh: detail.message_zh, message_en: detail.message_en }
}

/// The header of the column a record's field came from.
fn column_of_field<'c>(columns: &'c Columns, field: &str, natural_person: bool) -> Option<&'c str> {
    let target = match field {
        "subject.code" if natural_person => Target::IdNumber,
        "subject.code" => Target::Uscc,
        "subject.name" => Target::SubjectName,
        "document_number" => Target::DocumentNumber,
        "title" => return columns.header_of(Target::Title).or_else(|| columns.header_of(Target::PenaltyCategory)),
        "content" => Target::Content,
        "legal_basis" => Target::LegalBasis,
        "decision_date" => Target::DecisionDate,
        "valid_until" => Target::ValidUntil,
        f if f.starts_with("persons[") && f.ends_with(".id_number") => Target::LegalRepresentativeIdNumber,
        f if f.starts_with("persons[") => Target::LegalRepresentative,
        f => return f.strip_prefix("extra_fields.").and_then(|label| columns.header_labelled(label)),
    };
    columns.header_of(target)
}

/// The columns of an export of `kind`: the newer generation's codes, in its order.
pub fn export_header(kind: Kind) -> Vec<&'static str> {
    FIELDS.iter().filter(|f| f.kind == kind && f.export).map(|f| f.code).collect()
}

/// What an export row is written from: a record the public may see today
/// (`disclosure::decide` for `Viewer::Public`), its subject, and the fields its file
/// brought.
pub struct Exported<'a> {
    /// The record.
    pub record: &'a Record,
    /// The subject's name.
    pub subject_name: &'a str,
    /// The record's `extra_fields`.
    pub extra_fields: &'a BTreeMap<String, String>,
}

/// A date as the national files write it: `YYYY/MM/DD`.
fn national_date(date: Date) -> String {
    let (y, m, d) = date.ymd();
    format!("{y:04}/{m:02}/{d:02}")
}

/// A public record as a row of the newer national format, in [`export_header`]'s order.
/// Natural persons' data is not in it: the public export holds organisations (a natural
/// person's licence or penalty is not public, `disclosure`), and the legal
/// representative's name and ID number, which the public sees masked, are left blank.
pub fn export_row(kind: Kind, exported: &Exported) -> Vec<String> {
    let record = exported.record;
    let extra = |label: &str| exported.extra_fields.get(label).cloned().unwrap_or_default();
    FIELDS
        .iter()
        .filter(|f| f.kind == kind && f.export)
        .map(|f| match f.target {
            Target::SubjectName => exported.subject_name.to_string(),
            Target::SubjectCategory => {
                let individual = Uscc::parse(&record.subject_code)
                    .is_ok_and(|code| code.subject_type() == SubjectType::IndividualBusiness);
                let category = if individual { SUBJECT_CATEGORIES[2] } else { SUBJECT_CATEGORIES[0] };
                category.to_string()
            }
            Target::Uscc => record.subject_code.clone(),
            Target::DocumentNumber => record.document_number.clone(),
            Target::Title => record.title.clone(),
            Target::Content => record.content.clone(),
            Target::LegalBasis => record.legal_basis.clone(),
            Target::DecisionDate => record.publicity.decision_date.map(national_date).unwrap_or_default(),
            // No end: 长期, as the format writes it.
            Target::ValidUntil => match record.publicity.valid_until {
                Some(until) => national_date(until),
                None => LONG_TERM.replace('-', "/"),
            },
            Target::PenaltyCategory => {
                let kept = extra(f.label);
                if kept.is_empty() {
                    record.publicity.penalty_types.iter().map(|t| penalty_label(*t)).collect::<Vec<_>>().join(";")
                } else {
                    kept
                }
            }
            Target::Authority | Target::Source => {
                let kept = extra(f.label);
                if kept.is_empty() {
                    record.provider_department.clone()
                } else {
                    kept
                }
            }
            // Exported records stand: the newer generation's 1 = 有效.
            Target::Status => "1".to_string(),
            Target::LicenceCategory | Target::Extra => extra(f.label),
            // Personal data: never in a public file.
            Target::LegalRepresentative
            | Target::LegalRepresentativeIdType
            | Target::LegalRepresentativeIdNumber
            | Target::IdType
            | Target::IdNumber
            | Target::Ignored => String::new(),
        })
        .collect()
}

/// The first 处罚类别 of a penalty type, as the law words it.
fn penalty_label(t: PenaltyType) -> &'static str {
    PENALTY_CATEGORIES.iter().find(|(_, pt)| *pt == t).map(|(label, _)| *label).unwrap_or("其他")
}

/// Whether a catalog item's records go in an export of `kind`.
pub fn exports_item(kind: Kind, item_code: &str) -> bool {
    catalog::item(item_code).is_some_and(|item| item.class == kind.class())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    const TODAY: &str = "2026-12-08";

    fn today() -> Date {
        Date::parse(TODAY).unwrap()
    }

    // An enterprise of Guanshanhu district (520115). GB 32100 check character: the first 17
    // characters (letters valued A=10 … Y=30 without I, O, S, V, Z) times the weights 1, 3,
    // 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 sum to 9 + 3 + 45 + 54 + 0 +
    // 26 + 16 + 85 + 420 (M) + 290 (A) + 150 + 0 + 0 + 0 + 0 + 0 + 224 = 1322; 1322 mod 31 =
    // 20, and 31 − 20 = 11 is B.
    const USCC: &str = "91520115MA6000008B";
    // A Nanming (520102) resident born 1987-09-08. GB 11643: Σ digit × weight (7, 9, 10, 5, 8,
    // 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2) = 35 + 18 + 0 + 5 + 0 + 8 + 2 + 9 + 48 + 21 + 0 +
    // 81 + 0 + 40 + 48 + 16 + 2 = 333; 333 mod 11 = 3, and 3 maps to check digit 9.
    const PERSON_ID: &str = "520102198709086419";

    const NEWER_PENALTY: &[&str] = &[
        "CF_XDR_MC",
        "CF_XDR_LB",
        "CF_XDR_SHXYM",
        "CF_FRDB",
        "CF_FR_ZJLX",
        "CF_FR_ZJHM",
        "CF_XDR_ZJLX",
        "CF_XDR_ZJHM",
        "CF_WSH",
        "CF_WFXW",
        "CF_SY",
        "CF_YJ",
        "CF_CFLB",
        "CF_NR",
        "CF_NR_FK",
        "CF_JDRQ",
        "CF_GSJZQ",
        "CF_CFJG",
        "CF_SJLY",
        "BZ",
    ];

    fn newer_penalty(cells: &[&str]) -> Result<SubmittedRecord, Vec<RowError>> {
        let columns = read_header(&row(NEWER_PENALTY)).unwrap();
        map_row(&columns, 2, &row(cells), today())
    }

    #[test]
    fn a_newer_penalty_row_becomes_the_record_a_department_would_post() {
        let record = newer_penalty(&[
            "贵阳示范商贸有限公司",
            "法人及非法人组织",
            USCC,
            "张三",
            "身份证",
            PERSON_ID,
            "",
            "",
            "筑观市监罚〔2026〕12号",
            "虚假宣传",
            "在网店发布虚假广告",
            "《中华人民共和国广告法》第五十五条",
            "警告;罚款",
            "罚款人民币贰仟元",
            "0.2",
            "2026/03/05",
            "2029/03/05",
            "贵阳市观山湖区市场监督管理局",
            "贵阳市观山湖区市场监督管理局",
            "",
        ])
        .unwrap();
        let expected = SubmittedRecord {
            subject: SubmittedSubject { code: USCC.into(), name: "贵阳示范商贸有限公司".into() },
            item_code: "PEN-GENERAL".into(),
            document_number: "筑观市监罚〔2026〕12号".into(),
            // No title column in the newer generation: the 处罚类别 names it.
            title: "警告;罚款".into(),
            content: "罚款人民币贰仟元".into(),
            legal_basis: "《中华人民共和国广告法》第五十五条".into(),
            decision_date: Date::from_ymd(2026, 3, 5).unwrap(),
            act_end_date: None,
            act_continuing: false,
            valid_until: None,
            penalty_types: vec![PenaltyType::Warning, PenaltyType::Fine],
            // The legal representative's resident ID goes to the person, nowhere else.
            persons: vec![Person {
                role: PersonRole::LegalRepresentative,
                name: "张三".into(),
                id_number: Some(PERSON_ID.into()),
            }],
            extra_fields: [
                ("违法行为类型", "虚假宣传"),
                ("违法事实", "在网店发布虚假广告"),
                ("处罚类别", "警告;罚款"),
                ("罚款金额（万元）", "0.2"),
                ("公示截止期", "2029/03/05"),
                ("处罚机关", "贵阳市观山湖区市场监督管理局"),
                ("数据来源单位", "贵阳市观山湖区市场监督管理局"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            written_consent: false,
            change_reason: None,
        };
        assert_eq!(record, expected);
    }

    #[test]
    fn a_natural_person_is_filed_by_resident_id_only() {
        let person = newer_penalty(&[
            "李四",
            "自然人",
            "",
            "",
            "",
            "",
            "身份证",
            PERSON_ID,
            "筑公（治）行罚决字〔2026〕7号",
            "",
            "",
            "《治安管理处罚法》第二十六条",
            "行政拘留",
            "行政拘留五日",
            "",
            "2026-06-01",
            "",
            "",
            "",
            "",
        ])
        .unwrap();
        assert_eq!(person.subject.code, PERSON_ID);
        assert!(person.persons.is_empty());
        assert!(!person.extra_fields.values().any(|v| v.contains(PERSON_ID)), "the ID is in no free field");
        // A passport number cannot be checked and names no GB 11643 person: refused, at its column.
        let passport = newer_penalty(&[
            "John Smith",
            "自然人",
            "",
            "",
            "",
            "",
            "护照",
            "E12345678",
            "筑罚〔2026〕8号",
            "",
            "",
            "《出境入境管理法》",
            "罚款",
            "罚款五百元",
            "0.05",
            "2026-06-01",
            "",
            "",
            "",
            "",
        ])
        .unwrap_err();
        assert_eq!(passport[0].column.as_deref(), Some("CF_XDR_ZJLX"));
        assert!(passport[0].message_zh.contains("居民身份证"));
    }

    #[test]
    fn every_problem_of_a_row_is_told_at_its_column() {
        // A USCC with a wrong check character (…08B → …08C), a day that does not exist and a
        // category the law does not know: all three told at once, each at its column.
        let errors = newer_penalty(&[
            "贵阳示范商贸有限公司",
            "法人及非法人组织",
            "91520115MA6000008C",
            "",
            "",
            "",
            "",
            "",
            "筑观市监罚〔2026〕13号",
            "",
            "",
            "《广告法》",
            "罚金",
            "罚款",
            "",
            "2026/02/30",
            "",
            "",
            "",
            "",
        ])
        .unwrap_err();
        let columns: Vec<Option<&str>> = errors.iter().map(|e| e.column.as_deref()).collect();
        assert!(columns.contains(&Some("CF_XDR_SHXYM")), "{errors:?}");
        assert!(columns.contains(&Some("CF_JDRQ")), "{errors:?}");
        assert!(columns.contains(&Some("CF_CFLB")), "{errors:?}");
        assert!(errors.iter().all(|e| e.row == 2 && !e.message_zh.is_empty() && !e.message_en.is_empty()));
    }

    #[test]
    fn a_revoked_decision_is_refused_and_safety_penalties_are_pen_safety() {
        let header = row(&[
            "CF_WSH",
            "CF_CFMC",
            "CF_CFLB1",
            "CF_YJ",
            "CF_XDR_MC",
            "CF_XDR_SHXYM",
            "CF_JG",
            "CF_JDRQ",
            "CF_ZT",
            "SJC",
        ]);
        let columns = read_header(&header).unwrap();
        assert_eq!(columns.generation, Generation::Older);
        let cells = |status: &str, basis: &str| {
            row(&[
                "黔应急罚〔2025〕3号",
                "安全生产行政处罚",
                "罚款",
                basis,
                "贵阳示范商贸有限公司",
                USCC,
                "罚款三万元",
                "2025/11/20",
                status,
                "2025/11/21 10:00:00",
            ])
        };
        let standing = map_row(&columns, 5, &cells("0", "《中华人民共和国安全生产法》第九十九条"), today()).unwrap();
        assert_eq!(standing.item_code, "PEN-SAFETY");
        assert_eq!(standing.title, "安全生产行政处罚", "the older generation has a title column");
        assert_eq!(standing.content, "罚款三万元");
        assert!(!standing.extra_fields.contains_key("数据更新时间戳"), "the sender's timestamp is not kept");
        let general = map_row(&columns, 5, &cells("0", "《中华人民共和国广告法》第五十五条"), today()).unwrap();
        assert_eq!(general.item_code, "PEN-GENERAL");
        // 2016 files: 1 = 撤销.
        let revoked = map_row(&columns, 6, &cells("1", "《广告法》"), today()).unwrap_err();
        assert_eq!((revoked[0].row, revoked[0].column.as_deref()), (6, Some("CF_ZT")));
    }

    #[test]
    fn a_licence_row_and_its_long_term_validity() {
        let header = row(&[
            "XK_XDR_MC",
            "XK_XDR_LB",
            "XK_XDR_SHXYM",
            "XK_XKWS",
            "XK_WSH",
            "XK_XKLB",
            "XK_XKZS",
            "XK_NR",
            "XK_JDRQ",
            "XK_YXQZ",
            "XK_YXQZI",
            "XK_XKJG",
        ]);
        let columns = read_header(&header).unwrap();
        let cells = |until: &str, category: &str| {
            row(&[
                "贵阳示范商贸有限公司",
                "法人及非法人组织",
                USCC,
                "食品经营许可决定书",
                "JY15201150012345",
                category,
                "食品经营许可证",
                "预包装食品销售",
                "2026/01/10",
                "2026/01/10",
                until,
                "贵阳市观山湖区市场监督管理局",
            ])
        };
        let long_term = map_row(&columns, 2, &cells("2099/12/31", "普通"), today()).unwrap();
        assert_eq!(long_term.item_code, "LIC-PERMIT");
        assert_eq!(long_term.valid_until, None, "2099/12/31 means 长期");
        assert_eq!(long_term.legal_basis, LICENCE_LEGAL_BASIS);
        assert_eq!(long_term.title, "食品经营许可决定书");
        assert_eq!(long_term.extra_fields.get("许可类别").map(String::as_str), Some("普通"));
        let dated = map_row(&columns, 3, &cells("2031/01/09", "普通"), today()).unwrap();
        assert_eq!(dated.valid_until, Date::from_ymd(2031, 1, 9));
        let bad = map_row(&columns, 4, &cells("2031/01/09", "一般"), today()).unwrap_err();
        assert_eq!(bad[0].column.as_deref(), Some("XK_XKLB"));
    }

    #[test]
    fn an_export_row_is_the_newer_format_without_personal_data() {
        let record = Record {
            id: 7,
            subject_code: USCC.into(),
            subject_is_natural_person: false,
            item_code: "PEN-GENERAL".into(),
            document_number: "筑观市监罚〔2026〕12号".into(),
            title: "警告;罚款".into(),
            content: "罚款人民币贰仟元".into(),
            provider_department: "贵阳市观山湖区市场监督管理局".into(),
            legal_basis: "《中华人民共和国广告法》第五十五条".into(),
            publicity: crate::query_window::PublicityFacts {
                decision_date: Date::from_ymd(2026, 3, 5),
                penalty_types: vec![PenaltyType::Warning, PenaltyType::Fine],
                ..Default::default()
            },
            persons: vec![Person {
                role: PersonRole::LegalRepresentative,
                name: "张三".into(),
                id_number: Some(PERSON_ID.into()),
            }],
            under_objection: false,
        };
        let extra: BTreeMap<String, String> = [("违法行为类型", "虚假宣传"), ("罚款金额（万元）", "0.2")]
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        let header = export_header(Kind::Penalties);
        let cells = export_row(
            Kind::Penalties,
            &Exported { record: &record, subject_name: "贵阳示范商贸有限公司", extra_fields: &extra },
        );
        let by_code: BTreeMap<&str, &str> = header.iter().copied().zip(cells.iter().map(String::as_str)).collect();
        assert_eq!(header.first(), Some(&"CF_XDR_MC"));
        assert_eq!(header.last(), Some(&"BZ"));
        assert_eq!(by_code["CF_XDR_LB"], "法人及非法人组织");
        assert_eq!(by_code["CF_XDR_SHXYM"], USCC);
        assert_eq!(by_code["CF_JDRQ"], "2026/03/05");
        // No 处罚类别 kept from a file: the penalty types, as the law words them.
        assert_eq!(by_code["CF_CFLB"], "警告;罚款");
        assert_eq!(by_code["CF_NR_FK"], "0.2");
        assert_eq!(
            by_code["CF_CFJG"], "贵阳市观山湖区市场监督管理局",
            "the provider, when the file named no authority"
        );
        for personal in ["CF_FRDB", "CF_FR_ZJLX", "CF_FR_ZJHM", "CF_XDR_ZJLX", "CF_XDR_ZJHM"] {
            assert_eq!(by_code[personal], "", "{personal} is personal data");
        }
        assert!(!cells.iter().any(|c| c.contains(PERSON_ID) || c.contains("张三")));
    }

    #[test]
    fn headers_are_codes_or_labels_of_either_generation() {
        let newer = read_header(&row(&[
            "CF_XDR_MC",
            "CF_XDR_LB",
            "CF_XDR_SHXYM",
            "CF_WSH",
            "CF_YJ",
            "CF_CFLB",
            "CF_NR",
            "CF_JDRQ",
        ]))
        .unwrap();
        assert_eq!((newer.kind, newer.generation), (Kind::Penalties, Generation::Newer));
        // The same in Chinese labels, with full-width brackets and a stray space.
        let labels = read_header(&row(&[
            "行政相对人名称",
            "行政相对人代码_1（统一社会信用代码）",
            "行政处罚决定书文号",
            "处罚依据",
            "处罚类别",
            "处罚 内容",
            "处罚决定日期",
        ]))
        .unwrap();
        assert_eq!((labels.kind, labels.generation), (Kind::Penalties, Generation::Newer));
        // The older generation: CF_CFLB1 and CF_XDR_SFZ are only in it.
        let older = read_header(&row(&[
            "CF_WSH",
            "CF_CFMC",
            "CF_CFLB1",
            "CF_YJ",
            "CF_XDR_MC",
            "CF_XDR_SHXYM",
            "CF_XDR_SFZ",
            "CF_JDRQ",
        ]))
        .unwrap();
        assert_eq!((older.kind, older.generation), (Kind::Penalties, Generation::Older));
        let licences =
            read_header(&row(&["XK_XDR_MC", "XK_XDR_SHXYM", "XK_XKWS", "XK_WSH", "XK_JDRQ", "自定义列"])).unwrap();
        assert_eq!(licences.kind, Kind::Licences);
        assert_eq!(licences.ignored(), ["自定义列"]);
    }

    #[test]
    fn a_header_that_cannot_file_a_record_is_refused_with_what_is_missing() {
        let no_wsh = read_header(&row(&["CF_XDR_MC", "CF_XDR_SHXYM", "CF_YJ", "CF_CFLB", "CF_JDRQ"])).unwrap_err();
        assert!(no_wsh.message_zh.contains("CF_WSH"), "{}", no_wsh.message_zh);
        let twice = read_header(&row(&["CF_WSH", "行政处罚决定书文号", "CF_XDR_MC"])).unwrap_err();
        assert_eq!(twice.column.as_deref(), Some("行政处罚决定书文号"));
        let neither = read_header(&row(&["名称", "金额"])).unwrap_err();
        assert!(neither.message_en.contains("header"));
    }

    #[test]
    fn dates_as_departments_write_them() {
        let jan2 = Date::from_ymd(2024, 1, 2);
        for text in ["2024/01/02", "2024-1-2", "2024.01.02", "20240102", "2024年1月2日", "2024/01/02 00:00:00"] {
            assert_eq!(parse_date(text), jan2, "{text}");
        }
        assert_eq!(parse_date("2024/02/30"), None);
        assert_eq!(parse_date("02/01/2024"), None, "day first is ambiguous: refused");
    }

    #[test]
    fn penalty_categories_of_the_law_in_either_wording() {
        // 2021 law Art. 9 wording, several parts; the older Art. 8 wording; 其他-….
        assert_eq!(penalty_types("警告;罚款").unwrap(), [PenaltyType::Warning, PenaltyType::Fine]);
        assert_eq!(
            penalty_types("通报批评；没收违法所得、没收非法财物").unwrap(),
            [PenaltyType::Warning, PenaltyType::Confiscation]
        );
        assert_eq!(penalty_types("暂扣或者吊销许可证、暂扣或者吊销执照").unwrap(), [PenaltyType::LicenceAction]);
        assert_eq!(penalty_types("责令关闭").unwrap(), [PenaltyType::BusinessRestriction]);
        assert_eq!(penalty_types("其他-不予行政处罚").unwrap(), [PenaltyType::Other]);
        assert_eq!(penalty_types("罚金").unwrap_err(), ["罚金"], "a criminal fine is not an administrative penalty");
    }
}
