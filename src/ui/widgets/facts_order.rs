//! Which rows of the facts table show, in which order, fast enough for a
//! folder of 100,000 articles (866,658 rows in the bench): sorting ranks
//! each row by its cell among the distinct cells (a corpus names the same
//! few thousand people, roles and countries again and again) and places
//! the rows by a counting sort on those ranks, instead of comparing the
//! rows' texts (that took 340 ms, the frame the table arrived in); and
//! when the open document's rows change, its rows alone leave and enter
//! the order, instead of the whole table being sorted again after each
//! edit.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use super::facts_window::FactColumn;
use crate::facts::Fact;
use crate::ui::background::facts_job::FactRow;

/// What a cell is sorted by: its text, any case, or (for the offsets)
/// the row's first code point; `None` for an empty cell, which goes last
/// either way.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum SortKey<'a> {
    Number(usize),
    Text(Cow<'a, str>),
}

fn sort_key(column: FactColumn, fact: &Fact) -> Option<SortKey<'_>> {
    if column == FactColumn::Offsets {
        return column.first_offset(fact).map(SortKey::Number);
    }
    let cell = column.cell_text(fact);
    (!cell.is_empty()).then_some(SortKey::Text(cell))
}

/// Whether `fact` passes the filter `needle` (lowercase): some cell holds
/// it, any case.
fn passes(fact: &Fact, needle: &str) -> bool {
    needle.is_empty()
        || FactColumn::ALL
            .iter()
            .any(|c| c.cell_text(fact).to_lowercase().contains(needle))
}

/// How row `a` and row `b` of `rows` compare in the table's order: by
/// their cells in `sort` (texts any case; `descending` the other way),
/// empty cells last either way, ties in the rows' order.
pub fn compare(
    rows: &[FactRow],
    a: usize,
    b: usize,
    sort: FactColumn,
    descending: bool,
) -> Ordering {
    let key = |k: usize| folded(&sort_key(sort, &rows[k].fact));
    cell_order(&key(a), &key(b), descending).then(a.cmp(&b))
}

/// A cell's key any case.
fn folded(key: &Option<SortKey<'_>>) -> Option<SortKey<'static>> {
    key.as_ref().map(|key| match key {
        SortKey::Text(text) => SortKey::Text(Cow::Owned(text.to_lowercase())),
        SortKey::Number(n) => SortKey::Number(*n),
    })
}

/// How two cells' keys (any case) order: empty last either way.
fn cell_order(x: &Option<SortKey<'_>>, y: &Option<SortKey<'_>>, descending: bool) -> Ordering {
    match (x, y) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) if descending => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
    }
}

/// The rows of `rows` that pass `filter` (any case), in the table's order
/// for `sort` and `descending` ([`compare`]).
pub fn order_rows(
    rows: &[FactRow],
    filter: &str,
    sort: FactColumn,
    descending: bool,
) -> Vec<usize> {
    let needle = filter.to_lowercase();
    // Each distinct cell gets a number when first met: one hash a row.
    let mut ids: HashMap<Option<SortKey<'_>>, usize> = HashMap::new();
    let mut distinct: Vec<Option<SortKey<'_>>> = Vec::new();
    let numbered: Vec<(usize, usize)> = (0..rows.len())
        .filter(|&k| passes(&rows[k].fact, &needle))
        .map(|k| {
            let key = sort_key(sort, &rows[k].fact);
            let id = match ids.get(&key) {
                Some(&id) => id,
                None => {
                    ids.insert(key.clone(), distinct.len());
                    distinct.push(key);
                    distinct.len() - 1
                }
            };
            (k, id)
        })
        .collect();
    // The distinct cells in order, any case; equal any case: one rank.
    let folded: Vec<Option<SortKey<'static>>> = distinct.iter().map(folded).collect();
    let mut by_order: Vec<usize> = (0..distinct.len()).collect();
    by_order.sort_by(|&a, &b| cell_order(&folded[a], &folded[b], descending));
    let mut rank_of = vec![0; distinct.len()];
    let mut rank = 0;
    for (k, &id) in by_order.iter().enumerate() {
        if k > 0 && folded[id] != folded[by_order[k - 1]] {
            rank += 1;
        }
        rank_of[id] = rank;
    }
    // A counting sort on the ranks keeps the rows' order within a rank.
    let mut starts = vec![0usize; rank + 2];
    for &(_, id) in &numbered {
        starts[rank_of[id] + 1] += 1;
    }
    for r in 1..starts.len() {
        starts[r] += starts[r - 1];
    }
    let mut order = vec![0; numbered.len()];
    for &(k, id) in &numbered {
        let slot = &mut starts[rank_of[id]];
        order[*slot] = k;
        *slot += 1;
    }
    order
}

