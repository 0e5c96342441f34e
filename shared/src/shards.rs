//! Which database holds a subject: the shard map of a province-scale deployment (issue 14).
//!
//! One D1 database holds 10 GB, and Guizhou has over 4 million market entities with tens
//! of millions of records, so the subjects are split by the region their identifier names:
//! characters 3–6 of a USCC (GB 32100) are the prefecture, characters 3–8 the county, and a
//! legacy registration number's or a resident ID's first six digits are the same GB/T 2260
//! code. Which regions go to which database is configuration (`SHARDS` in `wrangler.toml`),
//! so that one database for everything (the local default), one per prefecture, or a
//! county split of Guiyang or Zunyi are all the same code:
//!
//! ```text
//! SHARDS = "5201=DB_GUIYANG,520102=DB_NANMING,5203=DB_ZUNYI,*=DB_REST"
//! ```
//!
//! The longest matching prefix wins; `*` is the database of every other region (and of
//! subjects whose code names none). An empty map is one database, `DB`.

use crate::identifiers::{RegistrationNumber, ResidentId, Uscc};
use std::fmt;

/// The binding of the single database of an unsharded deployment.
pub const SINGLE: &str = "DB";

/// A parsed `SHARDS` configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardMap {
    /// (region prefix, binding), longest prefix first.
    rules: Vec<(String, String)>,
    /// The binding of every region no rule names.
    default: String,
}

/// A `SHARDS` configuration that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardConfigError(String);

impl fmt::Display for ShardConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SHARDS: {}", self.0)
    }
}

impl Default for ShardMap {
    fn default() -> ShardMap {
        ShardMap { rules: Vec::new(), default: SINGLE.into() }
    }
}

impl ShardMap {
    /// Parse `prefix=BINDING` pairs separated by commas. A prefix is 2 to 6 digits of a
    /// GB/T 2260 region code (a province, prefecture or county); `*` names the default.
    /// The empty text is the single database.
    pub fn parse(config: &str) -> Result<ShardMap, ShardConfigError> {
        let mut map = ShardMap::default();
        let mut default = None;
        for pair in config.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (prefix, binding) = pair
                .split_once('=')
                .map(|(p, b)| (p.trim(), b.trim()))
                .ok_or_else(|| ShardConfigError(format!("`{pair}` is not `region=BINDING`")))?;
            let valid_binding = !binding.is_empty()
                && binding.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            if !valid_binding {
                return Err(ShardConfigError(format!("`{binding}` is not a binding name (A–Z, 0–9, _)")));
            }
            if prefix == "*" {
                if default.replace(binding.to_string()).is_some() {
                    return Err(ShardConfigError("`*` is given twice".into()));
                }
                continue;
            }
            if !(2..=6).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ShardConfigError(format!("`{prefix}` is not 2 to 6 digits of a region code")));
            }
            if map.rules.iter().any(|(p, _)| p == prefix) {
                return Err(ShardConfigError(format!("`{prefix}` is given twice")));
            }
            map.rules.push((prefix.to_string(), binding.to_string()));
        }
        if !map.rules.is_empty() && default.is_none() {
            return Err(ShardConfigError("no `*=BINDING` for the regions no rule names".into()));
        }
        if let Some(default) = default {
            map.default = default;
        }
        map.rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Ok(map)
    }

    /// The database of a subject registered in `region` (a GB/T 2260 code, or its prefix).
    pub fn shard_of_region(&self, region: &str) -> &str {
        self.rules.iter().find(|(prefix, _)| region.starts_with(prefix.as_str())).map_or(&self.default, |(_, b)| b)
    }

    /// The database of the subject with this public code, if the code names its region
    /// (a USCC, a legacy registration number, or a natural person's code `np-<region>-…`);
    /// `None` for a code that names none, which the directory resolves.
    pub fn shard_of_code(&self, code: &str) -> Option<&str> {
        region_of_code(code).map(|region| self.shard_of_region(region))
    }

    /// Every database that may hold a subject of a region starting with `prefix` (the
    /// search's `region=` filter): the one that holds the prefix itself, and those of the
    /// narrower rules under it (a county split of the prefecture). In binding order, once.
    pub fn shards_of_prefix(&self, prefix: &str) -> Vec<&str> {
        let mut shards: Vec<&str> = self
            .rules
            .iter()
            .filter(|(rule, _)| rule.starts_with(prefix) && rule.len() > prefix.len())
            .map(|(_, b)| b.as_str())
            .chain([self.shard_of_region(prefix)])
            .collect();
        shards.sort_unstable();
        shards.dedup();
        shards
    }

    /// Every database, once each, in binding order: what an unfiltered search asks.
    pub fn all(&self) -> Vec<&str> {
        let mut shards: Vec<&str> = self.rules.iter().map(|(_, b)| b.as_str()).chain([self.default.as_str()]).collect();
        shards.sort_unstable();
        shards.dedup();
        shards
    }
}

