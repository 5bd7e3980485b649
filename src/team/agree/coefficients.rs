//! The chance-corrected coefficients and span scores, from counts: Cohen's
//! kappa, Fleiss' kappa, Krippendorff's nominal alpha, and precision,
//! recall and F1. Exact integer counts in, `f64` out; never NaN.

/// Cohen's kappa of one pair from its confusion counts:
/// `confusion[(a's category, b's category)]`, over `units` units.
///
/// κ = (Po − Pe) / (1 − Pe), Po the share of units where both gave the
/// same category, Pe = Σc (a's share of c)·(b's share of c). `None`
/// without units; 1.0 when Pe = 1 (both gave one and the same category to
/// every unit, so Po = 1 too: nothing to correct for).
pub fn cohen_kappa(confusion: &[((usize, usize), u64)], categories: usize) -> Option<f64> {
    let units: u64 = confusion.iter().map(|(_, n)| n).sum();
    if units == 0 {
        return None;
    }
    let mut rows = vec![0_u64; categories];
    let mut cols = vec![0_u64; categories];
    let mut agreed = 0_u64;
    for &((a, b), n) in confusion {
        rows[a] += n;
        cols[b] += n;
        if a == b {
            agreed += n;
        }
    }
    let units2 = u128::from(units) * u128::from(units);
    let chance: u128 = rows
        .iter()
        .zip(&cols)
        .map(|(&r, &c)| u128::from(r) * u128::from(c))
        .sum();
    if chance == units2 {
        return Some(1.0);
    }
    let p_o = agreed as f64 / units as f64;
    let p_e = chance as f64 / units2 as f64;
    Some((p_o - p_e) / (1.0 - p_e))
}

/// What Fleiss' kappa and Krippendorff's alpha need of `units` units, each
/// given a category by every one of `raters` annotators: how often each
/// category was given (`totals`), and `squares` = Σ over units and
/// categories of n(u,c)², n(u,c) the annotators giving the unit category c.
/// (Krippendorff's coincidence matrix has o(c,c) = Σu n(u,c)(n(u,c) − 1)/(m − 1)
/// on its diagonal, so Σc o(c,c) = (squares − n..)/(m − 1): with every
/// annotator rating every unit, the diagonal and the totals are all the
/// coefficients need.)
#[derive(Clone, Copy, Debug)]
pub struct RatingCounts<'a> {
    /// Units rated.
    pub units: u64,
    /// Annotators rating each unit (at least 2).
    pub raters: u64,
    /// Ratings per category.
    pub totals: &'a [u64],
    /// Σu Σc n(u,c)².
    pub squares: u128,
}

impl RatingCounts<'_> {
    /// All ratings, n.. = units × raters.
    fn ratings(&self) -> u128 {
        u128::from(self.units) * u128::from(self.raters)
    }

    /// Σc n(c)².
    fn total_squares(&self) -> u128 {
        self.totals
            .iter()
            .map(|&n| u128::from(n) * u128::from(n))
            .sum()
    }

    /// Fleiss' kappa: κ = (P̄ − P̄e) / (1 − P̄e), P̄ the mean over units of
    /// P(u) = (Σc n(u,c)² − m) / (m(m − 1)), P̄e = Σc p(c)², p(c) = n(c) / n...
    /// `None` without units (or with fewer than two raters); 1.0 when
    /// P̄e = 1 (every rating the same category, so P̄ = 1 too).
    pub fn fleiss_kappa(&self) -> Option<f64> {
        let n = self.ratings();
        if self.units == 0 || self.raters < 2 {
            return None;
        }
        if self.total_squares() == n * n {
            return Some(1.0);
        }
        let m = u128::from(self.raters);
        let p_bar = (self.squares - n) as f64 / (n * (m - 1)) as f64;
        let p_e = self.total_squares() as f64 / (n * n) as f64;
        Some((p_bar - p_e) / (1.0 - p_e))
    }

    /// Krippendorff's alpha, nominal: α = 1 − (n.. − 1) · D / E, D = Σ(c≠k)
    /// o(c,k) = n.. − Σc o(c,c) the disagreeing coincidences, E = Σ(c≠k) n(c) n(k)
    /// = n..² − Σc n(c)². `None` without units (or with fewer than two
    /// raters); 1.0 when E = 0 (every rating the same category, so D = 0
    /// too).
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        let n = self.ratings();
        if self.units == 0 || self.raters < 2 {
            return None;
        }
        let expected = n * n - self.total_squares();
        if expected == 0 {
            return Some(1.0);
        }
        let m = f64::from(u32::try_from(self.raters).unwrap_or(u32::MAX));
        let diagonal = (self.squares - n) as f64 / (m - 1.0);
        let observed = n as f64 - diagonal;
        Some(1.0 - (n as f64 - 1.0) * observed / expected as f64)
    }
}

