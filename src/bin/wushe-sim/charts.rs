//! The SVG charts: coverage over time per arm with its 95% band, and coverage by community.

use ordered_float::OrderedFloat;
use plotters::prelude::*;
use wushe::sim::ArmSummary;

const SIZE: (u32, u32) = (900, 500);

fn colour(k: usize) -> RGBColor {
    const PALETTE: [RGBColor; 8] = [
        RGBColor(31, 119, 180),
        RGBColor(255, 127, 14),
        RGBColor(44, 160, 44),
        RGBColor(214, 39, 40),
        RGBColor(148, 103, 189),
        RGBColor(140, 86, 75),
        RGBColor(227, 119, 194),
        RGBColor(127, 127, 127),
    ];
    PALETTE[k % PALETTE.len()]
}

fn label(arm: &ArmSummary) -> String {
    format!("{} / {}", arm.strategy, arm.policy)
}

/// Coverage (percent of open cases served) week by week, one line per arm with its 95% band.
pub fn coverage_over_time(summary: &[ArmSummary]) -> Result<String, String> {
    let weeks = summary
        .iter()
        .map(|a| a.weekly_coverage.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Coverage of open cases by week (mean, 95% band)",
                ("sans-serif", 20),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..(weeks - 1).max(1) as f64, 0f64..100f64)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc("week")
            .y_desc("coverage, %")
            .draw()
            .map_err(|e| e.to_string())?;
        for (k, arm) in summary.iter().enumerate() {
            let c = colour(k);
            let upper: Vec<(f64, f64)> = arm
                .weekly_coverage
                .iter()
                .enumerate()
                .map(|(w, e)| (w as f64, (e.high() * 100.0).min(100.0)))
                .collect();
            let lower: Vec<(f64, f64)> = arm
                .weekly_coverage
                .iter()
                .enumerate()
                .rev()
                .map(|(w, e)| (w as f64, (e.low() * 100.0).max(0.0)))
                .collect();
            let band: Vec<(f64, f64)> = upper.into_iter().chain(lower).collect();
            chart
                .draw_series(std::iter::once(Polygon::new(band, c.mix(0.2).filled())))
                .map_err(|e| e.to_string())?;
            let line = arm
                .weekly_coverage
                .iter()
                .enumerate()
                .map(|(w, e)| (w as f64, e.mean * 100.0));
            chart
                .draw_series(LineSeries::new(line, c.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(label(arm))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Time-averaged coverage of every community, communities sorted from the least covered up,
/// one line per arm: the lower the left end, the more unequal the service.
pub fn coverage_by_community(summary: &[ArmSummary]) -> Result<String, String> {
    let n = summary
        .iter()
        .map(|a| a.communities.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Coverage by community, least covered first (mean over weeks)",
                ("sans-serif", 20),
            )
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(1f64..n as f64, 0f64..100f64)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc("communities, ranked by coverage")
            .y_desc("coverage, %")
            .draw()
            .map_err(|e| e.to_string())?;
        for (k, arm) in summary.iter().enumerate() {
            let c = colour(k);
            let mut values: Vec<OrderedFloat<f64>> = arm
                .communities
                .iter()
                .map(|(_, e)| OrderedFloat(e.mean * 100.0))
                .collect();
            values.sort();
            let line = values
                .iter()
                .enumerate()
                .map(|(i, v)| ((i + 1) as f64, v.0));
            chart
                .draw_series(LineSeries::new(line, c.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(label(arm))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}
