"""The user guide (scripts/docs.sh → target/site) and its executed notebooks.

- every notebook of examples/notebooks runs top to bottom in a fresh kernel of this Python
  (nbclient, ipykernel), failing on any error;
- the notebooks are kept without outputs or execution counts;
- the whole docs build passes with warnings as errors (mkdocs build --strict, through
  scripts/docs.sh, which also runs cargo doc; CXKIT_DOCS_SKIP_RUST=1 skips that step);
- the built site loads nothing from another host, documents every public Python name
  (cxkit, cxkit.plot, cxkit.spark, cxkit.dask) with its signature and docstring, lists every
  cx_ function and type of include/cxkit.h on its C API page, and links the Rust API.

The docs build reuses the notebooks the first test ran (CXKIT_DOCS_NOTEBOOKS), so each runs
once per session.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
SITE = ROOT / "target" / "site"

sys.path.insert(0, str(ROOT / "scripts"))
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("mkdocs")

import docs_c_api  # noqa: E402
import docs_hooks  # noqa: E402
import docs_notebooks  # noqa: E402


@pytest.fixture(scope="session")
def executed_dir(tmp_path_factory):
    """Where the notebook tests leave their executed copies for the docs build."""
    return tmp_path_factory.mktemp("executed-notebooks")


def test_there_are_five_notebooks():
    assert len(NOTEBOOKS) >= 5, [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, executed_dir):
    nb = docs_notebooks.execute(path)  # raises CellExecutionError on the first failing cell
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    # A chart per notebook at least: the point of cxkit.plot in them.
    assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])), path.name
    nbformat.write(nb, executed_dir / path.name)


def _tracked_notebooks():
    """The notebooks git has or would add (tracked, or new and not ignored)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "examples/notebooks"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return NOTEBOOKS
    return [ROOT / p for p in out if p.endswith(".ipynb")]


def test_notebooks_are_committed_without_outputs():
    paths = _tracked_notebooks()
    assert len(paths) >= 5
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                assert cell.get("outputs") == [], f"{path.name}, cell {i}: has outputs"
                assert cell.get("execution_count") is None, f"{path.name}, cell {i}: has an execution count"
        assert nb.metadata.get("kernelspec", {}).get("name") == "python3", path.name


