//! # gzcredit-shared: the rules of the Guizhou Social Credit Regulation
//!
//! One crate holds every rule the portal enforces, written once and compiled natively
//! (tests), into the edge Worker (enforcement) and into the front end (instant feedback).
//! Article numbers refer to 贵州省社会信用条例（征求意见稿，2018）.
//!
//! The crate does no I/O and never reads a clock: "today" is always a [`date::Date`]
//! parameter, the Asia/Shanghai calendar date the adapter computed.
//!
//! Modules are named after the regulation's concepts:
//!
//! | module | articles | what it decides |
//! |---|---|---|
//! | [`identifiers`] | 30 | unified social credit code, resident ID, legacy registration number |
//! | [`regions`] | — | the prefectures of Guizhou: region codes (GB/T 2260) and names |
//! | [`catalog`] | 10, 12 | the public credit information catalog |
//! | [`disclosure`] | 4, 14, 16, 17, 19, 20 | who may see which record, and masked how |
//! | [`masking`] | 4, 32 | how personal identifiers are masked |
//! | [`query_window`] | 33 | until when dishonesty information may be provided |
//! | [`calendar`] | 34–36 | Chinese working days with 调休 |
//! | [`objection`] | 34 | the objection procedure and its deadlines |
//! | [`repair`] | 35, 36 | credit repair and revocation of publicity |
//! | [`measures`] | 21–29 | serious-dishonesty lists, reward and punishment measures |
//! | [`personal_data`] | 32 | forbidden and restricted personal data |
//! | [`search_terms`] | 18 | how names are indexed for the public search |
//! | [`identity`] | 16, 19 | who a bearer token says the viewer is |
//! | [`permissions`] | 19, 20 | per-staff query permissions |
//! | [`audit`] | 19, 20, 31 | the hash-chained audit log and its verification |
//! | [`authorization`] | 16 | written authorizations a subject issues |
//! | [`report`] | 31, 40 | credit reports: free quota, contents, canonical form for signing |
//! | [`supervision`] | 34–36 | the overdue list across objections, repairs and revocations |
//! | [`api`] | — | the `/api/v1` types shared by edge and front end |
//! | [`error`] | — | stable error codes with zh/en messages |

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod audit;
pub mod authorization;
pub mod calendar;
pub mod catalog;
pub mod change;
pub mod date;
pub mod disclosure;
pub mod error;
pub mod exchange;
pub mod forms;
pub mod identifiers;
pub mod identity;
pub mod masking;
pub mod matter;
pub mod measures;
pub mod objection;
pub mod permissions;
pub mod personal_data;
pub mod query_window;
pub mod record;
pub mod regions;
pub mod repair;
pub mod report;
pub mod search_terms;
pub mod shards;
pub mod submission;
pub mod supervision;
mod text_fold;
pub mod views;

pub use date::Date;
pub use error::{ApiError, ErrorCode};
