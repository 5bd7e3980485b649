//! What a folder-wide review changed, kept on disk so that it can be taken
//! back: for each article, the ids of the spans, relations and entity
//! links (by their span's id) whose status it set.
//!
//! A review of 100,000 articles changes about 35 spans in each; held in
//! memory that is tens of megabytes, growing with the folder. The log is an
//! anonymous temporary file instead (removed by the system when dropped),
//! written one article at a time as the review goes and read back one
//! article at a time when it is taken back.
//!
//! A record is the article's path (its length as a little-endian `u32`,
//! then its bytes), then the number of span ids (`u32`) and the ids (`u64`
//! each), then the same for relation ids, then for the ids of the spans
//! whose entity link it reviewed. Only this program reads it, in
//! the same run.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::ChangedIds;
use crate::corpus::listing::{from_bytes, to_bytes};

/// The spans and relations a folder-wide review changed, per article, being
/// written.
pub struct TakeBackLog {
    out: BufWriter<File>,
    documents: usize,
    changes: usize,
}

impl TakeBackLog {
    /// An empty log in a new anonymous temporary file.
    pub fn new() -> io::Result<Self> {
        Ok(Self {
            out: BufWriter::new(tempfile::tempfile()?),
            documents: 0,
            changes: 0,
        })
    }

    /// Notes that the review set the status of the spans and relations
    /// `ids` of `article`.
    pub fn append(&mut self, article: &Path, ids: &ChangedIds) -> io::Result<()> {
        let path = to_bytes(article.as_os_str());
        write_len(&mut self.out, path.len())?;
        self.out.write_all(&path)?;
        for list in [&ids.spans, &ids.relations, &ids.links] {
            write_len(&mut self.out, list.len())?;
            for id in list {
                self.out.write_all(&id.to_le_bytes())?;
            }
        }
        self.documents += 1;
        self.changes += ids.len();
        Ok(())
    }

    /// How many articles were noted.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// How many spans and relations were noted, over all articles.
    pub fn changes(&self) -> usize {
        self.changes
    }

    /// The records written, to read back from the first.
    pub fn into_records(self) -> io::Result<TakeBackRecords> {
        let mut file = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(TakeBackRecords {
            input: BufReader::new(file),
            left: self.documents,
        })
    }
}

impl std::fmt::Debug for TakeBackLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TakeBackLog")
            .field("documents", &self.documents)
            .field("changes", &self.changes)
            .finish_non_exhaustive()
    }
}

/// A [`TakeBackLog`] read back: each article with the ids noted for it, in
/// the order written.
pub struct TakeBackRecords {
    input: BufReader<File>,
    left: usize,
}

impl Iterator for TakeBackRecords {
    type Item = io::Result<(PathBuf, ChangedIds)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let record = read_record(&mut self.input);
        if record.is_err() {
            self.left = 0;
        }
        Some(record)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for TakeBackRecords {}

fn write_len(out: &mut impl Write, len: usize) -> io::Result<()> {
    let len = u32::try_from(len).map_err(|_| io::Error::other("record too long"))?;
    out.write_all(&len.to_le_bytes())
}

fn read_len(input: &mut impl Read) -> io::Result<usize> {
    let mut bytes = [0; 4];
    input.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes) as usize)
}

fn read_record(input: &mut impl Read) -> io::Result<(PathBuf, ChangedIds)> {
    let mut path = vec![0; read_len(input)?];
    input.read_exact(&mut path)?;
    let spans = read_ids(input)?;
    let relations = read_ids(input)?;
    let links = read_ids(input)?;
    let ids = ChangedIds {
        spans,
        relations,
        links,
    };
    Ok((PathBuf::from(from_bytes(&path)), ids))
}

/// A count (`u32`) and that many ids (`u64` each).
fn read_ids(input: &mut impl Read) -> io::Result<Vec<u64>> {
    let count = read_len(input)?;
    let mut ids = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let mut bytes = [0; 8];
        input.read_exact(&mut bytes)?;
        ids.push(u64::from_le_bytes(bytes));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_as_written_in_order_with_their_counts() {
        let mut log = TakeBackLog::new().expect("temp file");
        let ids = |spans: Vec<u64>, relations: Vec<u64>, links: Vec<u64>| ChangedIds {
            spans,
            relations,
            links,
        };
        let written = [
            (
                PathBuf::from("/corpus/a b.txt"),
                ids(vec![1, 7, u64::MAX], vec![], vec![7, 8]),
            ),
            (
                PathBuf::from("/corpus/Díaz 😀.txt"),
                ids(vec![], vec![], vec![]),
            ),
            (PathBuf::from("c.txt"), ids(vec![42], vec![3, 9], vec![5])),
        ];
        for (path, ids) in &written {
            log.append(path, ids).expect("append");
        }
        // Span 7's link goes with span 7: one suggestion.
        assert_eq!((log.documents(), log.changes()), (3, 8));
        let records = log.into_records().expect("read back");
        assert_eq!(records.len(), 3);
        let read: Vec<(PathBuf, ChangedIds)> = records.collect::<io::Result<_>>().expect("records");
        assert_eq!(read, written);
    }

    #[test]
    fn an_empty_log_reads_back_as_nothing() {
        let log = TakeBackLog::new().expect("temp file");
        assert_eq!(log.into_records().expect("read back").count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_unicode_comes_back_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt as _;
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"/corpus/caf\xe9.txt"));
        let mut log = TakeBackLog::new().expect("temp file");
        let ids = ChangedIds {
            spans: vec![3],
            relations: vec![],
            links: vec![3],
        };
        log.append(&odd, &ids).expect("append");
        let mut records = log.into_records().expect("read back");
        let (path, read) = records.next().expect("one").expect("read");
        assert_eq!((path, read), (odd, ids));
        assert!(records.next().is_none());
    }
}
