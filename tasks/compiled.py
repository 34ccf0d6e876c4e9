"""Modules Cython compiles as they are (`pip install -e .` runs setup.py): which, and what
they share.

Such a module is plain Python, some with C types in their annotations. Compiled, it runs
without the interpreter's per-operation overhead (the per-word loops, typed, in C); without
a compiler Python runs the same source, slower. A build older than its source (edited since)
is never imported: `FreshBuilds`, installed by `tasks/__init__.py`, imports the source
instead, with a warning, so nothing stale ever runs.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType

# The modules of `tasks` compiled at install: the loops per word (entity_scan, word_ids),
# and the rules that run per line, per new word and per candidate (splitting, bylines,
# figures, entity rules, the NER model, places). setup.py builds these; the Makefile
# rebuilds when one changes.
MODULES = ("entity_scan", "word_ids", "split", "bylines", "layout", "figures", "entities", "ner", "places")


class cython:       # noqa: N801 - stands in for the Cython module where it is not installed
    """What the compiled modules use of `cython`, as no-ops for Python."""
    compiled = False
    int = Py_ssize_t = Py_hash_t = longlong = ulonglong = uchar = double = bint = None

    @staticmethod
    def declare(_type=None, value=None, **_):
        return value

    @staticmethod
    def cclass(f):
        return f

    cfunc = inline = final = cclass

    @staticmethod
    def cast(_type, value):
        return value

    @staticmethod
    def boundscheck(_):
        return lambda f: f

    wraparound = boundscheck


def source(module: ModuleType) -> ModuleType:
    """`module` run from its source by Python, whether or not it is compiled."""
    name = module.__name__.rsplit(".", 1)[-1]
    path = Path(module.__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"{module.__name__}_source", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def is_compiled(module: ModuleType) -> bool:
    return not module.__file__.endswith(".py")


class FreshBuilds(importlib.abc.MetaPathFinder):
    """Imports the source of a module of `package` (in `directory`) whose compiled build is
    older than it; otherwise leaves the import to the usual finders (which prefer a build)."""

    def __init__(self, package: str, directory: Path):
        self.package, self.directory = package, directory

    def find_spec(self, fullname: str, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package != self.package:
            return None
        src = self.directory / f"{name}.py"
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            built = self.directory / f"{name}{suffix}"
            if built.exists():
                if src.exists() and src.stat().st_mtime > built.stat().st_mtime + 2:
                    warnings.warn(f"{built.name} is older than {src.name}: running the source; "
                                  "rebuild with `make setup` (pip install -e .)", RuntimeWarning, stacklevel=2)
                    return importlib.util.spec_from_file_location(fullname, src)
                return None
        return None


def guard(package: str, directory: Path) -> None:
    """Install `FreshBuilds` for `package`, once."""
    if not any(isinstance(f, FreshBuilds) and f.package == package for f in sys.meta_path):
        sys.meta_path.insert(0, FreshBuilds(package, directory))
