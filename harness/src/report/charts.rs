//! The report's charts, drawn with plotters into SVG strings (inline in the page, no
//! fonts or scripts: text is SVG `<text>` in the browser's sans-serif).
//!
//! Nearly every chart is a *dot plot*: one row per category (a workload, a strategy),
//! one coloured dot per series with its 95% interval as a horizontal error bar, on a
//! linear or logarithmic axis. Rows read top to bottom in the order given. The warm-up
//! curves and the compile-time trade-off have their own functions.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::strategies;

/// One dot (with an optional interval) in a row.
#[derive(Clone, Debug)]
pub struct Dot {
    pub row: usize,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub dots: Vec<Dot>,
}

#[derive(Clone, Debug)]
pub struct DotPlot {
    pub rows: Vec<String>,
    pub series: Vec<Series>,
    pub log_x: bool,
    pub x_desc: String,
    /// A vertical reference line (1x for speed-ups).
    pub reference: Option<f64>,
    /// Force the axis to include this range (e.g. 0..1 for coverage).
    pub x_include: Option<(f64, f64)>,
    /// How axis values are written.
    pub percent: bool,
}

const WIDTH: u32 = 920;
const FONT: &str = "sans-serif";

/// The colour of a strategy, fixed across every chart.
pub fn color(strategy: &str) -> RGBColor {
    if let Some((r, g, b)) = strategies::colour(strategy) {
        return RGBColor(r, g, b);
    }
    match strategy {
        strategies::GO_ANCHOR => RGBColor(0, 160, 170),
        // Other series (a comparison's "baseline"/"current") get stable distinct hues.
        "baseline" => RGBColor(150, 150, 150),
        "current" => RGBColor(200, 40, 40),
        _ => RGBColor(90, 90, 160),
    }
}