/// Precision, recall and F1 of b's spans against a's.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Scores {
    /// b's spans matched ÷ b's spans (0 when b has none).
    pub precision: f64,
    /// a's spans matched ÷ a's spans (0 when a has none).
    pub recall: f64,
    /// 2PR / (P + R) (0 when both are 0).
    pub f1: f64,
}

impl Scores {
    /// The scores of `b_matched` of `b_spans` and `a_matched` of `a_spans`.
    pub fn of(a_spans: u64, a_matched: u64, b_spans: u64, b_matched: u64) -> Self {
        let share = |part: u64, whole: u64| {
            if whole == 0 {
                0.0
            } else {
                part as f64 / whole as f64
            }
        };
        let precision = share(b_matched, b_spans);
        let recall = share(a_matched, a_spans);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            precision,
            recall,
            f1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn cohen_by_hand() {
        // Categories 0 = none, 1 = person, 2 = country; 10 units:
        // both person 4, both country 2, a person b none 1, a none b country
        // 2, a country b person 1. Po = 6/10; a: person 5, country 3, none
        // 2; b: person 5, country 4, none 1; Pe = (25 + 12 + 2)/100 = 0.39;
        // κ = (0.6 − 0.39)/(1 − 0.39) = 0.21/0.61.
        let confusion = [
            ((1, 1), 4),
            ((2, 2), 2),
            ((1, 0), 1),
            ((0, 2), 2),
            ((2, 1), 1),
        ];
        assert!(close(cohen_kappa(&confusion, 3), 0.21 / 0.61));
        assert_eq!(cohen_kappa(&[], 3), None);
        assert_eq!(cohen_kappa(&[((1, 1), 7)], 3), Some(1.0));
        // Disjoint: a person where b has none, and the other way round:
        // Po = 0, Pe = 0.5, κ = −1.
        assert!(close(cohen_kappa(&[((1, 0), 3), ((0, 1), 3)], 2), -1.0));
    }

    #[test]
    fn fleiss_and_alpha_by_hand() {
        // 3 raters, 2 units: unit 1 all person (n = 3), unit 2 two person
        // one none (2, 1). squares = 9 + 4 + 1 = 14; totals person 5, none 1;
        // n.. = 6. Fleiss: P̄ = (14 − 6)/(6·2) = 2/3, P̄e = (25 + 1)/36,
        // κ = (2/3 − 26/36)/(1 − 26/36) = −0.2.
        // Alpha: Σ o(c,c) = (14 − 6)/2 = 4, D = 6 − 4 = 2, E = 36 − 26 = 10,
        // α = 1 − 5·2/10 = 0.
        let totals = [1, 5];
        let counts = RatingCounts {
            units: 2,
            raters: 3,
            totals: &totals,
            squares: 14,
        };
        assert!(close(counts.fleiss_kappa(), -0.2));
        assert!(close(counts.krippendorff_alpha(), 0.0));
        let one = [0, 6];
        let same = RatingCounts {
            totals: &one,
            squares: 18,
            ..counts
        };
        assert_eq!(same.fleiss_kappa(), Some(1.0));
        assert_eq!(same.krippendorff_alpha(), Some(1.0));
        let none = RatingCounts {
            units: 0,
            totals: &[0, 0],
            squares: 0,
            ..counts
        };
        assert_eq!(none.fleiss_kappa(), None);
        assert_eq!(none.krippendorff_alpha(), None);
    }

    #[test]
    fn scores_are_zero_not_nan_when_nothing_matched() {
        assert_eq!(Scores::of(0, 0, 0, 0), Scores::of(3, 0, 2, 0));
        assert_eq!(Scores::of(0, 0, 0, 0).f1, 0.0);
        let s = Scores::of(4, 2, 2, 2);
        assert_eq!((s.precision, s.recall), (1.0, 0.5));
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
    }
}
