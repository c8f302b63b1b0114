//! Statistics with no I/O: medians, means, percentile-bootstrap confidence intervals of a
//! median and of a ratio of medians, geometric means with joint-bootstrap intervals, and
//! the steady-state (trend) test. Everything here is a pure function of its samples and a
//! seed, so an analysis can be rerun from a results file and gives the same numbers.
//!
//! Why the bootstrap: timing samples on a shared machine are skewed and few (5-10 per
//! cell), so a normal-theory interval would be wrong in shape. The percentile bootstrap
//! (resample with replacement, recompute the statistic, take the 2.5th and 97.5th
//! percentiles) makes no assumption about the distribution. With few samples it is
//! coarse (the interval of a median of 5 samples is roughly the 2nd to the 4th order
//! statistic), which is the honest answer.
//!
//! The generator is SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, good enough for
//! resampling, and seeded so that every interval is reproducible.

/// Resamples per bootstrap interval.
pub const BOOTSTRAP_RESAMPLES: usize = 2000;

/// A deterministic pseudo-random generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(vm::rng::SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(vm::rng::SplitMix64::new(seed))
    }

    /// A seed derived from a name (FNV-1a), so each cell gets its own reproducible stream.
    pub fn seed_from(name: &str) -> u64 {
        name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform index below `bound` (> 0). Lemire's multiply-shift; the bias for the
    /// bounds used here (a few thousand at most) is below 2^-50.
    pub fn below(&mut self, bound: usize) -> usize {
        debug_assert!(bound > 0, "Rng::below needs a positive bound");
        ((self.next_u64() as u128 * bound as u128) >> 64) as usize
    }
}

/// A two-sided interval `[low, high]`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn point(x: f64) -> Interval {
        Interval { low: x, high: x }
    }
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// The median (mean of the two middle values for an even count); None when empty.
pub fn median(samples: &[f64]) -> Option<f64> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(median_of_sorted(&sorted))
}

fn median_of_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

pub fn mean(samples: &[f64]) -> Option<f64> {
    if samples.is_empty() {
        None
    } else {
        Some(samples.iter().sum::<f64>() / samples.len() as f64)
    }
}

/// The `p`-th quantile (0..=1) of sorted values, linearly interpolated between order
/// statistics (type 7 of Hyndman and Fan, the default of R and NumPy).
pub fn quantile_of_sorted(sorted: &[f64], p: f64) -> f64 {
    debug_assert!(!sorted.is_empty(), "quantile of no values");
    let position = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let fraction = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// Median of a resample (with replacement) of `samples`, using `scratch` as buffer.
fn resampled_median(samples: &[f64], rng: &mut Rng, scratch: &mut Vec<f64>) -> f64 {
    scratch.clear();
    scratch.extend((0..samples.len()).map(|_| samples[rng.below(samples.len())]));
    scratch.sort_by(f64::total_cmp);
    median_of_sorted(scratch)
}

/// 95% percentile-bootstrap interval of a statistic, from its bootstrap replicates.
fn percentile_interval(mut replicates: Vec<f64>) -> Interval {
    replicates.sort_by(f64::total_cmp);
    Interval { low: quantile_of_sorted(&replicates, 0.025), high: quantile_of_sorted(&replicates, 0.975) }
}

/// 95% bootstrap confidence interval of the median; None when empty, a point for one
/// sample.
pub fn median_ci(samples: &[f64], seed: u64) -> Option<Interval> {
    match samples.len() {
        0 => None,
        1 => Some(Interval::point(samples[0])),
        _ => {
            let mut rng = Rng::new(seed);
            let mut scratch = Vec::with_capacity(samples.len());
            let replicates =
                (0..BOOTSTRAP_RESAMPLES).map(|_| resampled_median(samples, &mut rng, &mut scratch)).collect();
            Some(percentile_interval(replicates))
        }
    }
}

/// A point estimate with its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    pub value: f64,
    pub ci95: Interval,
}

/// median(numerator) / median(denominator) with a 95% interval from resampling both
/// sample sets independently (they come from different processes). For a speed-up of
/// strategy S over interp, pass interp's times as the numerator.
pub fn ratio_of_medians(numerator: &[f64], denominator: &[f64], seed: u64) -> Option<Estimate> {
    geomean_of_ratios(&[(numerator, denominator)], seed)
}

