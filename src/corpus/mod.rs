//! A folder of articles and their annotation files.

mod digest;
pub mod import;
mod in_order;
mod index;
pub(crate) mod listing;
mod pair_check;
pub mod validate;

pub use digest::{DocDigest, LabelTally, PendingKey, StringPool};
pub use in_order::map_in_order;
pub use index::{CorpusIndex, DocEntry, DocStatus, DocSummary};
pub use listing::{ArticleList, article_to_open, articles_in};
