//! Corpus-wide work spread over the machine's cores, its results taken in
//! the corpus's order.

use std::ops::ControlFlow;

use rayon::prelude::*;

/// How many documents are worked on at once: enough to keep every core busy
/// between two hand-overs, few enough that memory stays bounded by a few
/// dozen documents, however large the corpus.
const BATCH: usize = 32;

/// Runs `work` on each of `items`, a batch at a time spread over the cores,
/// and gives each result to `then`, in the order of `items`, on the calling
/// thread. `then` returning [`ControlFlow::Break`] stops there (no further
/// item is started once the current batch is done); the break value is
/// returned.
///
/// Reading and parsing an annotation file is most of a corpus command's
/// time; with this, a second core halves it, while what the command writes
/// or prints keeps the corpus's order.
pub fn map_in_order<I, T, B>(
    items: impl IntoIterator<Item = I>,
    work: impl Fn(&I) -> T + Sync,
    mut then: impl FnMut(I, T) -> ControlFlow<B>,
) -> Option<B>
where
    I: Send + Sync,
    T: Send,
{
    let mut items = items.into_iter();
    loop {
        let batch: Vec<I> = items.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return None;
        }
        let results: Vec<T> = batch.par_iter().map(&work).collect();
        for (item, result) in batch.into_iter().zip(results) {
            if let ControlFlow::Break(stop) = then(item, result) {
                return Some(stop);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_and_a_break_stops_early() {
        let mut seen = Vec::new();
        let stopped = map_in_order(
            0..1_000_u32,
            |k| k * 2,
            |k, doubled| {
                seen.push((k, doubled));
                if k == 500 {
                    ControlFlow::Break(k)
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(stopped, Some(500));
        assert_eq!(seen.len(), 501);
        assert!(
            seen.iter()
                .enumerate()
                .all(|(i, &(k, d))| k == i as u32 && d == 2 * k)
        );
        let none: Option<()> =
            map_in_order(Vec::<u32>::new(), |k| *k, |_, _| ControlFlow::Continue(()));
        assert_eq!(none, None);
    }
}
