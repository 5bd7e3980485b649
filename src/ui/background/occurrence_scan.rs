//! Finding a newly tagged text's other occurrences in a long article on
//! another thread: scanning 10 MB takes about 0.4 ms, more than the rest of
//! the frame that tags the span. The occurrences arrive a few milliseconds
//! later and are offered then, as one undo step of their own, unless the
//! span was removed (undone) or the text replaced in the meantime.

use std::sync::Arc;

use super::worker::{Checked, Job, Worker};

use crate::model::{Document, Span};
use crate::suggest::Suggestion;
use crate::suggest::matcher::TermMatcher;

/// From how many bytes of text the scan runs on another thread; below it,
/// scanning takes under 50 µs and the occurrences are offered in the frame
/// of the tag.
pub const BACKGROUND_SCAN_BYTES: usize = 1 << 20;

/// A scan running on another thread.
pub struct OccurrenceScan {
    /// The span whose text is looked for, as tagged.
    pub span: Span,
    found: Worker<Vec<Suggestion>>,
}

impl OccurrenceScan {
    /// Starts looking for `matcher`'s terms in `doc`.
    pub fn start(span: Span, doc: Arc<Document>, matcher: TermMatcher) -> Self {
        let found = Worker::spawn(Job::OccurrenceScan, None, move |out| {
            out.send(matcher.find(&doc));
        });
        Self { span, found }
    }

    /// The occurrences, once found; `Err(())` if the thread died.
    pub fn poll(&self) -> Option<Result<Vec<Suggestion>, ()>> {
        match self.found.check() {
            Checked::Message(found) => Some(Ok(found)),
            Checked::Nothing => None,
            Checked::Ended => Some(Err(())),
        }
    }
}
