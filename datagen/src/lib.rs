//! # gzcredit-datagen: deterministic demo data
//!
//! Generates credit subjects across Guizhou's nine prefectures — enterprises with
//! realistic names, individual businesses, farmer cooperatives, social organisations,
//! public institutions and a few natural persons on public lists — with valid unified
//! social credit codes, records of every catalog class, and dates around "today" that
//! exercise the query window (live, expired, about to expire), repaired and revoked
//! records and records under objection.
//!
//! The output is SQL for the schema in `edge/migrations`, including the search index rows
//! computed by `gzcredit_shared::search_terms` exactly as the edge computes them at ingest.
//! Same seed, size and today → same bytes. It streams: memory stays flat from a thousand
//! subjects to a million.

mod names;
pub mod relevance;

pub use names::{NameParts, Word};

use gzcredit_shared::api::SubjectCategory;
use gzcredit_shared::catalog::{self, CatalogItem, Class};
use gzcredit_shared::date::Date;
use gzcredit_shared::disclosure::{in_public_index, list_standing, red_list_removals};
use gzcredit_shared::identifiers::{RegistrationNumber, ResidentId, Uscc};
use gzcredit_shared::query_window::Ground;
use gzcredit_shared::query_window::{self, PenaltyType, PublicityFacts};
use gzcredit_shared::record::{Person, PersonRole, Record};
use gzcredit_shared::search_terms::{fts_rowid, IndexTerms};
use std::io::{self, Write};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Number of subjects (fixtures included).
    pub subjects: usize,
    /// Average records per generated subject.
    pub records_per_subject: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// The day the dates are arranged around (Asia/Shanghai).
    pub today: Date,
}

/// SplitMix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A generated subject with its records.
pub struct Subject {
    /// Row id.
    pub id: i64,
    /// Public code.
    pub code: String,
    /// USCC of an organisation.
    pub uscc: Option<String>,
    /// Legacy registration number.
    pub registration_number: Option<String>,
    /// Resident ID of a natural person.
    pub id_number: Option<String>,
    /// Name.
    pub name: String,
    /// Category.
    pub category: SubjectCategory,
    /// Region code.
    pub region: String,
    /// Legal representative.
    pub legal_representative: Option<String>,
    /// Established.
    pub established: Option<Date>,
    /// Address.
    pub address: Option<String>,
    /// Registration authority.
    pub registration_authority: Option<String>,
    /// Records.
    pub records: Vec<Record>,
    /// The parts its name was made of (generated enterprises and social organisations).
    pub parts: Option<NameParts>,
}

/// Names of the fixtures the tests and the README refer to.
pub mod fixtures {
    /// An enterprise with records in every class, one under objection, expired, repaired,
    /// revoked, about to expire, non-public ones, and a red-list entry that its live
    /// penalties removed (so the public sees no red-list badge).
    pub const SHOWCASE: &str = "贵阳黔信示范科技有限公司";
    /// An enterprise on the serious dishonesty list with its legal representative (Art. 26).
    pub const SERIOUSLY_DISHONEST: &str = "六盘水失信示范矿业有限公司";
    /// A natural person on the serious dishonesty list (publicly visible, masked).
    pub const LISTED_PERSON: &str = "王示范";
    /// A natural person on no list (never publicly visible).
    pub const PRIVATE_PERSON: &str = "李隐私";
    /// A farmer cooperative on the red list.
    pub const RED_LIST_COOPERATIVE: &str = "遵义守信示范农业专业合作社";
    /// A public institution with a government-integrity record (Art. 46).
    pub const PUBLIC_INSTITUTION: &str = "贵州省示范政务服务中心";
}

