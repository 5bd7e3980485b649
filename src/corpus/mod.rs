//! A folder of articles and their annotation files.
//!
//! - `digest.rs`: the few figures kept of a document not open
//! - `entity_counts.rs`: each entity's mentions across the folder
//! - `import.rs`: merging other tools' documents into a corpus
//! - `in_order.rs`: corpus-wide work on every core, results in order
//! - `index.rs`: the documents of a folder with their review state
//! - `listing.rs`: a folder's files, listed once, held compactly
//! - `pair_check.rs`: checking one article and its annotation file
//! - `validate.rs`: what `newsmark validate` reports

mod digest;
pub mod entity_counts;
pub mod import;
mod in_order;
mod index;
pub(crate) mod listing;
mod pair_check;
pub mod validate;

pub use digest::{DocDigest, LabelTally, PendingGroup, StringPool, Terms};
pub use in_order::map_in_order;
pub use index::{CorpusIndex, DocEntry, DocStatus, DocSummary, OthersFigures};
pub use listing::{ArticleList, article_to_open, articles_in};
