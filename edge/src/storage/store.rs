//! The databases of a deployment (issue 14): the directory and the shards.
//!
//! One D1 database cannot hold the province, so subjects and everything that hangs on
//! them (records, their history, digests, objections, withdrawals, the name index) live in
//! the database of the subject's region (`shared::shards::ShardMap`, configured by the
//! `SHARDS` variable). The directory, binding `DB`, holds what belongs to no subject's
//! region: the query log of the audit chain, written authorizations, reports, error reports
//! and the revocation list. Unsharded (the default), `DB` is both, and every method here is
//! a plain call to it.
//!
//! A read of one subject goes to one database; a search without a region asks every
//! database at once (one `join`, not a loop) and merges the answers in the index's order;
//! a lookup by record, objection or withdrawal id asks every shard for its one row (ids
//! are unique across databases, migration `0010_shard_identity.sql`). A write applies to one
//! database, atomically; a batch that spans shards is written one shard at a time
//! (`crate::ingest`).

use super::name_index::RankKey;
use super::{Db, Identifier, ObjectionRow, SubjectRow, Usage, WithdrawalRow};
use crate::http::internal;
use core::future::Future;
use futures_util::future::{join, join_all};
use gzcredit_shared::audit::AuditEntry;
use gzcredit_shared::disclosure::NameIndex;
use gzcredit_shared::error::ApiError;
use gzcredit_shared::record::Record;
use gzcredit_shared::search_terms::PinyinPlan;
use gzcredit_shared::shards::{merge_ranked, province_order, share_of, shares_by_bounds, ShardMap, SINGLE};
use gzcredit_shared::submission::{DocumentHolder, SubjectKey};
use gzcredit_shared::Date;
use std::collections::{BTreeMap, BTreeSet};
use worker::Env;

/// The directory and the shards of one request.
pub struct Store {
    map: ShardMap,
    /// Each binding once, the directory first.
    dbs: Vec<(String, Db)>,
}

