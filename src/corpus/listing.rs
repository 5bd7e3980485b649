//! The files of a corpus folder, listed once and held compactly.
//!
//! A corpus of 100,000 articles is listed once per command; the list is the
//! only thing a corpus command keeps that grows with the corpus. Holding each
//! name as a `PathBuf` (the folder repeated, an allocation each) took about
//! 90 bytes an article; here the stems share a few large buffers, about 6
//! bytes more than the stem an article while the folder is read, and once
//! sorted they are front-coded (`front_coded.rs`): `article-012345` takes
//! about 5 bytes.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::store::StoreError;

mod front_coded;

use front_coded::FrontCoded;

/// How many bytes of names a [`NameList`] chunk holds: more than any file
/// name (255 bytes on common filesystems), and small enough that growing
/// the list never copies or frees a large buffer (which an allocator may
/// keep resident for a while, so peak memory would grow with the corpus by
/// more than the names themselves).
const CHUNK: usize = 64 * 1024;

/// How many entries are held as added before they are sorted into a
/// front-coded run: the unsorted entries of a 100,000-file folder took
/// about 2 MiB while it was read, the runs take a fraction of that.
const RUN: usize = 8192;

/// File stems with a one-byte kind each (which extension they had), in
/// chunks of [`CHUNK`] bytes as they are added, sorted into front-coded
/// runs of [`RUN`] entries, then merged into one sorted front-coded list by
/// [`Self::sort`]. Before that, they come in no particular order.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameList {
    /// Each entry's stem, a NUL byte (which no file name holds) and its
    /// kind, in the order they were added; an entry never straddles two
    /// chunks.
    chunks: Vec<Vec<u8>>,
    /// Where each entry starts: its chunk times [`CHUNK`] plus its offset
    /// in the chunk.
    starts: Vec<u32>,
    /// Earlier entries, sorted in runs of [`RUN`].
    runs: Vec<FrontCoded>,
    /// Every entry, sorted, once [`Self::sort`] ran (the chunks and runs
    /// are then empty).
    sorted: Option<FrontCoded>,
}

impl NameList {
    /// Adds a stem of the kind `kind`; fails past 4 GiB of names.
    pub(crate) fn push(&mut self, stem: &OsStr, kind: u8) -> Result<(), std::io::Error> {
        if let Some(sorted) = self.sorted.take() {
            // Added after sorting (no command does): back to unsorted.
            for (stem, kind) in sorted.iter() {
                self.push(&from_bytes(&stem), kind)?;
            }
        }
        let stem = to_bytes(stem);
        let len = stem.len() + 2;
        let fits = self.chunks.last().is_some_and(|c| c.len() + len <= CHUNK);
        if !fits {
            self.chunks.push(Vec::with_capacity(CHUNK.max(len)));
        }
        let too_many =
            || std::io::Error::other("too many files in one folder (their names pass 4 GiB)");
        let k = self.chunks.len() - 1;
        let chunk = &mut self.chunks[k];
        let start = k
            .checked_mul(CHUNK)
            .and_then(|base| base.checked_add(chunk.len()))
            .and_then(|start| u32::try_from(start).ok())
            .ok_or_else(too_many)?;
        chunk.extend_from_slice(&stem);
        chunk.extend_from_slice(&[0, kind]);
        self.starts.push(start);
        if self.starts.len() >= RUN {
            self.sort_run()?;
        }
        Ok(())
    }

    /// Sorts the entries held as added into a front-coded run.
    fn sort_run(&mut self) -> Result<(), std::io::Error> {
        let chunks = &self.chunks;
        self.starts
            .sort_unstable_by(|&a, &b| entry_at(chunks, a).cmp(&entry_at(chunks, b)));
        let mut run = FrontCoded::default();
        for &start in &self.starts {
            let (stem, kind) = entry_at(chunks, start);
            run.push(stem, kind)?;
        }
        self.chunks = Vec::new();
        self.starts.clear();
        self.runs.push(run);
        Ok(())
    }