/// Keeps `order` (the rows shown, see [`order_rows`]) right after the
/// rows in `replaced` were replaced by `added` rows starting at the same
/// place (`rows` as they are now): the old ones leave, the rows after
/// move by the difference, and the new ones that pass `filter` go where
/// [`compare`] puts them. Time linear in the rows shown, with a binary
/// search per new row.
pub fn splice_order(
    order: &mut Vec<usize>,
    replaced: Range<usize>,
    added: usize,
    rows: &[FactRow],
    (filter, sort, descending): (&str, FactColumn, bool),
) {
    let removed = replaced.len();
    order.retain(|k| !replaced.contains(k));
    for k in order.iter_mut() {
        if *k >= replaced.end {
            *k = *k - removed + added;
        }
    }
    let needle = filter.to_lowercase();
    for k in replaced.start..replaced.start + added {
        if !passes(&rows[k].fact, &needle) {
            continue;
        }
        let at = order
            .partition_point(|&other| compare(rows, other, k, sort, descending) == Ordering::Less);
        order.insert(at, k);
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::facts::Mention;

    fn mention(name: &str, start: usize) -> Option<Mention> {
        (!name.is_empty()).then(|| Mention {
            name: name.to_owned(),
            entity: None,
            text: name.to_owned(),
            span: 1,
            start,
            end: start + name.len(),
        })
    }

    /// Rows of documents `a`, `b`, `c` with names in both cases, repeats
    /// and empty cells.
    fn sample_rows() -> Vec<FactRow> {
        let people = [
            "Zarepour", "", "álvarez", "Iran", "zarepour", "Bo", "", "iran",
        ];
        let roles = [
            "Minister", "envoy", "", "Envoy", "minister", "", "Aide", "aide",
        ];
        (0..24)
            .map(|k| FactRow {
                txt: PathBuf::from(["a", "b", "c"][k / 8]),
                fact: Fact {
                    document: ["a", "b", "c"][k / 8].to_owned(),
                    person: mention(people[k % 8], (k * 37) % 11),
                    role: mention(roles[(k * 3) % 8], 50 + k),
                    country: None,
                    initiatives: Vec::new(),
                    quote: format!("Quote {}", k % 5),
                },
            })
            .collect()
    }

    /// The order as the table sorted before (every row's key compared).
    fn by_comparing(
        rows: &[FactRow],
        filter: &str,
        sort: FactColumn,
        descending: bool,
    ) -> Vec<usize> {
        let needle = filter.to_lowercase();
        let mut order: Vec<usize> = (0..rows.len())
            .filter(|&k| passes(&rows[k].fact, &needle))
            .collect();
        order.sort_by(|&a, &b| compare(rows, a, b, sort, descending));
        order
    }

    #[test]
    fn the_counting_sort_gives_the_order_comparing_rows_gives() {
        let rows = sample_rows();
        for sort in FactColumn::ALL {
            for descending in [false, true] {
                for filter in ["", "MIN", "zz"] {
                    assert_eq!(
                        order_rows(&rows, filter, sort, descending),
                        by_comparing(&rows, filter, sort, descending),
                        "{sort:?} descending {descending} filter {filter:?}"
                    );
                }
            }
        }
        // Any case is one name (in the rows' order), and empty cells go
        // last both ways.
        let order = order_rows(&rows, "", FactColumn::Person, false);
        let names: Vec<&str> = order
            .iter()
            .map(|&k| rows[k].fact.person.as_ref().map_or("", |m| m.name.as_str()))
            .collect();
        assert_eq!(names[..3], ["Bo"; 3]);
        assert_eq!(
            names[3..9],
            ["Iran", "iran", "Iran", "iran", "Iran", "iran"]
        );
        assert_eq!(names.last(), Some(&""));
        let descending = order_rows(&rows, "", FactColumn::Person, true);
        assert_eq!(
            rows[*descending.last().expect("rows shown")].fact.person,
            None,
            "empty last both ways"
        );
    }

    #[test]
    fn a_documents_rows_replaced_leave_and_enter_the_order_as_a_full_sort_puts_them() {
        for sort in FactColumn::ALL {
            for descending in [false, true] {
                for (filter, added) in [("", 3), ("min", 1), ("", 0), ("", 12)] {
                    let mut rows = sample_rows();
                    let how = (filter, sort, descending);
                    let mut order = order_rows(&rows, filter, sort, descending);
                    // Document b's eight rows replaced by `added` new ones.
                    let new: Vec<FactRow> = sample_rows()
                        .into_iter()
                        .rev()
                        .take(added)
                        .map(|mut r| {
                            r.txt = PathBuf::from("b");
                            r
                        })
                        .collect();
                    rows.splice(8..16, new);
                    splice_order(&mut order, 8..16, added, &rows, how);
                    assert_eq!(
                        order,
                        by_comparing(&rows, filter, sort, descending),
                        "{sort:?} descending {descending} filter {filter:?} added {added}"
                    );
                }
            }
        }
    }
}