fn sql_text(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

fn sql_opt(value: Option<&str>) -> String {
    value.map_or_else(|| "NULL".to_string(), sql_text)
}

fn sql_date(value: Option<Date>) -> String {
    value.map_or_else(|| "NULL".to_string(), |d| format!("'{d}'"))
}

/// A valid resident ID for a region, birth date and sequence number (the check digit
/// is found by asking `shared` which one validates, so the rule stays there).
pub fn resident_id(region6: &str, birth: Date, sequence: u32) -> String {
    let (y, m, d) = birth.ymd();
    let body = format!("{region6}{y:04}{m:02}{d:02}{:03}", sequence % 1000);
    "0123456789X"
        .chars()
        .map(|c| format!("{body}{c}"))
        .find(|candidate| ResidentId::parse(candidate).is_ok())
        .expect("one check character validates")
}

/// Base-31 digits of the GB 32100 alphabet, for unique organisation codes.
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

fn organisation_body(index: usize) -> String {
    // "MA6" is the prefix Guizhou's market regulators issue; five base-31 digits follow.
    let mut n = index;
    let mut tail = [b'0'; 5];
    for slot in tail.iter_mut().rev() {
        *slot = CODE_ALPHABET[n % 31];
        n /= 31;
    }
    format!("MA6{}", std::str::from_utf8(&tail).expect("ASCII"))
}

struct Builder<'a> {
    rng: &'a mut Rng,
    today: Date,
    next_record: i64,
    document: usize,
}

impl Builder<'_> {
    fn days_ago(&mut self, min: i32, max: i32) -> Date {
        let span = (max - min).max(1) as usize;
        self.today.add_days(-(min + self.rng.below(span) as i32))
    }

    fn record(&mut self, subject: &Subject, item: &'static CatalogItem) -> Record {
        self.next_record += 1;
        self.document += 1;
        let provider = names::provider_for(item.class, &subject.region);
        let decided = self.days_ago(10, 365 * 6);
        // The dishonest act ended some days before the decision, or goes on — which the
        // provider says explicitly for items counted from the end of the act (Art. 33).
        // Most judgment debtors on the list have not yet performed (SPC rule, Art. 10).
        let unperformed = item.window == catalog::QueryWindowRule::UntilPerformed && self.rng.chance(60);
        let act_end = match item.polarity {
            catalog::Polarity::Dishonesty if !unperformed && !self.rng.chance(15) => {
                Some(decided.add_days(-(self.rng.below(60) as i32)))
            }
            _ => None,
        };
        let act_continuing = act_end.is_none() && query_window::needs_act_status(item);
        let penalty_types = if item.class == Class::AdministrativePenalty {
            let mut types = vec![*self.rng.pick(&[
                PenaltyType::Warning,
                PenaltyType::Fine,
                PenaltyType::Fine,
                PenaltyType::Confiscation,
            ])];
            if self.rng.chance(20) {
                types.push(PenaltyType::LicenceAction);
            }
            types
        } else {
            Vec::new()
        };
        let withdrawal = if item.polarity == catalog::Polarity::Dishonesty && self.rng.chance(8) {
            let ground = if self.rng.chance(70) { Ground::Repair } else { Ground::Revocation };
            let received = decided.add_days(30 + self.rng.below(300) as i32);
            // A repair proof for a penalty is accepted only after its minimum publicity
            // (58号令); one that could not yet be accepted is not generated.
            let facts = PublicityFacts { decision_date: Some(decided), ..PublicityFacts::default() };
            let received = match (ground, query_window::earliest_repair(item, &facts)) {
                (Ground::Repair, Some(earliest)) => received.max(earliest),
                _ => received,
            };
            (received <= self.today).then_some((ground, received))
        } else {
            None
        };
        let (title, content) = names::record_text(self.rng, item, subject.category);
        let persons = if item.class == Class::SeriousDishonestyList
            && subject.category != SubjectCategory::NaturalPerson
        {
            // Art. 26: the persons responsible are recorded with the organisation.
            vec![
                Person {
                    role: PersonRole::LegalRepresentative,
                    name: subject.legal_representative.clone().unwrap_or_else(|| names::person_name(self.rng)),
                    id_number: Some(resident_id(
                        &subject.region,
                        Date::from_ymd(
                            1970 + self.rng.below(30) as i32,
                            1 + self.rng.below(12) as u32,
                            1 + self.rng.below(28) as u32,
                        )
                        .expect("valid"),
                        self.rng.below(999) as u32,
                    )),
                },
                Person { role: PersonRole::DirectlyResponsible, name: names::person_name(self.rng), id_number: None },
            ]
        } else {
            Vec::new()
        };
        Record {
            id: self.next_record,
            subject_code: subject.code.clone(),
            subject_is_natural_person: subject.category == SubjectCategory::NaturalPerson,
            item_code: item.code.into(),
            document_number: format!("{}〔{}〕{}号", provider.1, decided.year(), self.document),
            title,
            content,
            provider_department: provider.0,
            legal_basis: item.legal_basis.into(),
            publicity: PublicityFacts {
                decision_date: Some(decided),
                act_end_date: act_end,
                act_continuing,
                list_removed_on: None,
                valid_until: None,
                penalty_types,
                withdrawal,
            },
            persons,
            under_objection: item.polarity == catalog::Polarity::Dishonesty && self.rng.chance(3),
        }
    }
}

