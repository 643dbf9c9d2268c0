//! A path diagram: boxes in layers from left to right (a box's layer is the length of the
//! longest path into it), arrows between neighbouring layers drawn straight, longer ones as
//! arcs above or below the row of boxes, nested so that they do not cross at their ends.

use std::fmt::Write;

use super::{esc, text_width, WIDTH};

/// A box of the diagram: its name and an optional second line (e.g. "R² 0.45").
pub(crate) struct Node {
    pub label: String,
    pub note: Option<String>,
}

/// An arrow between two boxes (indices into the nodes), with its label; strong arrows are
/// drawn dark and bold, the others grey and dashed.
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
    pub strong: bool,
}

const LINE: f64 = 13.0;
const GAP: f64 = 30.0;
const LEVEL: f64 = 24.0;
const MARGIN: f64 = 8.0;

/// The layer of every node: 0 without predecessors, else one more than its latest one. The
/// edges must form a DAG (a model's paths do: checked when it is built).
fn layers(n: usize, edges: &[Edge]) -> Vec<usize> {
    let mut layer = vec![0; n];
    for _ in 0..n {
        for e in edges {
            layer[e.to] = layer[e.to].max(layer[e.from] + 1);
        }
    }
    layer
}

/// Greedy word wrap into lines no wider than `width` at `size` px (a word wider than that,
/// e.g. a Chinese name without spaces, keeps a line of its own).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Which side of the row an arc runs on.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Above,
    Below,
}

