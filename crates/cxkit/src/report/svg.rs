//! Small inline SVG charts: horizontal bars (with optional intervals), a labelled scatter
//! plot with crosshairs, and a heat map. No scripts, no external resources.

use std::fmt::Write;

/// Escapes text for HTML and SVG.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 190.0;
const ROW: f64 = 24.0;

/// One bar: label, value and an optional interval.
pub(crate) struct Bar {
    pub label: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

/// Horizontal bars on a shared axis from `lo` to `hi` (the data's range widened to include 0
/// when not given), values printed with `fmt`.
pub(crate) fn bars(title: &str, bars: &[Bar], fmt: &dyn Fn(f64) -> String) -> String {
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for b in bars {
        let (a, z) = b.interval.unwrap_or((b.value, b.value));
        lo = lo.min(a).min(b.value);
        hi = hi.max(z).max(b.value);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let plot = WIDTH - LABEL - 70.0;
    let x = |v: f64| LABEL + (v - lo) / (hi - lo) * plot;
    let height = 34.0 + ROW * bars.len() as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"><title>{}</title>"#,
        esc(title)
    );
    let _ = write!(
        s,
        r##"<line x1="{0:.1}" y1="20" x2="{0:.1}" y2="{1:.1}" stroke="#888" stroke-width="1"/>"##,
        x(0.0),
        height - 6.0
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 24.0 + ROW * i as f64;
        let (x0, x1) = (x(0.0).min(x(b.value)), x(0.0).max(x(b.value)));
        let colour = if b.value < 0.0 { "#c0504d" } else { "#4f81bd" };
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end">{}</text><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{colour}"/>"#,
            LABEL - 6.0,
            y + 13.0,
            esc(&b.label),
            y + 3.0,
            (x1 - x0).max(0.5),
            ROW - 8.0
        );
        if let Some((a, z)) = b.interval {
            let _ = write!(
                s,
                r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#222" stroke-width="1.5"/>"##,
                x(a),
                y + ROW / 2.0,
                x(z),
                y + ROW / 2.0
            );
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="11">{}</text>"#,
            x(hi) + 6.0,
            y + 13.0,
            esc(&fmt(b.value))
        );
    }
    s.push_str("</svg>");
    s
}

/// A scatter plot of labelled points with crosshairs at (`cx`, `cy`) and arrows from earlier
/// positions (x₀, y₀, x₁, y₁).
#[allow(clippy::too_many_arguments)]
pub(crate) fn scatter(
    title: &str,
    x_name: &str,
    y_name: &str,
    points: &[(String, f64, f64)],
    arrows: &[(f64, f64, f64, f64)],
    cx: f64,
    cy: f64,
    x_range: (f64, f64),
    y_range: (f64, f64),
) -> String {
    let (w, h, m) = (WIDTH, 420.0, 50.0);
    let x = |v: f64| m + (v - x_range.0) / (x_range.1 - x_range.0) * (w - 2.0 * m);
    let y = |v: f64| h - m - (v - y_range.0) / (y_range.1 - y_range.0) * (h - 2.0 * m);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>{}</title><rect x="{m}" y="{m}" width="{:.1}" height="{:.1}" fill="none" stroke="#888"/>"##,
        esc(title),
        w - 2.0 * m,
        h - 2.0 * m
    );
    let _ = write!(
        s,
        r##"<line x1="{0:.1}" y1="{m}" x2="{0:.1}" y2="{1:.1}" stroke="#aaa" stroke-dasharray="4 3"/><line x1="{m}" y1="{2:.1}" x2="{3:.1}" y2="{2:.1}" stroke="#aaa" stroke-dasharray="4 3"/>"##,
        x(cx),
        h - m,
        y(cy),
        w - m
    );
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle">{}</text><text x="14" y="{:.1}" font-size="12" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text>"#,
        w / 2.0,
        h - 12.0,
        esc(x_name),
        h / 2.0,
        h / 2.0,
        esc(y_name)
    );
    // Arrows from an earlier position (x0, y0) to the current one, e.g. a feature's move
    // between survey waves.
    if !arrows.is_empty() {
        s.push_str(r##"<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#c0504d"/></marker></defs>"##);
    }
    for &(x0, y0, x1, y1) in arrows {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="none" stroke="#c0504d"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#c0504d" stroke-width="1.5" marker-end="url(#arrowhead)"/>"##,
            x(x0),
            y(y0),
            x(x0),
            y(y0),
            x(x1),
            y(y1)
        );
    }
    // Labels go right of their point in the left half and left of it in the right half (so
    // none runs off the chart), and move down until they overlap no label placed before.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| y(points[a].2).total_cmp(&y(points[b].2)));
    let mut placed: Vec<(f64, f64, f64)> = Vec::new(); // left, right, baseline
    for i in order {
        let (label, px, py) = &points[i];
        let (px, py) = (x(*px), y(*py));
        let width = 5.6 * label.chars().count() as f64;
        let right_half = px > w / 2.0;
        let (left, anchor, tx) = if right_half {
            (px - 6.0 - width, "end", px - 6.0)
        } else {
            (px + 6.0, "start", px + 6.0)
        };
        let mut ty = py - 4.0;
        while placed
            .iter()
            .any(|&(l, r, b)| (b - ty).abs() < 12.0 && l < left + width && left < r)
        {
            ty += 12.0;
        }
        placed.push((left, left + width, ty));
        if ty - (py - 4.0) > 6.0 {
            let _ = write!(
                s,
                r##"<line x1="{px:.1}" y1="{py:.1}" x2="{tx:.1}" y2="{:.1}" stroke="#bbb" stroke-width="0.7"/>"##,
                ty - 3.0
            );
        }
        let _ = write!(
            s,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="4" fill="#4f81bd"/><text x="{tx:.1}" y="{ty:.1}" font-size="10" text-anchor="{anchor}">{}</text>"##,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// A heat map of 0–100 values (rows × columns), red (0) to green (100), grey without data.
pub(crate) fn heat_map(
    title: &str,
    columns: &[String],
    rows: &[(String, Vec<Option<f64>>)],
) -> String {
    let cell = ((WIDTH - LABEL) / columns.len().max(1) as f64).min(60.0);
    let (w, h) = (
        LABEL + cell * columns.len() as f64 + 10.0,
        40.0 + ROW * rows.len() as f64,
    );
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w:.1} {h:.1}" width="{w:.1}" height="{h:.1}"><title>{}</title>"#,
        esc(title)
    );
    for (j, c) in columns.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="14" font-size="9" text-anchor="middle">{}</text>"#,
            LABEL + cell * (j as f64 + 0.5),
            esc(c)
        );
    }
    for (i, (name, values)) in rows.iter().enumerate() {
        let y = 20.0 + ROW * i as f64;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end">{}</text>"#,
            LABEL - 6.0,
            y + 15.0,
            esc(name)
        );
        for (j, v) in values.iter().enumerate() {
            let fill = match v {
                Some(v) => {
                    let t = (v / 100.0).clamp(0.0, 1.0);
                    format!(
                        "rgb({},{},80)",
                        (220.0 * (1.0 - t) + 40.0) as u8,
                        (180.0 * t + 40.0) as u8
                    )
                }
                None => "#ddd".into(),
            };
            let _ = write!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"><title>{}: {}</title></rect>"#,
                LABEL + cell * j as f64,
                y + 2.0,
                cell - 2.0,
                ROW - 4.0,
                esc(name),
                v.map_or("no events".into(), |v| format!("{v:.0}"))
            );
        }
    }
    s.push_str("</svg>");
    s
}
