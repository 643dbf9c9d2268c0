#!/usr/bin/env python3
"""The C API reference of the docs site, generated from the committed header include/cxkit.h.

Every declaration of the header (cbindgen's output: a ``/** … */`` doc comment, then a
``#define``, a ``typedef`` or a function prototype) becomes an entry with its doc comment:
functions with their prototype, structs with a table of their fields, enums with their
values, opaque handles and integer codes with the constants that go with them. Entries are
grouped by the core module they bind (by name prefix; a name no prefix claims lands in
"Other", so nothing is left out).

Used by the site's build hook (scripts/docs_hooks.py), or alone:

    python scripts/docs_c_api.py include/cxkit.h -o c-api.md
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

# (section title, core module, name prefixes). The longest matching prefix wins.
GROUPS: List[Tuple[str, str, Tuple[str, ...]]] = [
    ("Library, status codes and errors", "error", ("cx_version", "cx_status", "cx_last_error", "cxkit_", "cx_weak_r2")),
    ("Survey scores: NPS, CSAT, CES", "survey", (
        "cx_nps", "cx_csat", "cx_ces", "cx_top_box", "cx_wilson", "cx_wave_test", "cx_proportion",
        "cx_mean", "cx_interval", "cx_nan")),
    ("KANO", "kano", ("cx_kano",)),
    ("Lifetime value: BG/NBD, Pareto/NBD, Gamma-Gamma", "clv", (
        "cx_fit", "cx_bgnbd", "cx_pareto_nbd", "cx_gamma_gamma", "cx_customer_lifetime_value", "cx_period")),
    ("Customer value", "value", ("cx_delivered_value", "cx_value_at_risk", "cx_group_worth", "cx_group_gap")),
    ("Segments: RFM, value tiers, k-means", "segment", ("cx_rfm", "cx_value_tiers", "cx_kmeans", "cx_silhouette")),
    ("Service quality and reliability", "quality", (
        "cx_quality", "cx_servqual", "cx_servperf", "cx_zone", "cx_cronbach", "cx_alpha")),
    ("Key drivers and importance–performance", "drivers", (
        "cx_driver", "cx_key_drivers", "cx_shapley", "cx_missing", "cx_ipa", "cx_crosshair", "cx_quadrant",
        "cx_concentrate_here", "cx_keep_up_the_good_work", "cx_low_priority", "cx_possible_overkill")),
    ("PLS path models", "pls", ("cx_pls",)),
    ("Journeys", "journey", ("cx_indicator_tree", "cx_journey", "cx_window", "cx_node", "cx_reject")),
    ("Complaints", "complaints", ("cx_complaint",)),
    ("Customer comments", "text", ("cx_mask_pii", "cx_taxonomy", "cx_topic", "cx_impact")),
    ("The bank report", "report", ("cx_bank_report", "cx_demo_report")),
]
OTHER = ("Other", "", ())


@dataclass
class Item:
    """One declaration of the header."""

    kind: str  # "function", "struct", "enum", "opaque", "typedef", "constant"
    name: str
    doc: str
    code: str  # the declaration as written (the prototype, the typedef, the #define)
    members: List[Tuple[str, str, str]] = field(default_factory=list)  # (name, type or value, doc)


def _clean_comment(lines: List[str]) -> str:
    out = []
    for line in lines:
        s = line.strip()
        if s.startswith("/**"):
            s = s[3:]
        if s.endswith("*/"):
            s = s[:-2]
        s = s.strip()
        if s.startswith("*"):
            s = s[1:]
            if s.startswith(" "):
                s = s[1:]
        out.append(s.rstrip())
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _file_comment(text: str) -> str:
    """The header's opening comment (its conventions), as Markdown."""
    m = re.match(r"\s*/\*(.*?)\*/", text, re.S)
    if not m:
        return ""
    lines = [re.sub(r"^\s*\* ?", "", l) for l in m.group(1).splitlines()]
    return "\n".join(lines).strip()


def parse(text: str) -> List[Item]:
    """The declarations of a cbindgen header, in order."""
    lines = text.splitlines()
    items: List[Item] = []
    i = 0
    doc: Optional[str] = None
    n = len(lines)

    def read_comment(j: int) -> Tuple[str, int]:
        buf = []
        while j < n:
            buf.append(lines[j])
            if "*/" in lines[j]:
                break
            j += 1
        return _clean_comment(buf), j + 1

    # Skip the file's opening comment.
    if lines and lines[0].lstrip().startswith("/*") and not lines[0].lstrip().startswith("/**"):
        while i < n and "*/" not in lines[i]:
            i += 1
        i += 1
    while i < n:
        line = lines[i]
        s = line.strip()
        if s.startswith("/**"):
            doc, i = read_comment(i)
            continue
        if not s or s.startswith("//") or s.startswith("#include") or s.startswith("#if") or s.startswith(
            "#endif"
        ) or s.startswith("extern") or s.startswith("}  //") or s == "}":
            i += 1
            continue
        if s.startswith("#define"):
            parts = s.split(None, 2)
            name = parts[1]
            value = parts[2] if len(parts) > 2 else ""
            if value:  # the include guard has none
                items.append(Item("constant", name, doc or "", s, [(name, value, doc or "")]))
            doc = None
            i += 1
            continue
        if s.startswith("typedef enum") or s.startswith("typedef struct {") or s == "typedef struct {":
            kind = "enum" if s.startswith("typedef enum") else "struct"
            block = [line]
            members: List[Tuple[str, str, str]] = []
            mdoc = ""
            i += 1
            while i < n and not lines[i].startswith("}"):
                t = lines[i].strip()
                if t.startswith("/**"):
                    mdoc, i = read_comment(i)
                    continue
                if t:
                    block.append(lines[i])
                    if kind == "enum":
                        m = re.match(r"(\w+)\s*=\s*([^,]+),?", t)
                        if m:
                            members.append((m.group(1), m.group(2).strip(), mdoc))
                    else:
                        m = re.match(r"(.+?)\s*(\w+)(\[[^\]]*\])?;", t)
                        if m:
                            members.append((m.group(2), (m.group(1) + (m.group(3) or "")).strip(), mdoc))
                    mdoc = ""
                i += 1
            end = lines[i].strip()
            block.append(lines[i])
            name = re.match(r"}\s*(\w+);", end).group(1)
            items.append(Item(kind, name, doc or "", "\n".join(block), members))
            doc = None
            i += 1
            continue
        if s.startswith("typedef struct"):
            m = re.match(r"typedef struct (\w+) (\w+);", s)
            items.append(Item("opaque", m.group(2), doc or "", s))
            doc = None
            i += 1
            continue
        if s.startswith("typedef"):
            m = re.match(r"typedef (.+) (\w+);", s)
            items.append(Item("typedef", m.group(2), doc or "", s))
            doc = None
            i += 1
            continue
        # A function prototype, up to its semicolon.
        block = [line]
        while not block[-1].rstrip().endswith(";") and i + 1 < n:
            i += 1
            block.append(lines[i])
        proto = "\n".join(block)
        m = re.search(r"(cx_\w+)\s*\(", proto)
        if m:
            items.append(Item("function", m.group(1), doc or "", proto))
        doc = None
        i += 1
    return items