    /// Sorts the entries by stem, then kind, and front-codes them; fails
    /// only past 4 billion entries.
    pub(crate) fn sort(&mut self) -> Result<(), std::io::Error> {
        if self.sorted.is_some() {
            return Ok(());
        }
        self.sort_run()?;
        self.starts = Vec::new();
        let runs = std::mem::take(&mut self.runs);
        let sorted = if runs.len() == 1 {
            runs.into_iter().next().unwrap_or_default()
        } else {
            merge(&runs)?
        };
        self.sorted = Some(sorted);
        Ok(())
    }

    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        match &self.sorted {
            Some(sorted) => sorted.len(),
            None => self.starts.len() + self.runs.iter().map(FrontCoded::len).sum::<usize>(),
        }
    }

    /// The `k`-th entry: its stem and kind.
    pub(crate) fn get(&self, k: usize) -> Option<(OsString, u8)> {
        if let Some(sorted) = &self.sorted {
            return sorted.get(k).map(|(stem, kind)| (from_bytes(&stem), kind));
        }
        self.iter().nth(k)
    }

    /// The entries, in order once sorted: stem and kind.
    pub(crate) fn iter(&self) -> Box<dyn ExactSizeIterator<Item = (OsString, u8)> + '_> {
        if let Some(sorted) = &self.sorted {
            return Box::new(sorted.iter().map(|(stem, kind)| (from_bytes(&stem), kind)));
        }
        // Not sorted yet (no command reads it then): runs, then the rest.
        let runs = self.runs.iter().flat_map(FrontCoded::iter);
        let rest = self.starts.iter().map(|&start| {
            let (stem, kind) = entry_at(&self.chunks, start);
            (stem.to_vec(), kind)
        });
        let all: Vec<(OsString, u8)> = runs
            .chain(rest)
            .map(|(stem, kind)| (from_bytes(&stem), kind))
            .collect();
        Box::new(all.into_iter())
    }
}

/// The entries of sorted `runs` in one sorted list.
fn merge(runs: &[FrontCoded]) -> Result<FrontCoded, std::io::Error> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut iters: Vec<_> = runs.iter().map(FrontCoded::iter).collect();
    let mut heap = BinaryHeap::new();
    for (k, iter) in iters.iter_mut().enumerate() {
        if let Some(entry) = iter.next() {
            heap.push(Reverse((entry, k)));
        }
    }
    let mut merged = FrontCoded::default();
    while let Some(Reverse(((stem, kind), k))) = heap.pop() {
        merged.push(&stem, kind)?;
        if let Some(entry) = iters[k].next() {
            heap.push(Reverse((entry, k)));
        }
    }
    Ok(merged)
}

/// The entry starting at `start`: its stem (up to the NUL) and kind.
fn entry_at(chunks: &[Vec<u8>], start: u32) -> (&[u8], u8) {
    let (k, offset) = (start as usize / CHUNK, start as usize % CHUNK);
    let rest = chunks
        .get(k)
        .and_then(|c| c.get(offset..))
        .unwrap_or_default();
    let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    (&rest[..end], rest.get(end + 1).copied().unwrap_or(0))
}

/// The folders a walk entered and the files it was given by name, so that
/// each file is handled once however it is reached (`a.txt`, `./a.txt`,
/// through its folder, named twice), without resolving every file's real
/// path: one per folder, and one per file given by name.
#[derive(Debug, Default)]
pub(crate) struct Visited {
    folders: HashSet<PathBuf>,
    files: HashSet<PathBuf>,
}

impl Visited {
    /// Enters the folder `dir`: its real path, or `None` if it was entered
    /// before.
    pub(crate) fn enter(&mut self, dir: &Path) -> Option<PathBuf> {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
        self.folders.insert(real.clone()).then_some(real)
    }

    /// Notes the file `path`, given by name; `false` if it was handled
    /// already (given before, or its folder walked).
    pub(crate) fn given(&mut self, path: &Path) -> bool {
        let folder = crate::store::folder_of(path);
        let real = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
        if self.folders.contains(&real) {
            return false;
        }
        let name = path.file_name().map(PathBuf::from).unwrap_or_default();
        self.files.insert(real.join(name))
    }

    /// Whether the file `name` of the folder whose real path is `real` was
    /// given by name (and handled then).
    pub(crate) fn was_given(&self, real: &Path, name: &OsStr) -> bool {
        !self.files.is_empty() && self.files.contains(&real.join(name))
    }
}

/// The articles (`.txt` files, hidden ones excluded) directly in a folder,
/// sorted by file name.
#[derive(Clone, Debug, Default)]
pub struct ArticleList {
    dir: PathBuf,
    names: NameList,
}

impl ArticleList {
    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.names.len() == 0
    }

    /// The folder listed.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of the `k`-th article by name.
    pub fn get(&self, k: usize) -> Option<PathBuf> {
        self.names.get(k).map(|(stem, _)| self.path(stem))
    }

    /// The articles' paths, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = PathBuf> + '_ {
        self.names.iter().map(|(stem, _)| self.path(stem))
    }

    /// The articles' paths, in order, all at once.
    pub fn to_vec(&self) -> Vec<PathBuf> {
        self.iter().collect()
    }

    fn path(&self, mut stem: OsString) -> PathBuf {
        stem.push(".txt");
        self.dir.join(stem)
    }
}