/// The items generated records are drawn from, with weights (common classes first).
fn weighted_items() -> Vec<&'static CatalogItem> {
    let mut bag = Vec::new();
    for item in catalog::ITEMS {
        let weight = match item.class {
            Class::Registration | Class::SeriousDishonestyList | Class::GovernmentIntegrity => 0,
            Class::AdministrativeLicensing => 8,
            Class::AdministrativePenalty => 6,
            Class::AdministrativeInspection | Class::CreditCommitment => 4,
            Class::RedList => 1,
            _ => 2,
        };
        bag.extend(std::iter::repeat_n(item, weight));
    }
    bag
}

/// Generate subject number `index` (0-based; the first few are the fixtures).
fn subject(index: usize, rng: &mut Rng, builder_state: &mut (i64, usize), config: &Config) -> Subject {
    let (category, name, region, parts) = match index {
        0 => (SubjectCategory::Enterprise, fixtures::SHOWCASE.to_string(), "520115".to_string(), None),
        1 => (SubjectCategory::Enterprise, fixtures::SERIOUSLY_DISHONEST.to_string(), "520201".to_string(), None),
        2 => (SubjectCategory::NaturalPerson, fixtures::LISTED_PERSON.to_string(), "520102".to_string(), None),
        3 => (SubjectCategory::NaturalPerson, fixtures::PRIVATE_PERSON.to_string(), "520103".to_string(), None),
        4 => {
            (SubjectCategory::FarmerCooperative, fixtures::RED_LIST_COOPERATIVE.to_string(), "520302".to_string(), None)
        }
        5 => (SubjectCategory::PublicInstitution, fixtures::PUBLIC_INSTITUTION.to_string(), "520000".to_string(), None),
        _ => names::subject(rng),
    };
    let id = index as i64 + 1;
    let legal_representative = (category != SubjectCategory::NaturalPerson).then(|| match index {
        1 => "张三丰".to_string(),
        _ => names::person_name(rng),
    });
    let (code, uscc, id_number, registration_number) = if category == SubjectCategory::NaturalPerson {
        let birth = Date::from_ymd(1960 + rng.below(40) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
            .expect("valid");
        let id_number = resident_id(&region, birth, index as u32);
        let handle = format!("{:016x}", Rng::new(config.seed ^ (index as u64) << 20).next_u64());
        let parsed = gzcredit_shared::identifiers::ResidentId::parse(&id_number).expect("a generated ID is valid");
        (gzcredit_shared::shards::person_code(&parsed, &handle), None, Some(id_number), None)
    } else {
        let (department, kind) = match category {
            SubjectCategory::Enterprise => ('9', '1'),
            SubjectCategory::IndividualBusiness => ('9', '2'),
            SubjectCategory::FarmerCooperative => ('9', '3'),
            SubjectCategory::SocialOrganization => ('5', '1'),
            SubjectCategory::PublicInstitution => ('1', '2'),
            _ => ('Y', '1'),
        };
        let uscc = Uscc::from_parts(department, kind, &region, &organisation_body(index)).expect("valid parts");
        let registration = (department == '9').then(|| {
            let body = format!("{}{:08}", &region, (index * 7919) % 100_000_000);
            RegistrationNumber::from_body(&body).expect("valid body").as_str().to_string()
        });
        (uscc.as_str().to_string(), Some(uscc.as_str().to_string()), None, registration)
    };
    let established = Some(config.today.add_days(-(200 + rng.below(365 * 20) as i32)));
    let mut subject = Subject {
        id,
        code,
        uscc,
        registration_number,
        id_number,
        name,
        category,
        address: (category != SubjectCategory::NaturalPerson).then(|| names::address(rng, &region)),
        registration_authority: (category != SubjectCategory::NaturalPerson)
            .then(|| names::authority(category, &region)),
        region,
        legal_representative,
        established,
        records: Vec::new(),
        parts,
    };
    let mut builder = Builder { rng, today: config.today, next_record: builder_state.0, document: builder_state.1 };
    let records = match index {
        0..=5 => fixtures_records(index, &subject, &mut builder),
        _ => {
            let mut records = Vec::new();
            if subject.category != SubjectCategory::NaturalPerson {
                records.push(builder.record(&subject, catalog::item("REG-BASIC").expect("catalog item")));
            }
            let bag = weighted_items();
            let n = builder.rng.below(config.records_per_subject * 2 + 1);
            for _ in 0..n {
                let item = *builder.rng.pick(&bag);
                records.push(builder.record(&subject, item));
            }
            records
        }
    };
    *builder_state = (builder.next_record, builder.document);
    subject.records = with_red_list_removals(records);
    subject
}

/// Store on each red-list record when the subject's dishonesty removed it, as a write to
/// the subject does at the edge.
fn with_red_list_removals(mut records: Vec<Record>) -> Vec<Record> {
    let removals: Vec<(i64, Option<Date>)> = {
        let refs: Vec<&Record> = records.iter().collect();
        red_list_removals(&refs).into_iter().map(|(r, removed)| (r.id, removed)).collect()
    };
    for (id, removed) in removals {
        if let Some(record) = records.iter_mut().find(|r| r.id == id) {
            record.publicity.list_removed_on = removed;
        }
    }
    records
}

fn fixtures_records(index: usize, subject: &Subject, b: &mut Builder<'_>) -> Vec<Record> {
    let today = b.today;
    let item = |code: &str| catalog::item(code).expect("catalog item");
    let mut out = Vec::new();
    let mut add = |b: &mut Builder<'_>, code: &str, edit: &dyn Fn(&mut Record)| {
        let item = item(code);
        let mut r = b.record(subject, item);
        r.under_objection = false;
        r.publicity.withdrawal = None;
        edit(&mut r);
        // The edits may change the act's end and the title: keep the record consistent
        // with itself — an end date or "continuing", and a content that says what the title says.
        r.publicity.act_continuing = r.publicity.act_end_date.is_none() && query_window::needs_act_status(item);
        r.content = format!("{}：{}。", item.name_zh, r.title);
        out.push(r);
    };
    let ago = |days: i32| today.add_days(-days);
    match index {
        0 => {
            for code in [
                "REG-BASIC",
                "LIC-PERMIT",
                "CFM-QUALIFICATION",
                "INS-RANDOM",
                "RWD-ADMIN",
                "HON-COMMENDATION",
                "CMT-COMMITMENT",
            ] {
                add(b, code, &|r| r.publicity.decision_date = Some(ago(120)));
            }
            // A live penalty under objection. (It also ends the red-list entry below: a
            // subject with dishonesty on file is removed from the red list at once.)
            add(b, "PEN-GENERAL", &|r| {
                r.publicity.decision_date = Some(ago(40));
                r.publicity.act_end_date = Some(ago(50));
                r.publicity.penalty_types = vec![PenaltyType::Fine];
                r.under_objection = true;
                r.title = "未按规定公示年度报告，罚款人民币5000元".into();
            });
            // An expired penalty: the act ended more than three years ago.
            add(b, "COE-MEASURE", &|r| {
                r.publicity.decision_date = Some(ago(365 * 3 + 40));
                r.publicity.act_end_date = Some(ago(365 * 3 + 30));
                r.title = "查封经营场所（已过查询期限）".into();
            });
            // A repaired and a revoked penalty (Art. 35, 36).
            add(b, "PEN-SAFETY", &|r| {
                r.publicity.decision_date = Some(ago(500));
                r.publicity.act_end_date = Some(ago(510));
                r.publicity.penalty_types = vec![PenaltyType::Warning];
                r.publicity.withdrawal = Some((Ground::Repair, ago(20)));
                r.title = "警告（已信用修复）".into();
            });
            add(b, "PEN-GENERAL", &|r| {
                r.publicity.decision_date = Some(ago(90));
                r.publicity.act_end_date = Some(ago(100));
                r.publicity.withdrawal = Some((Ground::Revocation, ago(5)));
                r.title = "罚款（处罚决定已撤销）".into();
            });
            // About to expire: the last day served is in five days.
            add(b, "CMT-BREACH", &|r| {
                r.publicity.decision_date = Some(today.add_years(-3).add_days(30));
                r.publicity.act_end_date = Some(today.add_years(-3).add_days(5));
                r.title = "未履行信用承诺（即将到期）".into();
            });
            add(b, "LEVY-TAX-ARREARS", &|r| r.publicity.act_end_date = Some(ago(200)));
            add(b, "JUD-NONFULFILMENT", &|r| r.publicity.act_end_date = Some(ago(400)));
            // Non-public items: only the subject, its authorised parties, agencies and the provider see them.
            add(b, "LEVY-SOCIAL-INSURANCE-ARREARS", &|r| r.publicity.act_end_date = Some(ago(100)));
            add(b, "BEN-PAYMENT", &|_| {});
            add(b, "HON-VOLUNTEER", &|_| {});
            add(b, "INS-SUPERVISION-GRADE", &|r| r.publicity.decision_date = Some(ago(60)));
            add(b, "LST-RED", &|r| r.publicity.decision_date = Some(ago(100)));
        }
        1 => {
            add(b, "REG-BASIC", &|_| {});
            add(b, "LST-SERIOUS", &|r| {
                r.publicity.decision_date = Some(ago(200));
                // The accident it rests on (Art. 33 counts from there).
                r.publicity.act_end_date = Some(ago(220));
                r.title = "因重大安全生产责任事故列入严重失信主体名单".into();
            });
            add(b, "PEN-SAFETY", &|r| {
                r.publicity.decision_date = Some(ago(210));
                r.publicity.act_end_date = Some(ago(220));
                r.publicity.penalty_types = vec![PenaltyType::BusinessRestriction];
            });
            add(b, "JUD-NONFULFILMENT", &|r| r.publicity.act_end_date = None);
        }
        2 => {
            add(b, "LST-SERIOUS", &|r| {
                r.publicity.decision_date = Some(ago(150));
                r.persons = vec![Person {
                    role: PersonRole::Subject,
                    name: subject.name.clone(),
                    id_number: subject.id_number.clone(),
                }];
            });
            add(b, "JUD-NONFULFILMENT", &|r| r.publicity.act_end_date = None);
            add(b, "PEN-GENERAL", &|r| r.publicity.act_end_date = Some(ago(30)));
        }
        3 => {
            add(b, "PEN-GENERAL", &|r| r.publicity.act_end_date = Some(ago(30)));
            add(b, "HON-VOLUNTEER", &|_| {});
        }
        4 => {
            add(b, "REG-BASIC", &|_| {});
            add(b, "LST-RED", &|r| r.publicity.decision_date = Some(ago(60)));
            add(b, "HON-COMMENDATION", &|_| {});
        }
        _ => {
            add(b, "REG-BASIC", &|_| {});
            add(b, "GOV-INTEGRITY", &|r| r.publicity.act_end_date = Some(ago(300)));
        }
    }
    out
}