@pytest.fixture(scope="session")
def site(executed_dir):
    """The site, built by scripts/docs.sh (warnings are errors)."""
    env = dict(os.environ, PYTHON=sys.executable)
    if all((executed_dir / p.name).exists() for p in NOTEBOOKS):
        env["CXKIT_DOCS_NOTEBOOKS"] = str(executed_dir)
    run = subprocess.run(["bash", str(ROOT / "scripts" / "docs.sh")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"scripts/docs.sh failed:\n{run.stdout}\n{run.stderr}"
    assert "WARNING" not in run.stderr, run.stderr
    return SITE


def _pages(site: Path):
    return [p for p in site.rglob("*.html") if "rust" not in p.relative_to(site).parts]


def test_docs_build_strict(site):
    for page in ["index.html", "getting-started/python.html", "getting-started/rust.html",
                 "getting-started/c.html", "which-method.html", "glossary.html", "c-api.html",
                 "rust.html", "data-schema.html", "bad-input.html"]:
        assert (site / page).is_file(), page
    for nb in NOTEBOOKS:
        page = (site / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "data:image/png;base64," in page, nb.name  # the executed charts are in the page
        assert "Traceback" not in page, nb.name


def test_docs_load_nothing_from_the_network(site):
    assert docs_hooks.external_loads(site) == []
    # No MathJax, no web fonts: formulas are MathML written at build time.
    text = (site / "modules" / "survey.html").read_text(encoding="utf-8")
    assert "<math" in text and "mathjax" not in text.lower() and "fonts.googleapis" not in text


def test_every_public_name_is_in_the_api_reference(site):
    import cxkit
    import cxkit.dask
    import cxkit.plot
    import cxkit.spark

    ids = set()
    for page in _pages(site):
        ids |= set(re.findall(r'id="(cxkit\.[\w.]+)"', page.read_text(encoding="utf-8")))
    names = list(getattr(cxkit, "__all__", [n for n in dir(cxkit) if not n.startswith("_")]))
    wanted = [f"cxkit.{n}" for n in names]
    for mod in (cxkit.plot, cxkit.spark, cxkit.dask):
        public = getattr(mod, "__all__", [n for n in dir(mod) if not n.startswith("_")])
        wanted += [f"{mod.__name__}.{n}" for n in public]
    missing = [w for w in wanted if w not in ids]
    assert not missing, f"not in the API reference: {missing}"


def _block(page: Path, anchor: str) -> str:
    """The text of an API entry, from its heading to the next entry of its level."""
    text = page.read_text(encoding="utf-8")
    start = text.index(f'id="{anchor}"')
    end = text.find('class="doc doc-heading"', text.index(">", start))
    chunk = text[start: end if end > 0 else start + 20000]
    return html.unescape(re.sub(r"<[^>]+>", "", chunk))


def test_api_reference_has_signatures_and_docstrings(site):
    modules = site / "modules"
    nps = _block(modules / "survey.html", "cxkit.nps")
    # The stub's annotated signature, and the compiled module's docstring with its example.
    assert "confidence: float = 0.95" in nps and "nan_policy" in nps
    assert "promoters (9-10) minus detractors (0-6)" in nps and ">>> r = cxkit.nps(" in nps
    # A method of a compiled class: its docstring comes from the compiled module.
    fit = _block(modules / "value.html", "cxkit.BetaGeo.fit")
    assert "frequency: _ArrayLike" in fit and "maximum likelihood" in fit
    # The functions cxkit.spark makes at import time, with their signature without self.
    spark = _block(modules / "cluster.html", "cxkit.spark.nps")
    assert "score: str" in spark and "self" not in spark and "Net Promoter Score" in spark
    # A pure-Python chart function.
    assert "Better–Worse diagram" in _block(modules / "plot.html", "cxkit.plot.kano")


def test_c_api_page_lists_the_whole_header(site):
    items = docs_c_api.parse((ROOT / "include" / "cxkit.h").read_text(encoding="utf-8"))
    names = {i.name for i in items if i.kind != "constant"} | {
        m[0] for i in items if i.kind in ("enum", "constant") for m in i.members
    }
    functions = {i.name for i in items if i.kind == "function"}
    assert {"cx_nps", "cx_status_str", "cx_last_error_message", "cx_kano_analyze"} <= functions
    assert all(i.doc for i in items if i.kind == "function"), [i.name for i in items if not i.doc]
    page = (site / "c-api.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([\w]+)"', page))
    missing = sorted(n for n in names if n.startswith(("cx_", "CX_", "CXKIT_")) and n not in ids)
    assert not missing, missing


def test_rust_api_is_linked(site):
    assert 'href="rust/cxkit/index.html"' in (site / "rust.html").read_text(encoding="utf-8")
    index = site / "rust" / "cxkit" / "index.html"
    assert index.is_file()
    if os.environ.get("CXKIT_DOCS_SKIP_RUST") != "1":
        assert "rustdoc" in index.read_text(encoding="utf-8")


def _code_blocks(page: Path, lang: str):
    return re.findall(rf"^```{lang}\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M)


RUNNABLE = ["getting-started/python.md", "modules/errors.md", "modules/plot.md"]


@pytest.mark.parametrize("page", RUNNABLE)
def test_python_examples_of_the_guide_run(page, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    blocks = _code_blocks(ROOT / "docs" / page, "python")
    assert blocks, page
    namespace: dict = {}
    import matplotlib.pyplot as plt

    try:
        for block in blocks:  # in order, sharing names, as a reader would run them
            exec(compile(block, page, "exec"), namespace)
    finally:
        plt.close("all")


def test_other_python_examples_name_real_functions():
    """Examples that need a bank's files or a cluster compile, and call only names cxkit has."""
    import cxkit
    import cxkit.dask
    import cxkit.plot
    import cxkit.spark

    modules = {"cxkit": cxkit, "cxkit.plot": cxkit.plot, "cxkit.spark": cxkit.spark, "cxkit.dask": cxkit.dask}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        rel = page.relative_to(ROOT / "docs").as_posix()
        for block in _code_blocks(page, "python"):
            compile(block, rel, "exec")
            for mod, name in re.findall(r"\b(cxkit(?:\.plot|\.spark|\.dask)?)\.(\w+)\(", block):
                assert hasattr(modules[mod], name), f"{rel}: {mod}.{name}"


def test_c_examples_of_the_guide_compile(tmp_path):
    cc = next((c for c in ("cc", "gcc", "clang") if subprocess.run(["which", c], capture_output=True).returncode == 0), None)
    if cc is None:
        pytest.skip("no C compiler")
    blocks = _code_blocks(ROOT / "docs" / "getting-started" / "c.md", "c")
    assert len(blocks) >= 2
    for i, block in enumerate(blocks):
        src = tmp_path / f"example{i}.c"
        src.write_text(block)
        run = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                              f"-I{ROOT / 'include'}", str(src)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