/// The public code of a natural person new to the platform: `np-`, the region of first
/// registration (characters 1–6 of the resident ID, which its public mask shows too, Art. 4)
/// and a random `handle`, so that the code names its database and nothing more of the ID.
pub fn person_code(id: &ResidentId, handle: &str) -> String {
    format!("np-{}-{handle}", id.region_code())
}

/// The GB/T 2260 region a public code names: characters 3–8 of a USCC, the first six
/// digits of a legacy registration number, the region a natural person's code carries
/// (`np-520102-…`). A natural person's code from before sharding (`np-…` without a
/// region) names none.
pub fn region_of_code(code: &str) -> Option<&str> {
    if let Some(rest) = code.strip_prefix("np-") {
        let region = rest.get(..6)?;
        return (region.bytes().all(|b| b.is_ascii_digit()) && rest.as_bytes().get(6) == Some(&b'-')).then_some(region);
    }
    if Uscc::parse(code).is_ok() {
        return code.get(2..8);
    }
    if RegistrationNumber::parse(code).is_ok() {
        return code.get(..6);
    }
    None
}

/// Fewest results one database gives to a search asked of several: the first page (20)
/// and one more, so that the first page is never short.
pub const MIN_SHARE: usize = 21;

/// How many results each of `databases` is asked for when a search wants `window`: all
/// of it from one database; from several, an equal share (at least [`MIN_SHARE`], at most
/// the window), so that the rows a search reads stay near its window however many shards
/// it asks.
pub fn share_of(window: usize, databases: usize) -> usize {
    match databases {
        0 | 1 => window,
        n => window.div_ceil(n).max(MIN_SHARE).min(window),
    }
}

/// How many of the first matches of a search each database is asked for, when `bounds[i]`
/// is at most the number of matches database `i` holds (exact for a gram, from its count;
/// an upper bound for a phrase, from its rarest pair of characters).
///
/// The name index's order (shorter names first, then id) has nothing to do with a name's
/// region, so each database's matches are spread evenly through the province-wide order:
/// a database holding a fraction `f` of the matches is asked for `f` of the window, a
/// quarter more and [`SHARE_SLACK`], so that its last answer most likely falls after the
/// window's. A database is never asked for more than it holds, and when all of them hold
/// no more than the window, each gives all it holds. A place name's matches, which are all
/// in one prefecture, are then read from that prefecture's database, not an equal share
/// of every one.
pub fn shares_by_bounds(window: usize, bounds: &[u64]) -> Vec<usize> {
    let total: u64 = bounds.iter().sum();
    bounds
        .iter()
        .map(|&bound| {
            let holds = usize::try_from(bound).unwrap_or(usize::MAX);
            if total <= window as u64 {
                return holds;
            }
            // ceil(window × 5/4 × bound / total), in integers: total > window ≥ 0.
            let scaled = (window as u128 * 5 * u128::from(bound)).div_ceil(4 * u128::from(total));
            let proportional = usize::try_from(scaled).unwrap_or(usize::MAX).saturating_add(SHARE_SLACK);
            proportional.min(holds).min(window)
        })
        .collect()
}

/// Answers asked of each database past its proportional share ([`shares_by_bounds`]): a
/// small database's few answers fall less evenly through the order.
pub const SHARE_SLACK: usize = 2;

/// Bits of a row id below its database's base: the n-th database numbers its rows from
/// `n << ID_BASE_BITS` (migration `0010_shard_identity.sql`).
pub const ID_BASE_BITS: u32 = 28;

/// Where a subject stands in the province-wide relevance order of a search over several
/// databases: its name's rank (`crate::search_terms::name_rank`, shorter names first),
/// then its number within its database, then its id.
///
/// Each database's index is in `(rank, id)` order, which is this order as long as its
/// subjects share its id base. By id alone, names of equal rank would come a database at
/// a time (every Guiyang name of four characters before any of Zunyi's), so the first
/// matches of the province would all come from the database with the lowest base and a
/// proportional share ([`shares_by_bounds`]) could not reach them. By number within the
/// database, older names come first in every database alike. (After a shard split, the
/// subjects copied in keep their old ids: among names of equal rank, the split shard's
/// own new names may then come later than this order puts them, never a name out of the
/// scope or twice.)
pub fn province_order(name_rank: i64, id: i64) -> (i64, i64, i64) {
    (name_rank, id & ((1 << ID_BASE_BITS) - 1), id)
}