/// The data set's subjects with their records, in order.
pub fn subjects(config: &Config) -> impl Iterator<Item = Subject> + '_ {
    let mut rng = Rng::new(config.seed);
    let mut state = (0i64, 0usize);
    (0..config.subjects).map(move |index| subject(index, &mut rng, &mut state, config))
}

/// Write the whole data set as SQL.
pub fn write_sql(config: &Config, out: &mut impl Write, mut progress: impl FnMut(usize)) -> io::Result<()> {
    const CHUNK: usize = 100;
    let mut subjects = Vec::with_capacity(CHUNK);
    for (index, generated) in self::subjects(config).enumerate() {
        subjects.push(generated);
        if subjects.len() == CHUNK || index + 1 == config.subjects {
            write_chunk(&subjects, config.today, out)?;
            subjects.clear();
            progress(index + 1);
        }
    }
    Ok(())
}

/// Write the data set as SQL split over several databases (issue 14): `database_of` names
/// each subject's database, an index into `outs`, and each database numbers its subjects
/// and records from its own id base (`bases`, migration `0010_shard_identity.sql`), so
/// that ids are unique across all of them.
pub fn write_sql_split<W: Write>(
    config: &Config,
    outs: &mut [W],
    bases: &[i64],
    database_of: impl Fn(&Subject) -> usize,
    mut progress: impl FnMut(usize),
) -> io::Result<()> {
    const CHUNK: usize = 100;
    let mut chunks: Vec<Vec<Subject>> = outs.iter().map(|_| Vec::with_capacity(CHUNK)).collect();
    // The last (subject id, record id) given in each database.
    let mut last: Vec<(i64, i64)> = bases.iter().map(|&base| (base, base)).collect();
    for (index, mut generated) in self::subjects(config).enumerate() {
        let k = database_of(&generated);
        last[k].0 += 1;
        generated.id = last[k].0;
        for record in &mut generated.records {
            last[k].1 += 1;
            record.id = last[k].1;
        }
        chunks[k].push(generated);
        if chunks[k].len() == CHUNK {
            write_chunk(&chunks[k], config.today, &mut outs[k])?;
            chunks[k].clear();
        }
        if (index + 1) % CHUNK == 0 || index + 1 == config.subjects {
            progress(index + 1);
        }
    }
    for (chunk, out) in chunks.iter().zip(outs.iter_mut()) {
        if !chunk.is_empty() {
            write_chunk(chunk, config.today, out)?;
        }
    }
    Ok(())
}

