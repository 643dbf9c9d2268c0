//! Small inline SVG charts: horizontal bars (with optional intervals), a labelled scatter
//! plot with crosshairs, a heat map and a path diagram (`path.rs`). No scripts, no external
//! resources.

use std::fmt::Write;

mod path;

pub(crate) use path::{path_diagram, Edge, Node};

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

/// The width of text at a font size: full-width (CJK) characters take the whole size, others
/// a little over half of it.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            let wide = matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}'
                | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}'
                | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}');
            if wide {
                size
            } else {
                0.58 * size
            }
        })
        .sum()
}

/// A number with at most `decimals` decimals, without trailing zeros (0.95 → "0.95", 95.0 →
/// "95").
pub(crate) fn trimmed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// An axis tick's number: whole above 10, else at most two decimals.
fn tick(v: f64) -> String {
    trimmed(v, if v.abs() >= 10.0 { 0 } else { 2 })
}

/// An axis-aligned box in chart coordinates (y down).
#[derive(Debug, Clone, Copy)]
struct Rect {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Rect {
    /// The square of half-side `r` around a point.
    fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            left: x - r,
            right: x + r,
            top: y - r,
            bottom: y + r,
        }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.left < o.right && o.left < self.right && self.top < o.bottom && o.top < self.bottom
    }

    /// Whether the segment (x0, y0)–(x1, y1) passes through the box (Liang–Barsky clipping).
    fn crosses(&self, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
        let (dx, dy) = (x1 - x0, y1 - y0);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, x0 - self.left),
            (dx, self.right - x0),
            (-dy, y0 - self.top),
            (dy, self.bottom - y0),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t0 <= t1
    }
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
    // Ticks at both ends of each axis and at the crosshair (unless it sits on an end).
    let ticks = |lo: f64, mid: f64, hi: f64, at: &dyn Fn(f64) -> f64| {
        let mut v = vec![lo, hi];
        if (at(mid) - at(lo)).abs() > 24.0 && (at(hi) - at(mid)).abs() > 24.0 {
            v.push(mid);
        }
        v
    };
    for v in ticks(x_range.0, cx, x_range.1, &x) {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle">{}</text>"#,
            x(v),
            h - m + 12.0,
            tick(v)
        );
    }
    for v in ticks(y_range.0, cy, y_range.1, &y) {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="end">{}</text>"#,
            m - 4.0,
            y(v) + 3.0,
            tick(v)
        );
    }
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
    // Each label takes the first free place near its point: beside it (right in the left half,
    // left in the right half, then the other side), moved up or down a line at a time, never
    // over another label, point or arrow, nor off the chart; a label moved away from its point
    // gets a leader line.
    let arrow_lines: Vec<(f64, f64, f64, f64)> = arrows
        .iter()
        .map(|&(x0, y0, x1, y1)| (x(x0), y(y0), x(x1), y(y1)))
        .collect();
    let dots: Vec<(f64, f64)> = points
        .iter()
        .map(|(_, px, py)| (x(*px), y(*py)))
        .chain(arrow_lines.iter().map(|a| (a.0, a.1)))
        .collect();
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| y(points[a].2).total_cmp(&y(points[b].2)));
    let mut placed: Vec<Rect> = Vec::new();
    for i in order {
        let label = &points[i].0;
        let (px, py) = dots[i];
        let width = text_width(label, 10.0);
        let box_at = |right: bool, baseline: f64| {
            let left = if right { px + 6.0 } else { px - 6.0 - width };
            Rect {
                left,
                right: left + width,
                top: baseline - 9.0,
                bottom: baseline + 2.0,
            }
        };
        let free = |r: &Rect| {
            r.left >= 2.0
                && r.right <= w - 2.0
                && r.top >= 2.0
                && r.bottom <= h - 24.0
                && !placed.iter().any(|p| p.overlaps(r))
                && !dots
                    .iter()
                    .any(|&(dx, dy)| r.overlaps(&Rect::around(dx, dy, 4.0)))
                && !arrow_lines.iter().any(|&l| r.crosses(l))
        };
        let prefer_right = px <= w / 2.0;
        // Offsets 0, −12, +12, −24, +24, … from just above the point, on either side.
        let (right, ty) = (0..24)
            .flat_map(|k: i32| {
                let step = f64::from((k + 1) / 2) * if k % 2 == 1 { -12.0 } else { 12.0 };
                [prefer_right, !prefer_right].map(|right| (right, py - 4.0 + step))
            })
            .find(|&(right, ty)| free(&box_at(right, ty)))
            .unwrap_or((prefer_right, py - 4.0));
        let r = box_at(right, ty);
        let (anchor, tx) = if right {
            ("start", r.left)
        } else {
            ("end", r.right)
        };
        if (ty - (py - 4.0)).abs() > 6.0 {
            let _ = write!(
                s,
                r##"<line x1="{px:.1}" y1="{py:.1}" x2="{tx:.1}" y2="{:.1}" stroke="#bbb" stroke-width="0.7"/>"##,
                ty - 3.0
            );
        }
        placed.push(r);
        let _ = write!(
            s,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="4" fill="#4f81bd"/><text x="{tx:.1}" y="{ty:.1}" font-size="10" text-anchor="{anchor}">{}</text>"##,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// A heat map of 0–100 values (rows × columns), red (0) to green (100), grey without data
/// (whose tooltip says `no_data`).
pub(crate) fn heat_map(
    title: &str,
    columns: &[String],
    rows: &[(String, Vec<Option<f64>>)],
    no_data: &str,
) -> String {
    let cell = ((WIDTH - LABEL) / columns.len().max(1) as f64).min(60.0);
    let top = 32.0;
    let (w, h) = (
        LABEL + cell * columns.len() as f64 + 10.0,
        top + 20.0 + ROW * rows.len() as f64,
    );
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w:.1} {h:.1}" width="{w:.1}" height="{h:.1}"><title>{}</title>"#,
        esc(title)
    );
    // Columns "YYYY-MM" are headed by the month, with the year above its first month.
    let mut year = None;
    for (j, c) in columns.iter().enumerate() {
        let left = LABEL + cell * j as f64;
        let (first, second) = c
            .split_once('-')
            .map_or((None, c.as_str()), |(a, b)| (Some(a), b));
        if first.is_some() && first != year {
            let _ = write!(
                s,
                r#"<text x="{left:.1}" y="11" font-size="10" font-weight="600">{}</text>"#,
                esc(first.unwrap_or_default())
            );
            year = first;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="25" font-size="10" text-anchor="middle">{}</text>"#,
            left + cell / 2.0,
            esc(second)
        );
    }
    for (i, (name, values)) in rows.iter().enumerate() {
        let y = top + ROW * i as f64;
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
                v.map_or(esc(no_data), |v| format!("{v:.0}"))
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_wider_than_latin() {
        // "ab" at 10 px: 2 × 5.8; "魅力" at 10 px: 2 × 10; the full-width parentheses too.
        assert!((text_width("ab", 10.0) - 11.6).abs() < 1e-12);
        assert!((text_width("魅力（）", 10.0) - 40.0).abs() < 1e-12);
    }

    #[test]
    fn ticks() {
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(0.5), "0.5");
        assert_eq!(tick(1.0), "1");
        assert_eq!(tick(0.3333), "0.33");
        assert_eq!(tick(76.4), "76");
        assert_eq!(tick(100.0), "100");
        assert_eq!(trimmed(100.0 * 0.57, 2), "57");
        assert_eq!(trimmed(97.5, 2), "97.5");
    }

    #[test]
    fn segments_and_boxes() {
        let r = Rect {
            left: 0.0,
            right: 10.0,
            top: 0.0,
            bottom: 10.0,
        };
        assert!(r.crosses((-5.0, 5.0, 15.0, 5.0))); // straight through
        assert!(r.crosses((5.0, 5.0, 50.0, 50.0))); // starts inside
        assert!(!r.crosses((-5.0, 20.0, 15.0, 20.0))); // below
        assert!(!r.crosses((11.0, -5.0, 30.0, 5.0))); // to the right
        assert!(!r.crosses((-10.0, 0.0, 0.0, -10.0))); // passes the corner outside
        assert!(r.overlaps(&Rect::around(10.0, 10.0, 1.0)));
        assert!(!r.overlaps(&Rect::around(20.0, 20.0, 4.0)));
    }

    #[test]
    fn labels_avoid_arrows_and_each_other() {
        // Three points stacked at the top left, an arrow running right through where their
        // labels would go: every label box is clear of the arrow and of each other.
        let points: Vec<(String, f64, f64)> = (0..3)
            .map(|i| (format!("feature {i}"), 0.05, 0.9 - 0.01 * f64::from(i)))
            .collect();
        let svg = scatter(
            "t",
            "x",
            "y",
            &points,
            &[(0.05, 0.9, 0.9, 0.9)],
            0.5,
            0.5,
            (0.0, 1.0),
            (0.0, 1.0),
        );
        let (w, h, m) = (WIDTH, 420.0, 50.0);
        let arrow = (
            m + 0.05 * (w - 2.0 * m),
            h - m - 0.9 * (h - 2.0 * m),
            m + 0.9 * (w - 2.0 * m),
            h - m - 0.9 * (h - 2.0 * m),
        );
        let mut boxes: Vec<Rect> = Vec::new();
        for part in svg
            .split("<text ")
            .filter(|p| p.contains("font-size=\"10\""))
        {
            let attr = |name: &str| -> f64 {
                let v = part.split(&format!("{name}=\"")).nth(1).unwrap();
                v[..v.find('"').unwrap()].parse().unwrap()
            };
            let label = &part[part.find('>').unwrap() + 1..part.find('<').unwrap()];
            let width = text_width(label, 10.0);
            let left = if part.contains("\"end\"") {
                attr("x") - width
            } else {
                attr("x")
            };
            let b = Rect {
                left,
                right: left + width,
                top: attr("y") - 9.0,
                bottom: attr("y") + 2.0,
            };
            assert!(!b.crosses(arrow), "{label} on the arrow");
            assert!(!boxes.iter().any(|o| o.overlaps(&b)), "{label} on a label");
            boxes.push(b);
        }
        assert_eq!(boxes.len(), 3);
    }
}