/// The geometric mean over pairs of sample sets of median(a)/median(b), with a 95%
/// interval from a joint bootstrap: each replicate resamples every set, recomputes every
/// ratio and their geometric mean. None when there is no pair or a set is empty or a
/// median is not positive.
pub fn geomean_of_ratios(pairs: &[(&[f64], &[f64])], seed: u64) -> Option<Estimate> {
    if pairs.is_empty() || pairs.iter().any(|(a, b)| a.is_empty() || b.is_empty()) {
        return None;
    }
    let log_ratio = |a: f64, b: f64| if a > 0.0 && b > 0.0 { Some((a / b).ln()) } else { None };
    let mut total = 0.0;
    for (a, b) in pairs {
        total += log_ratio(median(a)?, median(b)?)?;
    }
    let value = (total / pairs.len() as f64).exp();
    let mut rng = Rng::new(seed);
    let mut scratch = Vec::new();
    let mut replicates = Vec::with_capacity(BOOTSTRAP_RESAMPLES);
    for _ in 0..BOOTSTRAP_RESAMPLES {
        let mut sum = 0.0;
        for (a, b) in pairs {
            let ma = resampled_median(a, &mut rng, &mut scratch);
            let mb = resampled_median(b, &mut rng, &mut scratch);
            sum += log_ratio(ma, mb)?;
        }
        replicates.push((sum / pairs.len() as f64).exp());
    }
    Some(Estimate { value, ci95: percentile_interval(replicates) })
}

/// Geometric mean of positive values; None when empty or a value is not positive.
pub fn geomean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| *v <= 0.0 || !v.is_finite()) {
        return None;
    }
    Some((values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp())
}

/// A trend in the last iterations of a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trend {
    /// Relative change across the window: the Theil-Sen slope (median of pairwise
    /// slopes, robust to outliers) times the window's length over the window's median.
    /// 0.1: the window's last iteration is expected to be 10% slower than its first.
    pub drift: f64,
    /// The Mann-Kendall statistic as a normal score (continuity-corrected): how sure
    /// the window is monotone at all. |z| > 1.96 is significant at 5%.
    pub z: f64,
}

impl Trend {
    /// Steady unless the trend is both large (|drift| > STEADY_DRIFT_LIMIT) and
    /// significant (|z| > 1.96): a single slow iteration is noise, not a trend.
    pub fn steady(&self) -> bool {
        !(self.drift.abs() > STEADY_DRIFT_LIMIT && self.z.abs() > 1.96)
    }
}

/// The trend over the last half of the samples, but at least the last 8 (or all of
/// them when fewer); None with fewer than 4.
pub fn trailing_trend(samples: &[f64]) -> Option<Trend> {
    if samples.len() < 4 {
        return None;
    }
    let window = &samples[samples.len() - (samples.len() / 2).max(samples.len().min(8))..];
    let n = window.len();
    let mut slopes = Vec::with_capacity(n * (n - 1) / 2);
    let mut s = 0i64;
    for i in 0..n {
        for j in i + 1..n {
            slopes.push((window[j] - window[i]) / (j - i) as f64);
            s += match window[j].partial_cmp(&window[i]) {
                Some(std::cmp::Ordering::Greater) => 1,
                Some(std::cmp::Ordering::Less) => -1,
                _ => 0,
            };
        }
    }
    let level = median(window)?;
    if level <= 0.0 {
        return None;
    }
    let drift = median(&slopes)? * (n - 1) as f64 / level;
    let variance = (n * (n - 1) * (2 * n + 5)) as f64 / 18.0;
    let z = if s == 0 { 0.0 } else { (s - s.signum()) as f64 / variance.sqrt() };
    Some(Trend { drift, z })
}

