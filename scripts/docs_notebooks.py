#!/usr/bin/env python3
"""The example notebooks of examples/notebooks: run them and turn them into site pages.

    python scripts/docs_notebooks.py execute --out DIR [NOTEBOOK ...]

runs each notebook top to bottom with nbclient (the ``python3`` kernel of the Python that
runs this script: ipykernel in .venv), two at a time, and writes the executed copies into
DIR; it fails on the first cell that raises. The committed notebooks stay without outputs.
``markdown(nb)`` renders an executed notebook as a Markdown page of the site: markdown cells
as they are, code cells as Python blocks, printed text and plain results as text blocks,
tables as their HTML, charts as inline PNG images (no file to fetch, nothing from the
network). scripts/docs_hooks.py calls it while the site builds.
"""

from __future__ import annotations

import argparse
import base64
import html
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "examples" / "notebooks"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def notebooks() -> List[Path]:
    """The example notebooks, in name order (their names start with their number)."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def execute(path: Path, timeout: int = 300):
    """The notebook at ``path`` run top to bottom in a fresh kernel started in its folder;
    raises nbclient's CellExecutionError on the first failing cell. The kernel (the
    ``python3`` kernel of this Python: its ipykernel, its cxkit) talks over local sockets in
    a temporary folder, not TCP."""
    import shutil
    import tempfile

    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    sockets = tempfile.mkdtemp(prefix="cxkit-kernel-")
    km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))
    try:
        NotebookClient(
            nb,
            km=km,
            timeout=timeout,
            resources={"metadata": {"path": str(path.parent)}},
            allow_errors=False,
        ).execute()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    return nb


def execute_all(paths: List[Path], out: Path, jobs: int = 2) -> None:
    import nbformat

    out.mkdir(parents=True, exist_ok=True)

    def one(p: Path) -> str:
        t = time.perf_counter()
        nb = execute(p)
        nbformat.write(nb, out / p.name)
        return f"{p.name}: {time.perf_counter() - t:.1f} s"

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for line in pool.map(one, paths):
            print(f"executed {line}", file=sys.stderr)


def _text(s) -> str:
    return _ANSI.sub("", "".join(s) if isinstance(s, list) else s)


def _fence(text: str, lang: str = "text") -> str:
    text = text.rstrip("\n")
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}{lang}\n{text}\n{ticks}"


def _html_block(raw: str) -> str:
    """Raw HTML as one block Markdown passes through: no blank lines inside."""
    lines = [l for l in raw.strip().splitlines() if l.strip()]
    return '<div class="cx-nb-output">\n' + "\n".join(lines) + "\n</div>"


def _output(out) -> Optional[str]:
    kind = out.get("output_type")
    if kind == "stream":
        text = _text(out.get("text", ""))
        return _fence(text) if text.strip() else None
    if kind == "error":
        return _fence(_text("\n".join(out.get("traceback", []))))
    data = out.get("data", {})
    if "image/png" in data:
        png = data["image/png"]
        png = "".join(png) if isinstance(png, list) else png
        png = png.replace("\n", "")
        base64.b64decode(png, validate=True)
        alt = html.escape(_text(data.get("text/plain", "chart")).strip().strip("<>"), quote=True)
        return f'<p class="cx-nb-figure"><img alt="{alt}" src="data:image/png;base64,{png}"></p>'
    if "text/html" in data:
        return _html_block(_text(data["text/html"]))
    if "text/markdown" in data:
        return _text(data["text/markdown"])
    if "text/plain" in data:
        return _fence(_text(data["text/plain"]))
    return None


def markdown(nb, source: str = "") -> str:
    """An executed notebook as a Markdown page."""
    parts: List[str] = []
    for cell in nb.cells:
        src = _text(cell.source)
        if cell.cell_type == "markdown":
            parts.append(src)
        elif cell.cell_type == "code":
            if src.strip():
                parts.append(_fence(src, "python"))
            for out in cell.get("outputs", []):
                rendered = _output(out)
                if rendered:
                    parts.append(rendered)
    if source:
        # After the first heading: where the notebook lives.
        note = f"*This page is the notebook `{source}`, run when the site was built.*"
        for i, p in enumerate(parts):
            if p.lstrip().startswith("# "):
                lines = p.lstrip().split("\n", 1)
                parts[i] = lines[0] + "\n\n" + note + ("\n\n" + lines[1] if len(lines) > 1 else "")
                break
        else:
            parts.insert(0, note)
    return "\n\n".join(parts) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="run the notebooks and write the executed copies")
    ex.add_argument("--out", required=True, type=Path)
    ex.add_argument("--jobs", type=int, default=2)
    ex.add_argument("notebooks", nargs="*", type=Path)
    args = ap.parse_args(argv)
    paths = args.notebooks or notebooks()
    if not paths:
        print(f"no notebooks in {NOTEBOOKS}", file=sys.stderr)
        return 1
    execute_all(paths, args.out, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