/// The answers of several databases merged into the province-wide order, and whether there
/// may be more results than returned.
///
/// Each list is in the order `key` gives (the name index's relevance order) and says
/// whether it was cut (its database may hold more past its last item). Past the last item
/// of a cut list, that database may hold an item that comes first, so the merge keeps only
/// the items up to the earliest such last item: what it returns is exactly the first items
/// of the order over all databases, never one out of turn. It is then cut to `window`.
pub fn merge_ranked<T, K: Ord>(lists: Vec<(Vec<T>, bool)>, window: usize, key: impl Fn(&T) -> K) -> (Vec<T>, bool) {
    let cutoff = lists.iter().filter(|(_, cut)| *cut).filter_map(|(list, _)| list.last().map(&key)).min();
    let mut items: Vec<T> = lists
        .into_iter()
        .flat_map(|(list, _)| list)
        .filter(|item| cutoff.as_ref().is_none_or(|last| key(item) <= *last))
        .collect();
    items.sort_by_key(&key);
    let more = cutoff.is_some() || items.len() >= window;
    items.truncate(window);
    (items, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Worked by hand from GB 32100 (characters 3–8 are the registering authority's region
    // code) and GB/T 2260 (5201 Guiyang, 520102 Nanming district, 5203 Zunyi, 5227 Qiannan).
    const PREFECTURE_SPLIT: &str = "5201=DB_GUIYANG, 520102=DB_NANMING, 5203=DB_ZUNYI, *=DB_REST";

    #[test]
    fn the_empty_map_is_the_single_database() {
        let map = ShardMap::parse("").unwrap();
        assert_eq!(map.shard_of_region("520102"), "DB");
        assert_eq!(map.all(), ["DB"]);
        assert_eq!(map.shards_of_prefix("5201"), ["DB"]);
    }

    #[test]
    fn the_longest_prefix_names_the_database() {
        let map = ShardMap::parse(PREFECTURE_SPLIT).unwrap();
        assert_eq!(map.shard_of_region("520102"), "DB_NANMING", "the county rule beats the prefecture's");
        assert_eq!(map.shard_of_region("520103"), "DB_GUIYANG", "Yunyan district: Guiyang's");
        assert_eq!(map.shard_of_region("520302"), "DB_ZUNYI");
        assert_eq!(map.shard_of_region("522701"), "DB_REST", "Qiannan: no rule");
        assert_eq!(map.all(), ["DB_GUIYANG", "DB_NANMING", "DB_REST", "DB_ZUNYI"]);
    }

    #[test]
    fn a_region_filter_asks_the_prefecture_and_its_county_splits() {
        let map = ShardMap::parse(PREFECTURE_SPLIT).unwrap();
        assert_eq!(map.shards_of_prefix("5201"), ["DB_GUIYANG", "DB_NANMING"]);
        assert_eq!(map.shards_of_prefix("520102"), ["DB_NANMING"]);
        assert_eq!(map.shards_of_prefix("5203"), ["DB_ZUNYI"]);
        assert_eq!(map.shards_of_prefix("5227"), ["DB_REST"]);
        // The whole province: every database.
        assert_eq!(map.shards_of_prefix("52"), map.all());
    }

    #[test]
    fn a_public_code_names_its_region() {
        // Organisation code 21443311 + GB 11714 check 9, region 520102, GB 32100 check T
        // (weights 1,3,9,27,… mod 31), worked outside this crate.
        assert_eq!(region_of_code("91520102214433119T"), Some("520102"));
        assert_eq!(region_of_code("91520102214433119A"), None, "a wrong check character is no code");
        assert_eq!(region_of_code("np-522701-7f3a9c"), Some("522701"));
        // 11010519491231002X: the GB 11643 example number, registered in 110105.
        let person = person_code(&ResidentId::parse("11010519491231002X").unwrap(), "0123abcd");
        assert_eq!(person, "np-110105-0123abcd");
        assert_eq!(region_of_code(&person), Some("110105"));
        assert_eq!(region_of_code("np-7f3a9c0011"), None, "a code from before sharding names no region");
        assert_eq!(region_of_code("np-52270-7f3a9c"), None);
        assert_eq!(region_of_code("贵阳某公司"), None);
        let map = ShardMap::parse(PREFECTURE_SPLIT).unwrap();
        assert_eq!(map.shard_of_code("np-520302-00aa11"), Some("DB_ZUNYI"));
        assert_eq!(map.shard_of_code("np-00aa11"), None);
    }

    #[test]
    fn a_configuration_that_cannot_route_is_refused() {
        for bad in [
            "5201=DB_GUIYANG",
            "5201",
            "52x1=DB_A,*=DB",
            "5201=db,*=DB",
            "5201=A,5201=B,*=DB",
            "*=A,*=B",
            "5201234=A,*=DB",
        ] {
            assert!(ShardMap::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(ShardMap::parse("*=DB_ALL").unwrap().all(), ["DB_ALL"]);
    }

    #[test]
    fn each_database_is_asked_for_its_share_of_the_window() {
        // The search's window is 91 (90 candidates and one more).
        assert_eq!(share_of(91, 1), 91, "one database gives the whole window");
        assert_eq!(share_of(91, 3), 31, "91 / 3 = 30.33, rounded up");
        assert_eq!(share_of(91, 10), 21, "91 / 10 = 9.1, but never fewer than a page and one");
        assert_eq!(share_of(12, 3), 12, "never more than the window");
    }

    #[test]
    fn the_merge_returns_only_what_is_surely_first_in_the_province() {
        // Three shards asked for 3 each, keys in relevance order. Shard A was cut at 3 (its
        // last is 7, so its 4th could be 8: anything past 7 elsewhere is unsure); B holds
        // 2 (not cut); C was cut at 3 with last 9.
        let a = vec![1, 4, 7];
        let b = vec![2, 8];
        let c = vec![3, 5, 9];
        let (items, more) = merge_ranked(vec![(a, true), (b, false), (c, true)], 10, |k| *k);
        // Sure: everything up to 7, the earliest last of a cut list; 8 and 9 may be
        // preceded by A's unread 4th.
        assert_eq!(items, [1, 2, 3, 4, 5, 7]);
        assert!(more);
        // No list cut: everything, in order, and nothing more.
        let (items, more) = merge_ranked(vec![(vec![2, 6], false), (vec![1, 5], false)], 10, |k| *k);
        assert_eq!(items, [1, 2, 5, 6]);
        assert!(!more);
        // More than the window, none cut: the first `window`, and "there are more".
        let (items, more) = merge_ranked(vec![(vec![1, 3], false), (vec![2, 4], false)], 3, |k| *k);
        assert_eq!(items, [1, 2, 3]);
        assert!(more);
        // One database: its list, cut to the window, "more" when it filled it.
        let (items, more) = merge_ranked(vec![(vec![1, 2, 3], true)], 3, |k| *k);
        assert_eq!(items, [1, 2, 3]);
        assert!(more);
    }

    #[test]
    fn each_database_is_asked_in_proportion_to_the_matches_it_holds() {
        // Window 91. A common gram: 600, 300 and 100 names in three databases (1,000 in
        // all). Shares: ceil(91 × 5/4 × 600 / 1000) = ceil(68.25) = 69, + 2 = 71;
        // ceil(34.125) = 35, + 2 = 37; ceil(11.375) = 12, + 2 = 14. 122 keys in all,
        // where equal shares of at least a page and one read 3 × 31 = 93 but could surely
        // page only up to the smallest database's 31st.
        assert_eq!(shares_by_bounds(91, &[600, 300, 100]), [71, 37, 14]);
        // A place name: 5,000 names in its prefecture, 3 and none elsewhere. The
        // prefecture gives the whole window (ceil(113.68) + 2 capped at 91), the other
        // its 3 (ceil(0.07) + 2 = 3, all it holds), the third nothing.
        assert_eq!(shares_by_bounds(91, &[5000, 3, 0]), [91, 3, 0]);
        // No more matches than the window: each gives all it holds.
        assert_eq!(shares_by_bounds(91, &[40, 51, 0]), [40, 51, 0]);
        // One database: the window.
        assert_eq!(shares_by_bounds(91, &[1_000_000]), [91]);
    }

    #[test]
    fn names_of_equal_rank_alternate_between_databases() {
        // Database 0 numbers from 0, database 1 from 1 << 28 = 268,435,456. Four-character
        // names: database 0's 5th and 9th, database 1's 3rd (id 268,435,459); a
        // three-character name of database 1 (id 268,435,500) comes before them all.
        let mut ids = vec![(4, 5), (4, 268_435_459), (4, 9), (3, 268_435_500)];
        ids.sort_by_key(|&(rank, id)| province_order(rank, id));
        assert_eq!(ids, [(3, 268_435_500), (4, 268_435_459), (4, 5), (4, 9)]);
    }
}