/// The diagram as an SVG element with `title` and `description` for screen readers.
pub(crate) fn path_diagram(
    title: &str,
    description: &str,
    nodes: &[Node],
    edges: &[Edge],
) -> String {
    let layer = layers(nodes.len(), edges);
    let columns = layer.iter().max().map_or(1, |l| l + 1);
    let mut rows = vec![0usize; columns];
    let mut row_of = vec![0usize; nodes.len()];
    for (j, &l) in layer.iter().enumerate() {
        row_of[j] = rows[l];
        rows[l] += 1;
    }
    let slot = (WIDTH - 2.0 * MARGIN) / columns as f64;
    let box_w = slot - GAP;
    let text: Vec<Vec<String>> = nodes
        .iter()
        .map(|n| wrap(&n.label, box_w - 8.0, 11.0))
        .collect();
    let box_h = text.iter().map(Vec::len).max().unwrap_or(1) as f64 * LINE
        + if nodes.iter().any(|n| n.note.is_some()) {
            LINE
        } else {
            0.0
        }
        + 10.0;
    let tallest = rows.iter().copied().max().unwrap_or(1) as f64;
    let band = tallest * box_h + (tallest - 1.0) * GAP;

    // Arcs for the arrows that skip a layer: the shortest first, each on the side where it
    // needs the lowest level (above on a tie), at the first level where it overlaps no other.
    let mut long: Vec<usize> = (0..edges.len())
        .filter(|&i| layer[edges[i].to] > layer[edges[i].from] + 1)
        .collect();
    long.sort_by_key(|&i| {
        (
            layer[edges[i].to] - layer[edges[i].from],
            layer[edges[i].from],
        )
    });
    let span = |i: usize| {
        let (a, b) = (layer[edges[i].from], layer[edges[i].to]);
        (a.min(b), a.max(b))
    };
    let mut arc: Vec<Option<(Side, usize)>> = vec![None; edges.len()];
    for &i in &long {
        let (lo, hi) = span(i);
        let level_on = |side: Side| {
            (1..)
                .find(|&level| {
                    !long.iter().any(|&k| {
                        arc[k] == Some((side, level)) && {
                            let (a, b) = span(k);
                            a < hi && lo < b
                        }
                    })
                })
                .unwrap_or(1)
        };
        let (up, down) = (level_on(Side::Above), level_on(Side::Below));
        arc[i] = Some(if up <= down {
            (Side::Above, up)
        } else {
            (Side::Below, down)
        });
    }
    let levels = |side: Side| {
        arc.iter()
            .filter_map(|a| a.filter(|(s, _)| *s == side).map(|(_, l)| l))
            .max()
            .unwrap_or(0) as f64
    };
    let top = MARGIN + levels(Side::Above) * LEVEL + 8.0;
    let height = top + band + levels(Side::Below) * LEVEL + 8.0 + MARGIN;
    let left = |j: usize| MARGIN + layer[j] as f64 * slot + GAP / 2.0;
    let upper = |j: usize| {
        let offset = (tallest - rows[layer[j]] as f64) * (box_h + GAP) / 2.0;
        top + offset + row_of[j] as f64 * (box_h + GAP)
    };

    // Where each arc meets its boxes: spread along the box's edge, nested (the longer arc of
    // two ending at a box from the same direction meets it further out).
    let mut anchor = vec![(0.0, 0.0); edges.len()];
    for j in 0..nodes.len() {
        for side in [Side::Above, Side::Below] {
            let mut ends: Vec<(usize, f64)> = long
                .iter()
                .copied()
                .filter(|&i| arc[i].map(|a| a.0) == Some(side))
                .filter_map(|i| {
                    let e = &edges[i];
                    let other = if e.from == j {
                        e.to
                    } else if e.to == j {
                        e.from
                    } else {
                        return None;
                    };
                    // Arcs coming from the left first, nearest to farthest, then those
                    // leaving to the right, farthest to nearest.
                    let d = layer[other] as f64 - layer[j] as f64;
                    Some((i, if d < 0.0 { -1.0 / d } else { 1e6 - d }))
                })
                .collect();
            ends.sort_by(|a, b| a.1.total_cmp(&b.1));
            let k = ends.len() as f64;
            for (pos, (i, _)) in ends.iter().enumerate() {
                let x = left(j) + box_w * (pos as f64 + 1.0) / (k + 1.0);
                let end = if edges[*i].from == j { 0 } else { 1 };
                if end == 0 {
                    anchor[*i].0 = x;
                } else {
                    anchor[*i].1 = x;
                }
            }
        }
    }

    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}"><title>{}</title><desc>{}</desc><defs><marker id="path-strong" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1f3b5a"/></marker><marker id="path-weak" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#999"/></marker></defs>"##,
        esc(title),
        esc(description)
    );
    let mut labels = String::new();
    for (i, e) in edges.iter().enumerate() {
        let (stroke, width, dash, marker, weight) = if e.strong {
            ("#1f3b5a", 2.0, "", "path-strong", "bold")
        } else {
            (
                "#999",
                1.0,
                r#" stroke-dasharray="4 3""#,
                "path-weak",
                "normal",
            )
        };
        let (d, lx, ly) = match arc[i] {
            Some((side, level)) => {
                let (x1, x2) = anchor[i];
                let rise = level as f64 * LEVEL;
                let (y1, y2, apex) = match side {
                    Side::Above => (upper(e.from), upper(e.to), top - rise),
                    Side::Below => (
                        upper(e.from) + box_h,
                        upper(e.to) + box_h,
                        top + band + rise,
                    ),
                };
                // A cubic whose control points sit above its ends peaks at 3/4 of their
                // height: put them at 4/3 of the rise to peak on the level.
                let c = |y: f64| y + (apex - y) * 4.0 / 3.0;
                (
                    format!(
                        "M {x1:.1} {y1:.1} C {x1:.1} {:.1} {x2:.1} {:.1} {x2:.1} {y2:.1}",
                        c(y1),
                        c(y2)
                    ),
                    (x1 + x2) / 2.0,
                    apex,
                )
            }
            None => {
                let (x1, x2) = (left(e.from) + box_w, left(e.to));
                let (y1, y2) = (upper(e.from) + box_h / 2.0, upper(e.to) + box_h / 2.0);
                (
                    format!("M {x1:.1} {y1:.1} L {x2:.1} {y2:.1}"),
                    (x1 + x2) / 2.0,
                    (y1 + y2) / 2.0 - 4.0,
                )
            }
        };
        let _ = write!(
            s,
            r##"<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{width}"{dash} marker-end="url(#{marker})"/>"##
        );
        // The label on a white patch, so that a line under it does not strike it through.
        let lw = text_width(&e.label, 10.0) + 4.0;
        let _ = write!(
            labels,
            r##"<rect x="{:.1}" y="{:.1}" width="{lw:.1}" height="12" fill="#fff" opacity="0.85"/><text x="{lx:.1}" y="{:.1}" font-size="10" font-weight="{weight}" text-anchor="middle">{}</text>"##,
            lx - lw / 2.0,
            ly - 6.0,
            ly + 3.5,
            esc(&e.label)
        );
    }
    for (j, n) in nodes.iter().enumerate() {
        let (x, y) = (left(j), upper(j));
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{box_w:.1}" height="{box_h:.1}" rx="6" fill="#dce6f1" stroke="#4f81bd"/>"##
        );
        let mut ty = y + 5.0 + LINE - 2.0;
        for line in &text[j] {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{ty:.1}" font-size="11" text-anchor="middle">{}</text>"#,
                x + box_w / 2.0,
                esc(line)
            );
            ty += LINE;
        }
        if let Some(note) = &n.note {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#444" text-anchor="middle">{}</text>"##,
                x + box_w / 2.0,
                y + box_h - 6.0,
                esc(note)
            );
        }
    }
    s.push_str(&labels);
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: usize, to: usize) -> Edge {
        Edge {
            from,
            to,
            label: format!("{from}→{to}"),
            strong: from % 2 == 0,
        }
    }

    #[test]
    fn layers_are_longest_paths() {
        // 0 → 1 → 2 and 0 → 2: node 2 is two layers right of 0, not one.
        assert_eq!(layers(3, &[edge(0, 2), edge(1, 2), edge(0, 1)]), [0, 1, 2]);
        // Two sources feeding one sink share the first layer.
        assert_eq!(layers(3, &[edge(0, 2), edge(1, 2)]), [0, 0, 1]);
    }

    #[test]
    fn wraps_at_spaces_only() {
        assert_eq!(
            wrap("Perceived quality", 60.0, 11.0),
            ["Perceived", "quality"]
        );
        assert_eq!(wrap("Loyalty", 60.0, 11.0), ["Loyalty"]);
        assert_eq!(wrap("感知质量", 20.0, 11.0), ["感知质量"]);
    }

    #[test]
    fn every_box_arrow_and_label_is_drawn() {
        // The ECSI chain without complaints: six boxes in six layers, ten arrows of which
        // five skip a layer and become arcs.
        let nodes: Vec<Node> = (0..6)
            .map(|i| Node {
                label: format!("construct {i}"),
                note: (i > 0).then(|| format!("R² 0.{i}")),
            })
            .collect();
        let paths = [
            (0, 1),
            (0, 4),
            (0, 5),
            (1, 2),
            (1, 3),
            (1, 4),
            (2, 3),
            (2, 4),
            (3, 4),
            (4, 5),
        ];
        let edges: Vec<Edge> = paths.iter().map(|&(a, b)| edge(a, b)).collect();
        let svg = path_diagram("t", "d", &nodes, &edges);
        assert_eq!(svg.matches(r#"rx="6""#).count(), 6);
        assert_eq!(svg.matches("marker-end=").count(), 10);
        assert_eq!(svg.matches(" C ").count(), 5);
        // Strong arrows start at even nodes: six of the ten.
        assert_eq!(svg.matches("url(#path-strong)").count(), 6);
        assert_eq!(svg.matches("stroke-dasharray").count(), 4);
        for (a, b) in paths {
            assert!(svg.contains(&format!(">{a}→{b}</text>")));
        }
        assert_eq!(svg.matches("R² 0.").count(), 5);
        // Every arc's end sits on a box edge, and no two arcs share an end point.
        let mut ends = Vec::new();
        for p in svg.split("<path d=\"M ").skip(3) {
            let d: Vec<&str> = p[..p.find('"').unwrap()].split(' ').collect();
            if d.contains(&"C") {
                ends.push((d[0].to_string(), d[1].to_string()));
                ends.push((d[d.len() - 2].to_string(), d[d.len() - 1].to_string()));
            }
        }
        let distinct: std::collections::BTreeSet<_> = ends.iter().collect();
        assert_eq!(distinct.len(), ends.len(), "{ends:?}");
    }
}