impl Store {
    /// Open the bindings that `shards` (the `SHARDS` variable) names, and the directory.
    pub fn open(env: &Env, shards: &str) -> Result<Store, ApiError> {
        let map = ShardMap::parse(shards).map_err(|e| internal(e.to_string()))?;
        let mut names = vec![SINGLE.to_string()];
        for binding in map.all() {
            if !names.iter().any(|n| n == binding) {
                names.push(binding.to_string());
            }
        }
        let dbs = names
            .into_iter()
            .map(|name| {
                let db = env.d1(&name).map_err(|e| internal(format!("D1 binding {name}: {e}")))?;
                Ok((name, Db::new(db)))
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(Store { map, dbs })
    }

    /// The directory: the query log, grants, reports, error reports, revoked tokens.
    pub fn directory(&self) -> &Db {
        &self.dbs[0].1
    }

    fn named(&self, binding: &str) -> &Db {
        self.dbs.iter().find(|(name, _)| name == binding).map_or(self.directory(), |(_, db)| db)
    }

    /// The database of the subject with this public code. A code that names no region (a
    /// natural person's code from before sharding) is in the default database.
    pub fn of_code(&self, code: &str) -> &Db {
        self.named(self.map.shard_of_code(code).unwrap_or_else(|| self.map.shard_of_region("")))
    }

    /// The database of subjects registered in `region`.
    pub fn of_region(&self, region: &str) -> &Db {
        self.named(self.map.shard_of_region(region))
    }

    /// The database of the subject a submission names.
    pub fn of_key(&self, key: &SubjectKey) -> &Db {
        self.of_region(key.region())
    }

    /// The records of a checked batch (`keys`, one per record) grouped by the database of
    /// their subject, each group in the batch's order, the groups in the order of their
    /// first record. Unsharded, one group of all.
    pub fn split(&self, keys: &[SubjectKey]) -> Vec<(&Db, Vec<usize>)> {
        let mut parts: Vec<(&Db, Vec<usize>)> = Vec::new();
        for (index, key) in keys.iter().enumerate() {
            let db = self.of_key(key);
            match parts.iter_mut().find(|(part, _)| std::ptr::eq(*part, db)) {
                Some((_, indexes)) => indexes.push(index),
                None => parts.push((db, vec![index])),
            }
        }
        parts
    }

    /// Every shard, once each.
    pub fn shards(&self) -> Vec<&Db> {
        self.map.all().into_iter().map(|binding| self.named(binding)).collect()
    }

    /// Every database, the directory first: what a token revocation is written to.
    pub fn every_database(&self) -> Vec<&Db> {
        self.dbs.iter().map(|(_, db)| db).collect()
    }

    /// The name index a search with the `region` filter reads: that region's databases,
    /// or every shard.
    pub fn searched(&self, region: Option<&str>) -> Scope<'_> {
        let dbs = match region {
            Some(prefix) => self.map.shards_of_prefix(prefix).into_iter().map(|b| self.named(b)).collect(),
            None => self.shards(),
        };
        Scope { dbs }
    }

    /// What this request has cost D1 so far, over every database.
    pub fn usage(&self) -> Usage {
        self.dbs.iter().map(|(_, db)| db.usage()).fold(Usage::default(), |a, b| Usage {
            rows_read: a.rows_read + b.rows_read,
            round_trips: a.round_trips + b.round_trips,
        })
    }

    /// Whether there is more than one database.
    fn sharded(&self) -> bool {
        self.dbs.len() > 1
    }

    /// The database that holds the record `id`, to plan and write a change of it in.
    /// Unsharded, the one database, with no read; sharded, the shard that answers for it
    /// (`None`: no shard holds it).
    pub async fn holder_of_record(&self, id: i64) -> Result<Option<&Db>, ApiError> {
        if !self.sharded() {
            return Ok(Some(self.directory()));
        }
        Ok(self.record(id).await?.map(|(db, _)| db))
    }

    /// The database that holds the objection `id` (the database of its record).
    pub async fn holder_of_objection(&self, id: &str) -> Result<Option<&Db>, ApiError> {
        if !self.sharded() {
            return Ok(Some(self.directory()));
        }
        Ok(self.objection_row(id).await?.map(|(db, _)| db))
    }

    /// The database that holds the withdrawal `id` (the database of its record).
    pub async fn holder_of_withdrawal(&self, id: &str) -> Result<Option<&Db>, ApiError> {
        if !self.sharded() {
            return Ok(Some(self.directory()));
        }
        Ok(self.withdrawal(id).await?.map(|(db, _)| db))
    }

    /// Who queried or acted on the subject `code` (Art. 31 ¶3), newest first, one page of
    /// it and the total: the queries are the directory's, the acts on its records (an
    /// objection routed, a withdrawal completed) its shard's, so both are read and merged.
    pub async fn queries_of(&self, code: &str, offset: u32, limit: u32) -> Result<(Vec<AuditEntry>, u32), ApiError> {
        let shard = self.of_code(code);
        if std::ptr::eq(shard, self.directory()) {
            return self.directory().queries_of(code, offset, limit).await;
        }
        let first = offset.saturating_add(limit);
        let (queries, acts) = join(self.directory().queries_of(code, 0, first), shard.queries_of(code, 0, first)).await;
        let ((mut entries, queried), (acted, acts_total)) = (queries?, acts?);
        entries.extend(acted);
        entries.sort_by(|a, b| b.at.cmp(&a.at));
        Ok((entries.into_iter().skip(offset as usize).take(limit as usize).collect(), queried + acts_total))
    }

    /// One record by id, and the database that holds it.
    pub async fn record(&self, id: i64) -> Result<Option<(&Db, Record)>, ApiError> {
        first(self.shards(), |db| db.record(id)).await
    }

    /// One objection by receipt number, and the database of its record.
    pub async fn objection_row(&self, id: &str) -> Result<Option<(&Db, ObjectionRow)>, ApiError> {
        first(self.shards(), |db| db.objection_row(id)).await
    }

    /// One withdrawal by id, and the database of its record.
    pub async fn withdrawal(&self, id: &str) -> Result<Option<(&Db, WithdrawalRow)>, ApiError> {
        first(self.shards(), |db| db.withdrawal(id)).await
    }

    /// Who holds each of a provider's document numbers, in every shard: a number is the
    /// provider's once in the whole province (`shared::submission`'s rule).
    pub async fn document_holders(&self, provider: &str, documents: &[&str]) -> Result<Vec<DocumentHolder>, ApiError> {
        gather(self.shards(), |db| db.document_holders(provider, documents)).await
    }

    /// The subjects with a legacy registration number, from every shard: a subject is
    /// placed by its public code, whose region a registration number need not share.
    pub async fn subjects_by_registration_number(&self, number: &str) -> Result<Vec<SubjectRow>, ApiError> {
        gather(self.shards(), |db| db.subjects_by_identifier(Identifier::RegistrationNumber, number)).await
    }

    /// The open objections of every shard.
    pub async fn open_objections(&self, limit: u32) -> Result<Vec<ObjectionRow>, ApiError> {
        gather(self.shards(), |db| db.open_objections(limit)).await
    }

    /// The open withdrawals of every shard.
    pub async fn open_withdrawals(&self, limit: u32) -> Result<Vec<WithdrawalRow>, ApiError> {
        gather(self.shards(), |db| db.open_withdrawals(limit)).await
    }

    /// Continuing acts decided before a day, of every shard, oldest first.
    pub async fn continuing_acts(&self, decided_before: Date, limit: u32) -> Result<Vec<Record>, ApiError> {
        let mut acts = gather(self.shards(), |db| db.continuing_acts(decided_before, limit)).await?;
        acts.sort_by_key(|r| r.publicity.decision_date);
        acts.truncate(limit as usize);
        Ok(acts)
    }
}

/// The first answer of `dbs` that holds a row (ids are unique across databases, so at most
/// one does), asked of all at once.
async fn first<'a, T, F, Fut>(dbs: Vec<&'a Db>, ask: F) -> Result<Option<(&'a Db, T)>, ApiError>
where
    F: Fn(&'a Db) -> Fut,
    Fut: Future<Output = Result<Option<T>, ApiError>>,
{
    let answers = join_all(dbs.iter().map(|db| ask(db))).await;
    for (db, answer) in dbs.into_iter().zip(answers) {
        if let Some(found) = answer? {
            return Ok(Some((db, found)));
        }
    }
    Ok(None)
}

/// Every answer of `dbs`, asked of all at once, in the order of `dbs`.
async fn gather<'a, T, F, Fut>(dbs: Vec<&'a Db>, ask: F) -> Result<Vec<T>, ApiError>
where
    F: Fn(&'a Db) -> Fut,
    Fut: Future<Output = Result<Vec<T>, ApiError>>,
{
    let mut all = Vec::new();
    for answer in join_all(dbs.into_iter().map(ask)).await {
        all.extend(answer?);
    }
    Ok(all)
}

/// The part of the name index one search reads: one database, or several asked at once
/// and merged in the index's relevance order.
pub struct Scope<'a> {
    dbs: Vec<&'a Db>,
}

impl Scope<'_> {
    /// How many rows each database of the scope reads for a window of `window`
    /// (`shared::shards::share_of`).
    fn share(&self, window: u32) -> u32 {
        share_of(window as usize, self.dbs.len()) as u32
    }

    /// The first subjects whose name holds a 1–2 character gram ([`Db::gram_subjects`]),
    /// over the scope, and whether there may be more than `window`.
    pub async fn gram_subjects(
        &self,
        index: NameIndex,
        gram: &str,
        window: u32,
    ) -> Result<(Vec<SubjectRow>, bool), ApiError> {
        if let [db] = self.dbs[..] {
            let rows = db.gram_subjects(index, gram, window).await?;
            let full = rows.len() >= window as usize;
            return Ok((rows, full));
        }
        let grams = [gram.to_string()];
        let bounds = join_all(self.dbs.iter().map(|db| db.gram_counts(index, &grams))).await;
        let bounds = bounds
            .into_iter()
            .map(|counts| Ok(counts?.get(gram).copied().unwrap_or(0)))
            .collect::<Result<_, ApiError>>()?;
        self.ranked_window(bounds, window, |db, limit| db.gram_keys(index, gram, limit)).await
    }

    /// Every subject whose name holds a gram that at most `window` names hold (the counts
    /// say so): each database gives all it holds, never only its share.
    pub async fn rare_gram_subjects(
        &self,
        index: NameIndex,
        gram: &str,
        window: u32,
    ) -> Result<(Vec<SubjectRow>, bool), ApiError> {
        let lists = join_all(self.dbs.iter().map(|db| db.gram_subjects(index, gram, window))).await;
        let lists = lists.into_iter().map(|list| list.map(|rows| (rows, false))).collect::<Result<_, ApiError>>()?;
        Ok(merge_ranked(lists, window as usize, |row: &SubjectRow| province_order(row.name_rank, row.id)))
    }

    /// The first subjects whose name holds a phrase of 3+ characters
    /// ([`Db::phrase_subjects`]), over the scope, and whether there may be more than
    /// `window`. `pairs` are the phrase's pairs of characters: the rarest one's count in a
    /// database bounds the phrase's matches there.
    pub async fn phrase_subjects(
        &self,
        index: NameIndex,
        phrase: &str,
        pairs: &[String],
        window: u32,
    ) -> Result<(Vec<SubjectRow>, bool), ApiError> {
        if let [db] = self.dbs[..] {
            let rows = db.phrase_subjects(index, phrase, window).await?;
            let full = rows.len() >= window as usize;
            return Ok((rows, full));
        }
        let bounds = join_all(self.dbs.iter().map(|db| db.gram_counts(index, pairs))).await;
        let bounds = bounds
            .into_iter()
            .map(|counts| {
                let counts = counts?;
                // A pair no name of the database holds: the phrase is in none of them.
                Ok(pairs.iter().map(|pair| counts.get(pair).copied().unwrap_or(0)).min().unwrap_or(i64::MAX))
            })
            .collect::<Result<_, ApiError>>()?;
        self.ranked_window(bounds, window, |db, limit| db.phrase_keys(index, phrase, limit)).await
    }

    /// The first `window` subjects over several databases, in the province-wide relevance
    /// order (`shared::shards::province_order`),
    /// reading the fewest rows: each database gives the keys of its share of the window
    /// (`shared::shards::shares_by_bounds`, from `bounds`, what each database holds at
    /// most), the keys are merged (`shared::shards::merge_ranked`, which keeps only what is
    /// surely first), and only the merged window's subjects are read, each from its
    /// database. Also whether there may be more.
    async fn ranked_window<'s, F, Fut>(
        &'s self,
        bounds: Vec<i64>,
        window: u32,
        keys: F,
    ) -> Result<(Vec<SubjectRow>, bool), ApiError>
    where
        F: Fn(&'s Db, u32) -> Fut,
        Fut: Future<Output = Result<Vec<RankKey>, ApiError>>,
    {
        let bounds: Vec<u64> = bounds.into_iter().map(|n| n.max(0) as u64).collect();
        let shares = shares_by_bounds(window as usize, &bounds);
        let keys = &keys;
        let asked = self.dbs.iter().zip(&shares).map(|(db, &share)| async move {
            if share == 0 {
                return Ok(Vec::new());
            }
            keys(db, share as u32).await
        });
        let mut lists = Vec::with_capacity(self.dbs.len());
        for (shard, (answer, (&share, &bound))) in
            join_all(asked).await.into_iter().zip(shares.iter().zip(&bounds)).enumerate()
        {
            let list: Vec<(RankKey, usize)> = answer?.into_iter().map(|key| (key, shard)).collect();
            // Cut: the database gave its whole share, and may hold more.
            let cut = list.len() >= share && (share as u64) < bound;
            lists.push((list, cut));
        }
        let (window_keys, more) =
            merge_ranked(lists, window as usize, |(key, _)| province_order(key.name_rank, key.subject_id));
        let mut ids_of: Vec<Vec<i64>> = vec![Vec::new(); self.dbs.len()];
        for (key, shard) in &window_keys {
            ids_of[*shard].push(key.subject_id);
        }
        let fetched = join_all(self.dbs.iter().zip(&ids_of).map(|(db, ids)| db.subjects_by_ids(ids))).await;
        let mut by_id = BTreeMap::new();
        for rows in fetched {
            by_id.extend(rows?.into_iter().map(|row| (row.id, row)));
        }
        // A subject deleted between the two reads is left out.
        let rows = window_keys.iter().filter_map(|(key, _)| by_id.remove(&key.subject_id)).collect();
        Ok((rows, more))
    }

    /// How many names hold each gram ([`Db::gram_counts`]), summed over the scope.
    pub async fn gram_counts(&self, index: NameIndex, grams: &[String]) -> Result<BTreeMap<String, i64>, ApiError> {
        let mut sum = BTreeMap::new();
        for counts in join_all(self.dbs.iter().map(|db| db.gram_counts(index, grams))).await {
            for (gram, n) in counts? {
                *sum.entry(gram).or_insert(0) += n;
            }
        }
        Ok(sum)
    }

    /// The subjects of the first pinyin keys of each database ([`Db::pinyin_subjects`],
    /// each its share of `window`), and whether any was full. The caller ranks them
    /// (`pinyin_match`) and keeps the first.
    pub async fn pinyin_subjects(
        &self,
        index: NameIndex,
        plan: &PinyinPlan,
        window: u32,
    ) -> Result<(Vec<SubjectRow>, bool), ApiError> {
        let mut rows = Vec::new();
        let mut full = false;
        let mut seen = BTreeSet::new();
        let share = self.share(window);
        for answer in join_all(self.dbs.iter().map(|db| db.pinyin_subjects(index, plan, share))).await {
            let (part, part_full) = answer?;
            full |= part_full;
            rows.extend(part.into_iter().filter(|row| seen.insert(row.id)));
        }
        Ok((rows, full))
    }
}
