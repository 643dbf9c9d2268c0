"""A griffe extension for the docs site's API reference (mkdocstrings' python handler).

griffe reads ``cxkit._cxkit`` (the compiled module) by inspecting it and merges its stub
``_cxkit.pyi`` over it: the signatures and annotations come from the stub. But cxkit's
classes say ``__module__ == "cxkit"``, so griffe takes the stub's classes whole and the
compiled module's docstrings of their methods are lost (the stub has docstrings for only
some of them). This extension puts them back, and tidies what the site renders:

- every object of ``cxkit._cxkit`` gets the docstring of the compiled object when the stub
  has none, or when the compiled one is longer (the two drift; the longer is kept);
- a stub default written ``...`` gets the compiled function's real default;
- ``cxkit.spark`` and ``cxkit.dask`` make their functions by unpacking
  ``_partitions.bind(...)``, which static analysis cannot see: each name of their
  ``__all__`` that griffe missed becomes a function with the signature (without ``self``)
  and docstring of ``cxkit._partitions.Frontend``'s method of the same name;
- doctest examples (``>>>`` lines and their output) become ``pycon`` code blocks, so they
  render as code rather than as run-on paragraphs, and Sphinx roles (``:func:`x` ``)
  become plain code.

mkdocs.yml loads it as ``scripts/docs_griffe.py:CxkitDocs``.
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any, Optional

import griffe

_MISSING = object()
# Docstrings that builtins inherit and that say nothing about cxkit.
_GENERIC = {inspect.cleandoc(d) for d in (object.__doc__, staticmethod.__doc__, classmethod.__doc__, property.__doc__) if d}


def _runtime(path: str) -> Any:
    """The live object at a dotted path under ``cxkit``, or _MISSING."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name, _MISSING)
            if obj is _MISSING:
                return _MISSING
        return obj
    return _MISSING


def _runtime_doc(obj: Any) -> Optional[str]:
    if obj is _MISSING or isinstance(obj, (str, bytes, int, float, bool, list, tuple, dict, type(None))):
        return None
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        return None
    doc = inspect.cleandoc(doc)
    return None if doc in _GENERIC else doc


_ROLE = re.compile(r":(?:py:)?(?:func|meth|class|attr|mod|obj|data|exc):`~?([^`]+)`")


def fence_doctests(text: str) -> str:
    """Doctest blocks (a ``>>>`` line, its continuations and its output, up to a blank line)
    as fenced ``pycon`` code blocks; text already inside a fence is left alone."""
    out: list[str] = []
    lines = text.splitlines()
    i, fenced = 0, False
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("```"):
            fenced = not fenced
            out.append(line)
            i += 1
            continue
        if not fenced and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
                i += 1
            if out and out[-1].strip():
                out.append("")
            out += [indent + "```pycon"] + [indent + b for b in block] + [indent + "```"]
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


class CxkitDocs(griffe.Extension):
    """Fills the API reference of cxkit from the compiled module (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != "cxkit":
            return
        compiled = pkg.members.get("_cxkit")
        if compiled is not None and not compiled.is_alias:
            self._from_compiled(compiled)
        frontend = None
        try:
            frontend = pkg["_partitions"]["Frontend"]
        except KeyError:
            pass
        for engine in ("spark", "dask"):
            mod = pkg.members.get(engine)
            if mod is not None and frontend is not None:
                self._bound_functions(mod, frontend)
        self._walk(pkg, self._fence, set())

    # -- the compiled module -------------------------------------------------------------

    def _from_compiled(self, module: griffe.Module) -> None:
        def visit(obj: griffe.Object) -> None:
            if obj.is_alias:
                return
            live = _runtime(obj.path)
            doc = _runtime_doc(live)
            if doc is not None and obj.name not in ("__new__", "__init__"):
                stub = obj.docstring.value.strip() if obj.docstring else ""
                if len(doc) > len(stub):
                    obj.docstring = griffe.Docstring(doc, parent=obj)
            if obj.is_function and live is not _MISSING:
                self._defaults(obj, live)
            for member in list(obj.members.values()):
                if not member.is_alias and (obj.is_module or obj.is_class):
                    visit(member)

        for member in list(module.members.values()):
            if not member.is_alias:
                visit(member)
        # The classes griffe holds under their public path (cxkit.X aliases cxkit._cxkit.X).
        for name, member in list(module.members.items()):
            if member.is_alias:
                try:
                    target = member.final_target
                except Exception:  # noqa: BLE001 - an unresolvable alias (typing, numpy)
                    continue
                if target.path.startswith("cxkit._cxkit.") and not getattr(target, "_cx_done", False):
                    target._cx_done = True  # type: ignore[attr-defined]
                    visit(target)

    @staticmethod
    def _defaults(func: griffe.Function, live: Any) -> None:
        """Stub defaults written ``...`` take the compiled function's real default."""
        if not any(p.default == "..." for p in func.parameters):
            return
        try:
            sig = inspect.signature(live)
        except (TypeError, ValueError):
            return
        for p in func.parameters:
            if p.default == "..." and p.name in sig.parameters:
                d = sig.parameters[p.name].default
                if d is not inspect.Parameter.empty:
                    p.default = repr(d)

    # -- cxkit.spark and cxkit.dask --------------------------------------------------------

    @staticmethod
    def _bound_functions(module: griffe.Module, frontend: griffe.Class) -> None:
        names = _runtime(module.path + ".__all__")
        if names is _MISSING:
            return
        for name in names:
            if name in module.members or name not in frontend.members:
                continue
            method = frontend.members[name]
            params = [p for p in method.parameters if p.name != "self"]
            func = griffe.Function(
                name,
                lineno=method.lineno,
                endlineno=method.endlineno,
                parameters=griffe.Parameters(*params),
                returns=method.returns,
                docstring=griffe.Docstring(method.docstring.value, parent=None) if method.docstring else None,
            )
            module.set_member(name, func)
            if func.docstring is not None:
                func.docstring.parent = func

    # -- every docstring -------------------------------------------------------------------

    def _walk(self, obj: griffe.Object, fn: Any, seen: set) -> None:
        if obj.is_alias or id(obj) in seen:
            return
        seen.add(id(obj))
        fn(obj)
        for member in list(obj.members.values()):
            if member.is_alias:
                try:
                    target = member.final_target
                except Exception:  # noqa: BLE001
                    continue
                if target.path.startswith("cxkit"):
                    self._walk(target, fn, seen)
            else:
                self._walk(member, fn, seen)

    @staticmethod
    def _fence(obj: griffe.Object) -> None:
        if obj.docstring is None:
            return
        text = _ROLE.sub(r"`\1`", obj.docstring.value)
        if ">>>" in text:
            text = fence_doctests(text)
        obj.docstring.value = text