def group_of(name: str) -> Tuple[str, str, Tuple[str, ...]]:
    low = name.lower()
    best, length = OTHER, 0
    for g in GROUPS:
        for p in g[2]:
            if (low == p or low.startswith(p + "_") or low.startswith(p)) and len(p) > length:
                best, length = g, len(p)
    return best


def _doc_md(doc: str) -> str:
    """A doc comment as Markdown: its ``# Safety`` headings become bold paragraphs."""
    out = []
    for line in doc.splitlines():
        m = re.match(r"#+\s+(.*)", line)
        out.append(f"**{m.group(1)}.**" if m else line)
    return "\n".join(out) if doc else "*(no doc comment)*"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") if text else ""


KIND_TITLES = [
    ("function", "Functions"),
    ("struct", "Structs"),
    ("opaque", "Opaque handles"),
    ("enum", "Enums"),
    ("typedef", "Codes (integer types)"),
    ("constant", "Constants"),
]


def render(header: Path) -> str:
    """The C API reference page (Markdown) of ``header``."""
    text = header.read_text(encoding="utf-8")
    items = parse(text)
    version = next((it.members[0][1].strip('"') for it in items if it.name == "CXKIT_VERSION"), "?")
    counts: Dict[str, int] = {}
    for it in items:
        counts[it.kind] = counts.get(it.kind, 0) + 1
    out = [
        "# C API reference",
        "",
        f"Generated from `include/cxkit.h` (`CXKIT_VERSION` {version}) when the site is built, by",
        "`scripts/docs_c_api.py`: every function, type and constant of the header with its doc",
        f"comment — {counts.get('function', 0)} functions, "
        f"{counts.get('struct', 0) + counts.get('enum', 0) + counts.get('opaque', 0) + counts.get('typedef', 0)} types "
        f"and {counts.get('constant', 0)} constants, grouped by the core module they bind. See",
        "[Getting started: C](getting-started/c.md) for building and linking.",
        "",
        "The header's own conventions:",
        "",
        "```text",
        _file_comment(text),
        "```",
        "",
    ]
    ordered = GROUPS + [OTHER]
    by_group: Dict[str, List[Item]] = {g[0]: [] for g in ordered}
    for it in items:
        by_group[group_of(it.name)[0]].append(it)
    for title, module, _ in ordered:
        members = by_group[title]
        if not members:
            continue
        out += [f"## {title}", ""]
        if module:
            out += [f"Binds the core's `{module}` module.", ""]
        for kind, ktitle in KIND_TITLES:
            sel = [it for it in members if it.kind == kind]
            if not sel:
                continue
            if kind == "constant":
                out += [f"### {ktitle} ({title.split(':')[0].lower()}) {{#constants-{module or 'other'}}}", "",
                        "| constant | value | meaning |", "|---|---|---|"]
                for it in sel:
                    out.append(f"| <span id=\"{it.name}\"></span>`{it.name}` | `{_cell(it.members[0][1])}` | {_cell(it.doc)} |")
                out.append("")
                continue
            for it in sel:
                out += [f"### `{it.name}` {{#{it.name}}}", "", f"*{kind if kind != 'typedef' else 'code type'}*", ""]
                out += [_doc_md(it.doc), ""]
                if kind in ("function", "opaque", "typedef"):
                    out += ["```c", it.code.strip(), "```", ""]
                elif kind == "struct":
                    out += ["| field | type | meaning |", "|---|---|---|"]
                    out += [f"| `{m}` | `{_cell(t)}` | {_cell(d)} |" for m, t, d in it.members]
                    out.append("")
                elif kind == "enum":
                    out += ["| name | value | meaning |", "|---|---|---|"]
                    out += [f"| <span id=\"{m}\"></span>`{m}` | `{v}` | {_cell(d)} |" for m, v, d in it.members]
                    out.append("")
    return "\n".join(out) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("header", nargs="?", default=str(Path(__file__).resolve().parent.parent / "include" / "cxkit.h"))
    ap.add_argument("-o", "--out", help="write here (default: standard output)")
    args = ap.parse_args(argv)
    page = render(Path(args.header))
    if args.out:
        Path(args.out).write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