/// Drift beyond which a cell is flagged as not in steady state.
pub const STEADY_DRIFT_LIMIT: f64 = 0.10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_mean_of_known_samples() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let sorted = [10.0, 20.0, 30.0, 40.0, 50.0];
        assert_eq!(quantile_of_sorted(&sorted, 0.0), 10.0);
        assert_eq!(quantile_of_sorted(&sorted, 0.5), 30.0);
        assert_eq!(quantile_of_sorted(&sorted, 0.125), 15.0);
        assert_eq!(quantile_of_sorted(&sorted, 1.0), 50.0);
    }

    #[test]
    fn generator_is_deterministic_and_uniform_enough() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
        // SplitMix64's first output for seed 0 (reference value of the algorithm).
        assert_eq!(Rng::new(0).next_u64(), 0xe220_a839_7b1d_cdaf);
        let mut counts = [0usize; 10];
        let mut rng = Rng::new(7);
        for _ in 0..100_000 {
            counts[rng.below(10)] += 1;
        }
        assert!(counts.iter().all(|c| (9_500..10_500).contains(c)), "{counts:?}");
    }

    #[test]
    fn interval_of_constant_samples_is_a_point() {
        let ci = median_ci(&[5.0; 8], 1).unwrap();
        assert_eq!(ci, Interval::point(5.0));
        assert_eq!(median_ci(&[3.0], 1), Some(Interval::point(3.0)));
        assert_eq!(median_ci(&[], 1), None);
    }

    #[test]
    fn median_interval_covers_the_median_and_stays_inside_the_range() {
        let samples: Vec<f64> = (1..=21).map(|i| i as f64).collect();
        let ci = median_ci(&samples, 3).unwrap();
        assert!(ci.contains(11.0), "{ci:?}");
        // The median of 21 samples from 1..21 resampled: its 95% interval is about
        // [7, 15] (binomial order statistics); allow the bootstrap's own noise.
        assert!((6.0..=9.0).contains(&ci.low), "{ci:?}");
        assert!((13.0..=16.0).contains(&ci.high), "{ci:?}");
        // Same seed, same interval.
        assert_eq!(median_ci(&samples, 3), Some(ci));
    }

    #[test]
    fn wider_spread_gives_a_wider_interval() {
        let tight = [100.0, 101.0, 99.0, 100.5, 99.5, 100.2, 99.8];
        let loose = [100.0, 130.0, 70.0, 115.0, 85.0, 120.0, 80.0];
        let t = median_ci(&tight, 9).unwrap();
        let l = median_ci(&loose, 9).unwrap();
        assert!(t.high - t.low < 3.0, "{t:?}");
        assert!(l.high - l.low > 20.0, "{l:?}");
    }

    #[test]
    fn ratio_of_medians_and_its_interval() {
        let interp = [300.0, 310.0, 290.0, 305.0, 295.0];
        let jit = [100.0, 101.0, 99.0, 100.5, 99.5];
        let speedup = ratio_of_medians(&interp, &jit, 5).unwrap();
        assert!((speedup.value - 3.0).abs() < 1e-12, "{speedup:?}");
        assert!(speedup.ci95.contains(3.0), "{speedup:?}");
        assert!(speedup.ci95.low > 2.8 && speedup.ci95.high < 3.2, "{speedup:?}");
        assert!(ratio_of_medians(&interp, &[], 5).is_none());
        assert!(ratio_of_medians(&[0.0], &[1.0], 5).is_none());
    }

    #[test]
    fn geometric_means() {
        assert!((geomean(&[2.0, 8.0]).unwrap() - 4.0).abs() < 1e-12);
        assert_eq!(geomean(&[]), None);
        assert_eq!(geomean(&[1.0, -1.0]), None);
        let a = [4.0, 4.0, 4.0];
        let b = [1.0, 1.0, 1.0];
        let c = [9.0, 9.0, 9.0];
        // ratios 4 and 9: geometric mean 6, no noise so a point interval.
        let g = geomean_of_ratios(&[(&a, &b), (&c, &b)], 11).unwrap();
        assert!((g.value - 6.0).abs() < 1e-12);
        assert!((g.ci95.low - 6.0).abs() < 1e-9 && (g.ci95.high - 6.0).abs() < 1e-9, "{g:?}");
    }

    #[test]
    fn trend_detects_a_drift_and_ignores_noise_and_outliers() {
        let flat = [100.0, 103.0, 98.0, 101.0, 99.0, 102.0, 100.0, 98.5, 101.5, 100.0];
        assert!(trailing_trend(&flat).unwrap().steady());
        let falling = [200.0, 180.0, 160.0, 150.0, 140.0, 130.0, 120.0, 110.0, 100.0, 90.0];
        let t = trailing_trend(&falling).unwrap();
        assert!(t.drift < -STEADY_DRIFT_LIMIT && t.z < -1.96, "{t:?}");
        assert!(!t.steady());
        // One slow iteration at the start of the window is not a trend.
        let spike = [100.0, 100.0, 100.0, 100.0, 100.0, 170.0, 99.0, 100.0, 101.0, 100.0];
        assert!(trailing_trend(&spike).unwrap().steady());
        // A level shift by a busy neighbour in the last few samples: large but not
        // significant over a short window.
        let shift = [68.0, 67.0, 85.0, 67.0, 67.0, 101.0, 68.0, 59.0, 59.0, 60.0];
        assert!(trailing_trend(&shift).unwrap().steady(), "{:?}", trailing_trend(&shift));
        assert_eq!(trailing_trend(&[1.0, 2.0, 3.0]), None);
    }
}
