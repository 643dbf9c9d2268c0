"""MkDocs hooks of the docs site (mkdocs.yml: ``hooks: [scripts/docs_hooks.py]``).

At build time they add the pages and files that are made, not written:

- ``c-api.md``, the C API reference, from include/cxkit.h (scripts/docs_c_api.py);
- ``notebooks/<name>.md``, one page per example notebook, executed: the copies in
  ``$CXKIT_DOCS_NOTEBOOKS`` when scripts/docs.sh has run them already, else run here
  (scripts/docs_notebooks.py);
- ``rust/…``, the Rust API (``cargo doc`` output, ``$CXKIT_DOCS_RUST``, default target/doc),
  or a placeholder page when the Rust docs were not built (``CXKIT_DOCS_SKIP_RUST=1`` with
  no target/doc).

They also turn the formulas into MathML while the site builds (arithmatex's ``\\(…\\)`` and
``\\[…\\]`` through latex2mathml, so no MathJax and no script from anywhere), and after the
build fail it when any page loads a script, a style sheet or a font from another host.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import docs_c_api  # noqa: E402
import docs_notebooks  # noqa: E402

def on_startup(command, dirty):
    # Material's search plugin segments the Chinese text of the pages with jieba when it is
    # installed (the tests install it), and jieba logs its dictionary loading to stderr.
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


RUST_PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cxkit — Rust API (not built)</title></head>
<body><h1>Rust API</h1><p>This build of the site skipped the Rust documentation
(<code>CXKIT_DOCS_SKIP_RUST=1</code> and no <code>target/doc</code>). Run
<code>scripts/docs.sh</code> without it, or <code>cargo doc --no-deps -p cxkit</code> and
open <code>target/doc/cxkit/index.html</code>.</p></body></html>
"""


# Files copied into the site as they are after the build (not pages, whatever their name).
_COPY_AFTER: list = []


@event_priority(100)  # before the other plugins, so the search index sees the made pages
def on_files(files, config):
    _COPY_AFTER.clear()
    # The C API reference.
    files.append(File.generated(config, "c-api.md", content=docs_c_api.render(ROOT / "include" / "cxkit.h")))

    # The notebooks, executed.
    executed = os.environ.get("CXKIT_DOCS_NOTEBOOKS")
    for nb_path in docs_notebooks.notebooks():
        import nbformat

        copy = Path(executed) / nb_path.name if executed else None
        if copy is not None and copy.exists():
            nb = nbformat.read(copy, as_version=4)
        else:
            nb = docs_notebooks.execute(nb_path)
        page = docs_notebooks.markdown(nb, source=str(nb_path.relative_to(ROOT)))
        files.append(File.generated(config, f"notebooks/{nb_path.stem}.md", content=page))

    # The glossary: the README's, so that there is one.
    files.append(File.generated(config, "glossary.md", content=glossary(ROOT / "README.md")))

    # The Rust API.
    rust = Path(os.environ.get("CXKIT_DOCS_RUST", ROOT / "target" / "doc"))
    if (rust / "cxkit" / "index.html").exists():
        for path in sorted(rust.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                rel = path.relative_to(rust).as_posix()
                if path.suffix == ".md":  # a font licence: MkDocs would take it for a page
                    _COPY_AFTER.append((path, f"rust/{rel}"))
                else:
                    files.append(File.generated(config, f"rust/{rel}", abs_src_path=str(path)))
    elif os.environ.get("CXKIT_DOCS_SKIP_RUST") == "1":
        # A placeholder at every Rust API address the pages link to.
        docs = Path(config["docs_dir"])
        linked = {"rust/cxkit/index.html"}
        for md in docs.rglob("*.md"):
            linked |= set(re.findall(r"\]\((rust/[^)#\s]+\.html)", md.read_text(encoding="utf-8")))
        for rel in sorted(linked):
            files.append(File.generated(config, rel, content=RUST_PLACEHOLDER))
    else:
        raise PluginError(f"no Rust docs at {rust}/cxkit/index.html: run cargo doc --no-deps -p cxkit "
                          "(scripts/docs.sh does), or set CXKIT_DOCS_SKIP_RUST=1")
    return files


def glossary(readme: Path) -> str:
    """The glossary page: the README's glossary section, under a page title."""
    text = readme.read_text(encoding="utf-8")
    m = re.search(r"^(#+) Glossary[^\n]*\n(.*?)(?=^#{1,3} )", text, re.S | re.M)
    if not m:
        raise PluginError("README.md has no 'Glossary' section for the glossary page")
    return ("# Glossary\n\nThe words of CX analysis and cxkit's names for them (the README's glossary; "
            "the module pages give the formulas).\n\n" + m.group(2).strip() + "\n")


_INLINE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.*?)\\\]</div>', re.S)


def _mathml(tex: str, display: str) -> str:
    from latex2mathml.converter import convert

    try:
        return convert(html.unescape(tex).strip(), display=display)
    except Exception as e:  # noqa: BLE001 - a formula that does not convert fails the build
        raise PluginError(f"formula {tex!r} does not convert to MathML: {e}") from e


def on_page_content(content, page, config, files):
    content = _BLOCK.sub(lambda m: '<div class="cx-math">' + _mathml(m.group(1), "block") + "</div>", content)
    content = _INLINE.sub(lambda m: _mathml(m.group(1), "inline"), content)
    return content


# A URL on another host loaded as a script, style sheet, font or frame (not a plain link).
_EXTERNAL = [
    re.compile(r"<script[^>]*\ssrc=[\"']?(?:https?:)?//", re.I),
    re.compile(r"<link[^>]*\shref=[\"']?(?:https?:)?//[^>]*>", re.I),
    re.compile(r"<(?:iframe|img|audio|video|source)[^>]*\ssrc=[\"']?(?:https?:)?//", re.I),
    re.compile(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.I),
    re.compile(r"import\(\s*[\"'](?:https?:)?//", re.I),
]


def external_loads(site: Path):
    """(file, excerpt) for each script, style sheet, font, frame or image that a built page
    or style sheet would fetch from another host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pat in _EXTERNAL:
            for m in pat.finditer(text):
                tag = m.group(0)
                if pat.pattern.startswith("<link") and not re.search(r"rel=[\"']?(stylesheet|preload|preconnect|icon|modulepreload|manifest)", tag, re.I):
                    continue
                found.append((path.relative_to(site).as_posix(), text[m.start(): m.start() + 160]))
    return found


def on_post_build(config):
    site = Path(config["site_dir"])
    for src, rel in _COPY_AFTER:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, site / rel)
    bad = external_loads(site)
    if bad:
        lines = "\n".join(f"  {f}: {x!r}" for f, x in bad[:20])
        raise PluginError(f"{len(bad)} external load(s) in the built site (it must work offline):\n{lines}")