/// The rows of one part of the name index (`shared::disclosure::NameIndex`).
#[derive(Default)]
struct IndexRows {
    names: Vec<String>,
    grams: Vec<String>,
    pinyin: Vec<String>,
    counts: std::collections::BTreeMap<String, u32>,
}

impl IndexRows {
    fn add(&mut self, subject_id: i64, terms: &IndexTerms) {
        let rank = terms.name_rank;
        self.names.push(format!("({},{})", fts_rowid(rank, subject_id), sql_text(&terms.name_norm)));
        self.grams.extend(terms.grams.iter().map(|gram| format!("({},{rank},{subject_id})", sql_text(gram))));
        self.pinyin.extend(terms.pinyin.iter().map(|key| format!("({},{subject_id})", sql_text(key))));
        for gram in &terms.grams {
            *self.counts.entry(gram.clone()).or_default() += 1;
        }
    }

    fn write(&self, part: &str, out: &mut impl Write) -> io::Result<()> {
        if !self.names.is_empty() {
            writeln!(out, "INSERT INTO {part}_subject_names (rowid, name_norm) VALUES {};", self.names.join(","))?;
        }
        for chunk in self.grams.chunks(1000) {
            writeln!(out, "INSERT INTO {part}_name_grams (gram, name_rank, subject_id) VALUES {};", chunk.join(","))?;
        }
        for chunk in self.pinyin.chunks(1000) {
            writeln!(out, "INSERT OR IGNORE INTO {part}_name_pinyin (key, subject_id) VALUES {};", chunk.join(","))?;
        }
        let counts: Vec<String> = self.counts.iter().map(|(gram, n)| format!("({},{n})", sql_text(gram))).collect();
        for chunk in counts.chunks(1000) {
            writeln!(
                out,
                "INSERT INTO {part}_gram_counts (gram, n) VALUES {} ON CONFLICT (gram) DO UPDATE SET n = n + excluded.n;",
                chunk.join(",")
            )?;
        }
        Ok(())
    }
}