/// The articles (`.txt` entries that are not folders, hidden ones excluded)
/// directly in `dir`, sorted by file name. A `.txt` that is not a regular
/// file (a FIFO, a link to a device or to nothing) or that leads outside
/// `dir` is listed too, so that every reader reports it by name when it
/// refuses to read it ([`crate::store::check_file_to_read`]).
pub fn articles_in(dir: &Path) -> Result<ArticleList, StoreError> {
    let read_err = |source| StoreError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut list = ArticleList {
        dir: dir.to_owned(),
        names: NameList::default(),
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let entry = entry.map_err(read_err)?;
        let name = entry.file_name();
        let Some(stem) = visible_stem(&name, "txt") else {
            continue;
        };
        // The kind comes with the listing; only a link needs a look at what
        // it points to. What is not a folder is listed, so that a reader
        // names what it refuses to read (a FIFO, a link to a device, to
        // nothing or outside the corpus: [`crate::store::check_file_to_read`]).
        let listed = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => !entry.path().is_dir(),
            Ok(kind) => !kind.is_dir(),
            Err(_) => false,
        };
        if listed {
            list.names.push(stem, 0).map_err(read_err)?;
        }
    }
    list.names.sort().map_err(read_err)?;
    Ok(list)
}

/// The stem of `name` if it ends with `.EXTENSION` and is not hidden (does
/// not start with a dot).
pub(crate) fn visible_stem<'a>(name: &'a OsStr, extension: &str) -> Option<&'a OsStr> {
    let path = Path::new(name);
    let stem = path.file_stem()?;
    let hidden = to_bytes(name).starts_with(b".");
    (!hidden && path.extension().is_some_and(|e| e == extension)).then_some(stem)
}

/// The article to open for a path given by the user: the file itself, or a
/// folder's first article.
pub fn article_to_open(path: &Path) -> Result<PathBuf, StoreError> {
    if !path.is_dir() {
        return Ok(path.to_owned());
    }
    articles_in(path)?.get(0).ok_or_else(|| StoreError::Read {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no .txt article in this folder",
        ),
    })
}

#[cfg(unix)]
pub(crate) fn to_bytes(name: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt as _;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(unix)]
pub(crate) fn from_bytes(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt as _;
    OsStr::from_bytes(bytes).to_owned()
}

// Elsewhere, names are kept as UTF-8 (a name that is not valid Unicode
// loses its unpaired surrogates).
#[cfg(not(unix))]
pub(crate) fn to_bytes(name: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    match name.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
        std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
    }
}

#[cfg(not(unix))]
pub(crate) fn from_bytes(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_stem_then_kind_and_come_back_whole() {
        let mut names = NameList::default();
        for (stem, kind) in [("b", 2), ("a-long name é", 1), ("b", 1), ("", 3), ("a", 9)] {
            names.push(OsStr::new(stem), kind).expect("small");
        }
        names.sort().expect("small");
        let all: Vec<(OsString, u8)> = names.iter().collect();
        let expected = [("", 3), ("a", 9), ("a-long name é", 1), ("b", 1), ("b", 2)]
            .map(|(s, k)| (OsString::from(s), k));
        assert_eq!(all, expected);
        assert_eq!(names.get(2), Some((OsString::from("a-long name é"), 1)));
        assert_eq!(names.get(5), None);
    }

    #[test]
    fn names_filling_many_chunks_come_back_whole_and_sorted() {
        // 20,000 names of 10 to 255 bytes: several chunks, entries never cut.
        let stem = |k: usize| format!("{k:05}-{}", "x".repeat(4 + k * 7 % 245));
        let mut names = NameList::default();
        for k in (0..20_000).rev() {
            names
                .push(OsStr::new(&stem(k)), (k % 3) as u8)
                .expect("small");
        }
        assert_eq!(names.runs.len(), 20_000 / RUN, "sorted runs so far");
        assert_eq!(names.len(), 20_000);
        names.sort().expect("small");
        assert_eq!(
            names.get(19_999),
            Some((OsString::from(stem(19_999)), (19_999 % 3) as u8))
        );
        assert_eq!(names.len(), 20_000);
        for (k, (got, kind)) in names.iter().enumerate() {
            assert_eq!((got, kind), (OsString::from(stem(k)), (k % 3) as u8));
        }
    }

    #[test]
    fn a_name_added_after_sorting_is_sorted_in_by_the_next_sort() {
        let mut names = NameList::default();
        for stem in ["b", "d"] {
            names.push(OsStr::new(stem), 0).expect("small");
        }
        names.sort().expect("small");
        names.push(OsStr::new("c"), 0).expect("small");
        names.push(OsStr::new("a"), 0).expect("small");
        names.sort().expect("small");
        let all: Vec<OsString> = names.iter().map(|(stem, _)| stem).collect();
        assert_eq!(all, ["a", "b", "c", "d"]);
    }

    #[test]
    fn hidden_and_other_extensions_have_no_stem() {
        assert_eq!(
            visible_stem(OsStr::new("a.b.txt"), "txt"),
            Some(OsStr::new("a.b"))
        );
        assert_eq!(visible_stem(OsStr::new(".a.txt"), "txt"), None);
        assert_eq!(visible_stem(OsStr::new(".txt"), "txt"), None);
        assert_eq!(visible_stem(OsStr::new("a.ron"), "txt"), None);
    }
}
