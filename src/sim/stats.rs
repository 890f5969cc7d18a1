//! Means and 95% confidence intervals over replications.

use serde::{Deserialize, Serialize};

/// Two-sided 95% Student-t quantiles `t(0.975, df)` for `df` = 1 ... 30 (standard tables;
/// beyond 30 the normal 1.96 is used, within 2%).
const T_975: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

/// The 0.975 quantile of Student's t with `df` degrees of freedom (`df` ≥ 1).
pub fn t_quantile_975(df: usize) -> f64 {
    T_975.get(df.wrapping_sub(1)).copied().unwrap_or(1.96)
}

/// Mean and 95% confidence interval of one figure over replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// Replications.
    pub n: u32,
    /// Sample mean.
    pub mean: f64,
    /// Half-width of the 95% interval `t(0.975, n−1)·s/√n`; `None` with fewer than 2
    /// replications.
    pub ci95: Option<f64>,
}

impl Estimate {
    /// The estimate of `values` (summed in the order given, so the result is reproducible).
    ///
    /// ```
    /// use wushe::sim::Estimate;
    /// let e = Estimate::of(&[1.0, 2.0, 3.0]);
    /// assert_eq!(e.mean, 2.0);
    /// // s = 1, t(0.975, 2) = 4.303: half-width 4.303 / √3
    /// assert!((e.ci95.unwrap_or(0.0) - 4.303 / 3f64.sqrt()).abs() < 1e-12);
    /// ```
    pub fn of(values: &[f64]) -> Estimate {
        let n = values.len();
        if n == 0 {
            return Estimate {
                n: 0,
                mean: 0.0,
                ci95: None,
            };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let ci95 = (n >= 2).then(|| {
            let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
            t_quantile_975(n - 1) * (var / n as f64).sqrt()
        });
        Estimate {
            n: n as u32,
            mean,
            ci95,
        }
    }

    /// The interval's low end (the mean with one replication).
    pub fn low(&self) -> f64 {
        self.mean - self.ci95.unwrap_or(0.0)
    }

    /// The interval's high end (the mean with one replication).
    pub fn high(&self) -> f64 {
        self.mean + self.ci95.unwrap_or(0.0)
    }
}
