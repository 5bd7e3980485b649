//! Sorted names held front-coded: each entry as the length of the prefix
//! it shares with the entry before, the rest of its bytes and a one-byte
//! kind. Sorted file names of a corpus share most of their bytes
//! (`article-000123`, `2024-05-…`), so this holds a corpus's names in a
//! fraction of their length; the list is what a corpus command keeps that
//! grows with the corpus.
//!
//! Entries are in chunks of [`CHUNK`] bytes, as [`super::NameList`]'s are
//! (no large buffer is ever copied or freed), and never straddle two; every
//! [`RESTART`]-th entry, and the first of each chunk, is written whole, so
//! the k-th entry is found by decoding at most [`RESTART`] entries.

use super::CHUNK;

/// How often an entry is written whole.
const RESTART: usize = 32;

/// Names added in sorted order, held front-coded.
#[derive(Clone, Debug, Default)]
pub(crate) struct FrontCoded {
    chunks: Vec<Vec<u8>>,
    /// Entries written whole: their index, and where they start (chunk
    /// times [`CHUNK`] plus offset).
    restarts: Vec<(u32, u32)>,
    /// The last entry added, whole.
    last: Vec<u8>,
    len: usize,
}

impl FrontCoded {
    /// Adds an entry, which must not sort before the last one added; fails
    /// past 4 GiB of names or 4 billion entries.
    pub(crate) fn push(&mut self, stem: &[u8], kind: u8) -> Result<(), std::io::Error> {
        let too_many =
            || std::io::Error::other("too many files in one folder (their names pass 4 GiB)");
        let shared = if self.len.is_multiple_of(RESTART) {
            0
        } else {
            common_prefix(&self.last, stem)
        };
        let mut entry = Vec::with_capacity(stem.len() - shared + 6);
        write_varint(&mut entry, shared);
        write_varint(&mut entry, stem.len() - shared);
        entry.extend_from_slice(&stem[shared..]);
        entry.push(kind);
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.len() + entry.len() <= CHUNK);
        if !fits || shared == 0 {
            // A restart: written whole (a new chunk starts with one).
            if shared != 0 {
                entry.clear();
                write_varint(&mut entry, 0);
                write_varint(&mut entry, stem.len());
                entry.extend_from_slice(stem);
                entry.push(kind);
            }
            if !fits {
                self.chunks.push(Vec::with_capacity(CHUNK.max(entry.len())));
            }
            let k = self.chunks.len() - 1;
            let start = k
                .checked_mul(CHUNK)
                .and_then(|base| base.checked_add(self.chunks[k].len()))
                .and_then(|start| u32::try_from(start).ok())
                .ok_or_else(too_many)?;
            let index = u32::try_from(self.len).map_err(|_| too_many())?;
            self.restarts.push((index, start));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.extend_from_slice(&entry);
        }
        self.last.clear();
        self.last.extend_from_slice(stem);
        self.len += 1;
        Ok(())
    }

    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The `k`-th entry: its stem and kind.
    pub(crate) fn get(&self, k: usize) -> Option<(Vec<u8>, u8)> {
        if k >= self.len {
            return None;
        }
        let r = self
            .restarts
            .partition_point(|&(index, _)| index as usize <= k)
            .checked_sub(1)?;
        let (index, start) = self.restarts[r];
        let mut cursor = Cursor::at(start);
        let mut stem = Vec::new();
        let mut kind = 0;
        for _ in index as usize..=k {
            kind = cursor.next(&self.chunks, &mut stem)?;
        }
        Some((stem, kind))
    }

    /// The entries, in order: stem and kind.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = (Vec<u8>, u8)> + '_ {
        let mut cursor = Cursor::at(0);
        let mut stem = Vec::new();
        (0..self.len).map(move |_| {
            let kind = cursor.next(&self.chunks, &mut stem).unwrap_or(0);
            (stem.clone(), kind)
        })
    }
}

/// A place in the chunks, moving entry by entry.
struct Cursor {
    chunk: usize,
    offset: usize,
}

impl Cursor {
    fn at(start: u32) -> Self {
        Self {
            chunk: start as usize / CHUNK,
            offset: start as usize % CHUNK,
        }
    }

    /// Decodes the entry here into `stem` (which holds the entry before),
    /// returns its kind and moves past it; `None` past the end.
    fn next(&mut self, chunks: &[Vec<u8>], stem: &mut Vec<u8>) -> Option<u8> {
        if chunks.get(self.chunk)?.len() <= self.offset {
            self.chunk += 1;
            self.offset = 0;
        }
        let bytes = chunks.get(self.chunk)?.get(self.offset..)?;
        let (shared, a) = read_varint(bytes)?;
        let (rest, b) = read_varint(bytes.get(a..)?)?;
        let suffix = bytes.get(a + b..a + b + rest)?;
        let kind = *bytes.get(a + b + rest)?;
        stem.truncate(shared);
        stem.extend_from_slice(suffix);
        self.offset += a + b + rest + 1;
        Some(kind)
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// `value` in LEB128: seven bits a byte, low bits first.
fn write_varint(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A LEB128 value at the start of `bytes`, and how many bytes it took.
fn read_varint(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (k, &byte) in bytes.iter().enumerate().take(5) {
        value |= usize::from(byte & 0x7f) << (7 * k);
        if byte & 0x80 == 0 {
            return Some((value, k + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_whole_by_index_and_in_order() {
        // Names of 0 to 300 bytes sharing long prefixes, over many chunks
        // and restarts; kinds vary.
        let stem = |k: usize| {
            let mut s = format!("2024-05-{:06}-", k / 7);
            s.push_str(&"é".repeat(k % 150));
            s.into_bytes()
        };
        let mut list = FrontCoded::default();
        for k in 0..20_000 {
            list.push(&stem(k), (k % 5) as u8).expect("small");
        }
        assert!(list.chunks.len() > 3, "{} chunks", list.chunks.len());
        assert_eq!(list.len(), 20_000);
        for (k, (got, kind)) in list.iter().enumerate() {
            assert_eq!((got, kind), (stem(k), (k % 5) as u8), "entry {k}");
        }
        for k in [0, 1, 31, 32, 33, 9_999, 19_999] {
            assert_eq!(list.get(k), Some((stem(k), (k % 5) as u8)), "entry {k}");
        }
        assert_eq!(list.get(20_000), None);
    }

    #[test]
    fn similar_names_take_a_fraction_of_their_length() {
        let mut list = FrontCoded::default();
        let mut length = 0;
        for k in 0..100_000 {
            let stem = format!("article-{k:06}");
            length += stem.len();
            list.push(stem.as_bytes(), 0).expect("small");
        }
        let held: usize = list.chunks.iter().map(Vec::len).sum::<usize>() + list.restarts.len() * 8;
        assert!(held * 2 < length, "{held} bytes held for {length} of names");
    }

    #[test]
    fn varints_round_trip() {
        for value in [0, 1, 127, 128, 255, 300, 16_383, 16_384, 1 << 20] {
            let mut out = Vec::new();
            write_varint(&mut out, value);
            assert_eq!(read_varint(&out), Some((value, out.len())));
        }
        assert_eq!(read_varint(&[0x80]), None);
    }
}