/// CSS `rgb(...)` of a strategy's colour (for legends in HTML).
pub fn css_color(strategy: &str) -> String {
    let c = color(strategy);
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// Tick values for a log axis over [low, high]: a 1-2-5 sequence per decade, or finer
/// steps when the range spans less than a decade (at least three ticks when possible).
fn log_ticks(low: f64, high: f64) -> Vec<f64> {
    const STEPS: [&[f64]; 3] = [
        &[1.0, 2.0, 5.0],
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
        &[1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0, 8.0, 9.0],
    ];
    if !(low > 0.0 && high > low && high.is_finite()) {
        return vec![low, high];
    }
    let mut ticks = Vec::new();
    for multipliers in STEPS {
        ticks.clear();
        let mut decade = 10f64.powf(low.log10().floor());
        while decade <= high * 1.0001 {
            for m in multipliers {
                let t = decade * m;
                if t >= low * 0.9999 && t <= high * 1.0001 {
                    ticks.push(t);
                }
            }
            decade *= 10.0;
        }
        if ticks.len() >= 3 {
            return ticks;
        }
    }
    if ticks.len() >= 2 {
        ticks
    } else {
        vec![low, high]
    }
}

fn axis_text(x: f64, percent: bool) -> String {
    if percent {
        return format!("{:.0}%", x * 100.0);
    }
    let a = x.abs();
    if a == 0.0 {
        "0".into()
    } else if a >= 10.0 {
        format!("{x:.0}")
    } else if a >= 1e-4 {
        // Three significant digits, trailing zeros dropped: 1.2, 0.012, 0.0005.
        let decimals = (2 - a.log10().floor() as i32).max(0) as usize;
        let text = format!("{x:.decimals$}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        format!("{x:.1e}")
    }
}

/// The x range of a dot plot: every value and interval end, padded.
fn x_range(plot: &DotPlot) -> (f64, f64) {
    let mut values: Vec<f64> = plot
        .series
        .iter()
        .flat_map(|s| s.dots.iter())
        .flat_map(|d| {
            let mut v = vec![d.value];
            if let Some((l, h)) = d.interval {
                v.extend([l, h]);
            }
            v
        })
        .filter(|v| v.is_finite() && (!plot.log_x || *v > 0.0))
        .collect();
    values.extend(plot.reference);
    if let Some((l, h)) = plot.x_include {
        values.extend([l, h]);
    }
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return if plot.log_x { (0.1, 10.0) } else { (0.0, 1.0) };
    }
    if plot.log_x {
        let (low, high) = if high / low < 1.5 { (low / 1.25, high * 1.25) } else { (low, high) };
        (low / 1.15, high * 1.15)
    } else {
        let pad = ((high - low) * 0.05).max(high.abs() * 0.02).max(1e-9);
        ((low - pad).min(0.0f64.max(low - pad)), high + pad)
    }
}

/// Draw a dot plot; an error text instead of an SVG if plotters fails.
pub fn dot_plot(plot: &DotPlot) -> Result<String, String> {
    let rows = plot.rows.len().max(1);
    let series = plot.series.len().max(1);
    let row_height = (12 + 7 * series as u32).clamp(20, 60);
    let legend = 26;
    let height = 50 + legend + row_height * rows as u32;
    let label_width = plot.rows.iter().map(|r| r.chars().count()).max().unwrap_or(4) as u32 * 7 + 16;
    let (x_low, x_high) = x_range(plot);
    let ticks = log_ticks(x_low, x_high);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (legend_area, area) = root.split_vertically(legend);
        draw_legend(&legend_area, &plot.series.iter().map(|s| s.name.clone()).collect::<Vec<_>>())?;
        let y_range = -0.5f64..rows as f64 - 0.5;
        let x_label = |x: &f64| axis_text(*x, plot.percent);
        // Row labels are drawn as text beside the axis (plotters' own y labels sit at
        // its own key points, not at our rows).
        let mut row_anchors: Vec<(i32, i32)> = Vec::new();
        macro_rules! draw_with {
            ($x_range:expr, $x_left:expr) => {{
                let mut chart = ChartBuilder::on(&area)
                    .margin_right(20)
                    .margin_top(6)
                    .x_label_area_size(40)
                    .y_label_area_size(label_width)
                    .build_cartesian_2d($x_range, y_range)
                    .map_err(|e| e.to_string())?;
                chart
                    .configure_mesh()
                    .x_desc(plot.x_desc.as_str())
                    .x_labels(10)
                    .y_labels(0)
                    .x_label_formatter(&x_label)
                    .label_style((FONT, 13))
                    .axis_desc_style((FONT, 13))
                    .light_line_style(WHITE.mix(0.0))
                    .bold_line_style(BLACK.mix(0.08))
                    .draw()
                    .map_err(|e| e.to_string())?;
                for r in 0..plot.rows.len() {
                    let (x, y) = chart.backend_coord(&($x_left, rows as f64 - 1.0 - r as f64));
                    row_anchors.push((x - 8, y));
                }
                if let Some(reference) = plot.reference {
                    chart
                        .draw_series(LineSeries::new(
                            [(reference, -0.5), (reference, rows as f64 - 0.5)],
                            BLACK.mix(0.5).stroke_width(1),
                        ))
                        .map_err(|e| e.to_string())?;
                }
                let band = 0.72 / series as f64;
                for (k, s) in plot.series.iter().enumerate() {
                    let colour = color(&s.name);
                    let offset = (k as f64 - (series as f64 - 1.0) / 2.0) * band;
                    let at = |d: &Dot| rows as f64 - 1.0 - d.row as f64 - offset;
                    let visible = |v: f64| v.is_finite() && (!plot.log_x || v > 0.0);
                    for d in s.dots.iter().filter(|d| visible(d.value)) {
                        if let Some((l, h)) = d.interval.filter(|(l, h)| visible(*l) && visible(*h)) {
                            let y = at(d);
                            let style = colour.stroke_width(2);
                            chart
                                .draw_series([PathElement::new(vec![(l, y), (h, y)], style)])
                                .map_err(|e| e.to_string())?;
                            chart
                                .draw_series(
                                    [l, h].map(|x| {
                                        EmptyElement::at((x, y)) + PathElement::new(vec![(0, -4), (0, 4)], style)
                                    }),
                                )
                                .map_err(|e| e.to_string())?;
                        }
                    }
                    chart
                        .draw_series(
                            s.dots
                                .iter()
                                .filter(|d| visible(d.value))
                                .map(|d| Circle::new((d.value, at(d)), 4, colour.filled())),
                        )
                        .map_err(|e| e.to_string())?;
                }
            }};
        }
        if plot.log_x {
            draw_with!((x_low..x_high).log_scale().with_key_points(ticks), x_low);
        } else {
            draw_with!(x_low..x_high, x_low);
        }
        let style = TextStyle::from((FONT, 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
        for (name, anchor) in plot.rows.iter().zip(row_anchors) {
            root.draw(&Text::new(name.clone(), anchor, style.clone())).map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    names: &[String],
) -> Result<(), String> {
    let mut x = 12;
    for name in names {
        let colour = color(name);
        area.draw(&Circle::new((x, 13), 5, colour.filled())).map_err(|e| e.to_string())?;
        let style = TextStyle::from((FONT, 13).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(name.clone(), (x + 9, 13), style)).map_err(|e| e.to_string())?;
        x += 30 + 8 * name.chars().count() as i32;
    }
    Ok(())
}

/// Warm-up curve of one workload: every iteration's time (warm-up, then measured) per
/// strategy, with the end of warm-up marked. No legend inside (it would hide data):
/// the page gives the colour key above the grid.
pub struct Curve {
    pub strategy: String,
    pub times_ms: Vec<f64>,
    /// Drawn lighter: a second or later process of the same cell.
    pub faint: bool,
}

pub fn warmup_chart(title: &str, curves: &[Curve], warmup: usize) -> Result<String, String> {
    let (width, height) = (440u32, 250u32);
    let points = curves.iter().map(|c| c.times_ms.len()).max().unwrap_or(0).max(2);
    let all: Vec<f64> = curves.iter().flat_map(|c| c.times_ms.iter().copied()).filter(|t| *t > 0.0).collect();
    let (low, high) =
        (all.iter().copied().fold(f64::INFINITY, f64::min), all.iter().copied().fold(f64::NEG_INFINITY, f64::max));
    let (low, high) = if low.is_finite() { (low / 1.2, high * 1.2) } else { (0.1, 10.0) };
    let ticks = log_ticks(low, high);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 15))
            .margin(8)
            .x_label_area_size(34)
            .y_label_area_size(52)
            .build_cartesian_2d(0f64..(points - 1) as f64 + 0.2, (low..high).log_scale().with_key_points(ticks))
            .map_err(|e| e.to_string())?;
        let y_label = |y: &f64| axis_text(*y, false);
        let x_label = |x: &f64| format!("{}", x.round() as i64 + 1);
        chart
            .configure_mesh()
            .x_desc("iteration")
            .y_desc("ms (log)")
            .x_labels(points.min(12))
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style((FONT, 11))
            .axis_desc_style((FONT, 11))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(|e| e.to_string())?;
        if warmup > 0 {
            let x = warmup as f64 - 0.5;
            chart
                .draw_series(LineSeries::new([(x, low), (x, high)], BLACK.mix(0.35).stroke_width(1)))
                .map_err(|e| e.to_string())?;
        }
        for curve in curves {
            let colour = color(&curve.strategy);
            let pts: Vec<(f64, f64)> =
                curve.times_ms.iter().enumerate().filter(|(_, t)| **t > 0.0).map(|(i, t)| (i as f64, *t)).collect();
            let (line, dot) = if curve.faint {
                (colour.mix(0.35).stroke_width(1), colour.mix(0.35).filled())
            } else {
                (colour.stroke_width(2), colour.filled())
            };
            chart.draw_series(LineSeries::new(pts.clone(), line)).map_err(|e| e.to_string())?;
            chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 2, dot))).map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// A labelled point of the compile-time trade-off chart.
pub struct TradeoffPoint {
    pub strategy: String,
    /// Compile time, ms (0 is drawn at the axis minimum).
    pub compile_ms: f64,
    pub speedup: f64,
    pub interval: Option<(f64, f64)>,
    /// Large labelled points are per strategy; small ones are single cells.
    pub labelled: bool,
}

/// Compile time (x, log) against steady-state speed-up (y, log).
pub fn tradeoff_chart(points: &[TradeoffPoint]) -> Result<String, String> {
    let compile: Vec<f64> = points.iter().map(|p| p.compile_ms).filter(|c| *c > 0.0).collect();
    let x_floor = compile.iter().copied().fold(f64::INFINITY, f64::min).min(1.0) / 10.0;
    let x_floor = if x_floor.is_finite() { x_floor } else { 0.001 };
    let x_high = compile.iter().copied().fold(x_floor * 100.0, f64::max) * 2.0;
    let speeds: Vec<f64> = points
        .iter()
        .flat_map(|p| {
            let mut v = vec![p.speedup];
            if let Some((l, h)) = p.interval {
                v.extend([l, h]);
            }
            v
        })
        .filter(|v| *v > 0.0 && v.is_finite())
        .collect();
    let y_low = speeds.iter().copied().fold(1.0, f64::min) / 1.3;
    let y_high = speeds.iter().copied().fold(1.0, f64::max) * 1.3;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 420)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(42)
            .y_label_area_size(60)
            .build_cartesian_2d(
                (x_floor..x_high).log_scale().with_key_points(log_ticks(x_floor, x_high)),
                (y_low..y_high).log_scale().with_key_points(log_ticks(y_low, y_high)),
            )
            .map_err(|e| e.to_string())?;
        let x_label = |x: &f64| axis_text(*x, false);
        let y_label = |y: &f64| format!("{}x", axis_text(*y, false));
        chart
            .configure_mesh()
            .x_desc("native compile time per workload, ms (log; interp: nothing compiled, drawn at the left edge)")
            .y_desc("speed-up over interp (log)")
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(|e| e.to_string())?;
        let x_of = |p: &TradeoffPoint| if p.compile_ms > 0.0 { p.compile_ms } else { x_floor * 1.05 };
        chart
            .draw_series(
                points
                    .iter()
                    .filter(|p| !p.labelled && p.speedup > 0.0)
                    .map(|p| Circle::new((x_of(p), p.speedup), 3, color(&p.strategy).mix(0.35).filled())),
            )
            .map_err(|e| e.to_string())?;
        for p in points.iter().filter(|p| p.labelled && p.speedup > 0.0) {
            let Some((l, h)) = p.interval else { continue };
            let style = color(&p.strategy).stroke_width(2);
            let x = x_of(p);
            chart.draw_series([PathElement::new(vec![(x, l), (x, h)], style)]).map_err(|e| e.to_string())?;
            chart
                .draw_series([l, h].map(|y| EmptyElement::at((x, y)) + PathElement::new(vec![(-5, 0), (5, 0)], style)))
                .map_err(|e| e.to_string())?;
        }
        for p in points.iter().filter(|p| p.labelled && p.speedup > 0.0) {
            let at = (x_of(p), p.speedup);
            let colour = color(&p.strategy);
            chart.draw_series(std::iter::once(Circle::new(at, 7, colour.filled()))).map_err(|e| e.to_string())?;
            let style = TextStyle::from((FONT, 13).into_font()).pos(Pos::new(HPos::Left, VPos::Bottom));
            chart
                .draw_series(std::iter::once(Text::new(format!("  {}", p.strategy), at, style)))
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_numbers_are_short() {
        assert_eq!(axis_text(1.2, false), "1.2");
        assert_eq!(axis_text(0.012, false), "0.012");
        assert_eq!(axis_text(0.05, false), "0.05");
        assert_eq!(axis_text(250.0, false), "250");
        assert_eq!(axis_text(2.0, false), "2");
        assert_eq!(axis_text(0.25, true), "25%");
    }

    #[test]
    fn log_ticks_follow_1_2_5() {
        assert_eq!(log_ticks(0.8, 12.0), vec![1.0, 2.0, 5.0, 10.0]);
        assert_eq!(log_ticks(251.0, 557.0), vec![300.0, 400.0, 500.0]);
        assert_eq!(log_ticks(1.05, 1.5), vec![1.2, 1.4]);
        assert_eq!(log_ticks(1.01, 1.1), vec![1.01, 1.1]);
    }

    #[test]
    fn dot_plot_renders_svg_with_labels() {
        let plot = DotPlot {
            rows: vec!["fib".into(), "nbody".into()],
            series: vec![Series {
                name: "template".into(),
                dots: vec![
                    Dot { row: 0, value: 3.0, interval: Some((2.5, 3.5)) },
                    Dot { row: 1, value: 0.5, interval: None },
                ],
            }],
            log_x: true,
            x_desc: "speed-up".into(),
            reference: Some(1.0),
            x_include: None,
            percent: false,
        };
        let svg = dot_plot(&plot).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
        assert!(svg.contains("fib") && svg.contains("nbody") && svg.contains("template"));
        // An empty plot still renders.
        let empty = DotPlot { rows: vec![], series: vec![], ..plot };
        assert!(dot_plot(&empty).unwrap().contains("<svg"));
    }

    #[test]
    fn other_charts_render() {
        let curves = [
            Curve { strategy: "interp".into(), times_ms: vec![3.0, 2.0, 2.0, 2.1], faint: false },
            Curve { strategy: "interp".into(), times_ms: vec![3.1, 2.2, 2.0, 2.0], faint: true },
        ];
        let svg = warmup_chart("fib", &curves, 1).unwrap();
        assert!(svg.contains("fib") && svg.contains("<polyline"), "{svg}");
        assert!(warmup_chart("none", &[], 0).unwrap().contains("<svg"));
        let points = [TradeoffPoint {
            strategy: "interp".into(),
            compile_ms: 0.0,
            speedup: 1.0,
            interval: Some((1.0, 1.0)),
            labelled: true,
        }];
        assert!(tradeoff_chart(&points).unwrap().contains("interp"));
    }
}