fn write_chunk(subjects: &[Subject], today: Date, out: &mut impl Write) -> io::Result<()> {
    let mut rows = Vec::new();
    let mut public_index = IndexRows::default();
    let mut private_index = IndexRows::default();
    let mut record_rows = Vec::new();
    for s in subjects {
        let terms = IndexTerms::of(&s.name);
        let (normalized, rank) = (&terms.name_norm, terms.name_rank);
        let natural_person = s.category == SubjectCategory::NaturalPerson;
        let standing = list_standing(&s.records, today);
        let public = in_public_index(natural_person, &standing);
        if public {
            public_index.add(s.id, &terms);
        }
        if natural_person {
            private_index.add(s.id, &terms);
        }
        rows.push(format!(
            "({},{},{},{},{},{},{},{rank},{},{},{},{},{},{},{},{},{},{},{})",
            s.id,
            sql_text(&s.code),
            sql_opt(s.uscc.as_deref()),
            sql_opt(s.registration_number.as_deref()),
            sql_opt(s.id_number.as_deref()),
            sql_text(&s.name),
            sql_text(normalized),
            sql_text(s.category.as_str()),
            i32::from(natural_person),
            sql_text(&s.region),
            sql_opt(s.legal_representative.as_deref()),
            sql_date(s.established),
            sql_opt(s.address.as_deref()),
            sql_opt(s.registration_authority.as_deref()),
            sql_date(standing.red_list_until),
            sql_date(standing.serious_list_until),
            sql_date(standing.public_list_until),
            i32::from(public),
        ));
        for r in &s.records {
            let item = catalog::item(&r.item_code).expect("catalog item");
            let (ground, received) = match r.publicity.withdrawal {
                Some((Ground::Repair, d)) => (Some("repair"), Some(d)),
                Some((Ground::Revocation, d)) => (Some("revocation"), Some(d)),
                None => (None, None),
            };
            let created = r.publicity.decision_date.map(|d| format!("{d}T09:00:00.000Z")).unwrap_or_default();
            record_rows.push(format!(
                "({},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{})",
                r.id,
                s.id,
                sql_text(&r.item_code),
                sql_text(item.class.as_str()),
                sql_text(&r.provider_department),
                sql_text(&r.document_number),
                sql_text(&r.title),
                sql_text(&r.content),
                sql_text(&r.legal_basis),
                sql_date(r.publicity.decision_date),
                sql_date(r.publicity.act_end_date),
                i32::from(r.publicity.act_continuing),
                sql_date(r.publicity.list_removed_on),
                sql_date(r.publicity.valid_until),
                sql_text(&serde_json::to_string(&r.publicity.penalty_types).expect("serialises")),
                sql_opt(ground),
                sql_date(received),
                sql_text(&serde_json::to_string(&r.persons).expect("serialises")),
                i32::from(r.under_objection),
                sql_text(&created),
                sql_text(&created),
            ));
        }
    }
    writeln!(
        out,
        "INSERT INTO subjects (id, code, uscc, registration_number, id_number, name, name_norm, name_rank, subject_type, natural_person, region, legal_representative, established, address, registration_authority, red_list_until, serious_list_until, public_list_until, publicly_indexed) VALUES {};",
        rows.join(",")
    )?;
    public_index.write("public", out)?;
    private_index.write("private", out)?;
    for chunk in record_rows.chunks(200) {
        writeln!(
            out,
            "INSERT INTO records (id, subject_id, item_code, class, provider, document_number, title, content, legal_basis, decision_date, act_end_date, act_continuing, list_removed_on, valid_until, penalty_types, withdrawal_ground, withdrawal_received, persons, under_objection, created_at, updated_at) VALUES {};",
            chunk.join(",")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(subjects: usize) -> Config {
        Config { subjects, records_per_subject: 3, seed: 7, today: Date::parse("2026-11-28").unwrap() }
    }

    #[test]
    fn same_seed_same_bytes() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_sql(&config(300), &mut a, |_| {}).unwrap();
        write_sql(&config(300), &mut b, |_| {}).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn every_code_is_valid_and_unique() {
        let config = config(2000);
        let mut rng = Rng::new(config.seed);
        let mut state = (0, 0);
        let mut codes = std::collections::HashSet::new();
        for i in 0..config.subjects {
            let s = subject(i, &mut rng, &mut state, &config);
            if let Some(uscc) = &s.uscc {
                assert!(Uscc::parse(uscc).is_ok(), "{uscc}");
                assert_eq!(&uscc[2..8], s.region);
            }
            if let Some(id) = &s.id_number {
                assert!(ResidentId::parse(id).is_ok(), "{id}");
            }
            assert!(codes.insert(s.code.clone()), "duplicate {}", s.code);
        }
    }

    #[test]
    fn demo_covers_every_class_and_the_window_edges() {
        let config = config(3000);
        let mut rng = Rng::new(config.seed);
        let mut state = (0, 0);
        let mut classes = std::collections::HashSet::new();
        let (mut live, mut ended) = (0, 0);
        for i in 0..config.subjects {
            for r in subject(i, &mut rng, &mut state, &config).records {
                let item = catalog::item(&r.item_code).unwrap();
                classes.insert(item.class);
                if gzcredit_shared::query_window::publicity(item, &r.publicity, config.today).is_live() {
                    live += 1;
                } else {
                    ended += 1;
                }
            }
        }
        for class in Class::ALL {
            assert!(classes.contains(&class), "no record of {class:?}");
        }
        assert!(live > 1000 && ended > 100, "live {live}, ended {ended}");
    }
    /// The amounts of money a text names (`5000元`, `人民币38000元`), in order.
    fn amounts(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut digits = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                if c == '元' && !digits.is_empty() {
                    found.push(digits.clone());
                }
                digits.clear();
            }
        }
        found
    }

    #[test]
    fn the_demo_data_does_not_contradict_itself() {
        let config = config(3000);
        let today = config.today;
        let mut rng = Rng::new(config.seed);
        let mut state = (0, 0);
        let mut red_listed = 0;
        for i in 0..config.subjects {
            let subject = subject(i, &mut rng, &mut state, &config);
            let standing = list_standing(&subject.records, today);
            let live_dishonesty: Vec<&Record> = subject
                .records
                .iter()
                .filter(|r| {
                    let item = catalog::item(&r.item_code).unwrap();
                    item.polarity == catalog::Polarity::Dishonesty
                        && query_window::publicity(item, &r.publicity, today).is_live()
                })
                .collect();
            // The catalog's red-list removal condition: 发生失信行为……立即移出.
            if standing.red_list_until.is_some_and(|until| until >= today) {
                red_listed += 1;
                assert!(
                    live_dishonesty.is_empty(),
                    "{} is shown on the red list next to live dishonesty {:?}",
                    subject.name,
                    live_dishonesty.iter().map(|r| &r.title).collect::<Vec<_>>()
                );
            }
            for r in &subject.records {
                let item = catalog::item(&r.item_code).unwrap();
                // What the title says, the content says: no 五千 in one and 38000 in the other.
                assert_eq!(amounts(&r.title), amounts(&r.content), "{}: {} / {}", subject.name, r.title, r.content);
                assert!(r.content.contains(&r.title), "{}: {} / {}", subject.name, r.title, r.content);
                // Art. 33: every record counted from the end of the act says how it stands.
                assert!(
                    !query_window::needs_act_status(item)
                        || r.publicity.act_end_date.is_some() != r.publicity.act_continuing,
                    "{}: {} neither ended nor continuing",
                    subject.name,
                    r.item_code
                );
                // 58号令: no repair accepted before the minimum publicity.
                if let (Some((Ground::Repair, received)), Some(earliest)) =
                    (r.publicity.withdrawal, query_window::earliest_repair(item, &r.publicity))
                {
                    assert!(received >= earliest, "{}: repaired on {received}, before {earliest}", r.item_code);
                }
            }
        }
        assert!(red_listed > 0, "some subject is on the red list");
    }

    #[test]
    fn the_showcase_is_off_the_red_list_and_the_cooperative_on_it() {
        let config = config(10);
        let mut rng = Rng::new(config.seed);
        let mut state = (0, 0);
        let subjects: Vec<Subject> = (0..6).map(|i| subject(i, &mut rng, &mut state, &config)).collect();
        let showcase = &subjects[0];
        assert_eq!(showcase.name, fixtures::SHOWCASE);
        // Its red-list entry was made 100 days ago while tax arrears were on file: removed
        // from its first day.
        let red = showcase.records.iter().find(|r| r.item_code == "LST-RED").unwrap();
        assert_eq!(red.publicity.list_removed_on, Some(config.today.add_days(-100)));
        assert_eq!(list_standing(&showcase.records, config.today).red_list_until, None);
        let cooperative = &subjects[4];
        assert_eq!(cooperative.name, fixtures::RED_LIST_COOPERATIVE);
        // Listed 60 days ago for three years: on the list to the same date three years on.
        let until = config.today.add_days(-60).add_years(3);
        assert_eq!(list_standing(&cooperative.records, config.today).red_list_until, Some(until));
    }
}
