"""The package surface: exports, docstring examples, py.typed, the README example. (The stubs
are checked against the module by mypy's stubtest in scripts/test.sh.)"""

import doctest
import inspect
import pathlib
import re

import cxkit
from cxkit import _cxkit

PACKAGE = pathlib.Path(cxkit.__file__).parent


def test_package_exports_everything_and_ships_py_typed():
    assert set(cxkit.__all__) == {n for n in dir(_cxkit) if not n.startswith("_")} | {"__version__"}
    assert (PACKAGE / "py.typed").exists()
    assert cxkit.__version__.count(".") == 2


def test_docstring_examples_run():
    failures = doctest.testmod(cxkit, extraglobs={"cxkit": cxkit}).failed
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner()
    for name in cxkit.__all__:
        obj = getattr(cxkit, name)
        doc = inspect.getdoc(obj) if callable(obj) else None
        if doc and ">>>" in doc:
            for test in finder.find(doc, name, globs={"cxkit": cxkit}):
                runner.run(test)
    assert failures == 0 and runner.failures == 0
    assert runner.tries >= 20, "docstring examples were found and run"


def test_functions_have_text_signatures():
    for name in ["nps", "nps_from_counts", "nps_test", "csat", "ces", "top_box", "likert_summary"]:
        assert inspect.signature(getattr(cxkit, name)).parameters


def test_readme_python_example_runs(capsys):
    readme = pathlib.Path(__file__).resolve().parents[2] / "README.md"
    blocks = readme.read_text().split("```python\n")[1:]
    assert blocks, "README has a Python example"
    for block in blocks:
        code = compile(block.split("```")[0], "README.md", "exec")
        # A cluster example needs the cluster: it is compiled (syntax, names of the calls
        # are in cxkit.spark, checked below) but not run; tests/python/test_spark.py runs
        # the same calls on a local Spark session.
        if block.startswith("# On a cluster"):
            import cxkit.spark

            called = set(re.findall(r"cxkit\.spark\.(\w+)\(", block))
            assert called and called <= set(cxkit.spark.__all__), called
            continue
        exec(code, {})
    assert "score 11 at index 1" in capsys.readouterr().out


def test_signatures_show_their_real_defaults():
    # Issue 20: help(cxkit.servqual) printed scale=Ellipsis (pyo3 writes "..." for a default it
    # cannot render); every public callable now shows its real defaults.
    import inspect

    for name in cxkit.__all__:
        obj = getattr(cxkit, name)
        try:
            signature = str(inspect.signature(obj))
        except (TypeError, ValueError):
            continue
        assert "Ellipsis" not in signature and "..." not in signature, (name, signature)
    assert "scale=(1.0, 7.0)" in str(inspect.signature(cxkit.servqual))


def test_signature_defaults_are_the_cores():
    # Issue 20: a default lives in the core once. A Python signature shows its default as a
    # literal (so help() prints it); this checks each literal against the core's Default, read
    # through _cxkit._defaults(), so that the two cannot drift apart.
    rows = _cxkit._defaults()
    assert len(rows) > 60
    for callable_name, param, expected in rows:
        owner, _, method = callable_name.partition(".")
        obj = getattr(cxkit, owner)
        if method:
            obj = getattr(obj, method)
        parameters = inspect.signature(obj).parameters
        assert param in parameters, (callable_name, param, list(parameters))
        default = parameters[param].default
        if param == "scale" and isinstance(default, int):
            default = (1, default)  # the shorthand k for a 1..k scale
        if isinstance(expected, tuple):
            default = tuple(default)
        assert default == expected, (callable_name, param, default, expected)
