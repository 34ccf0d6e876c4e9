"""Modules Cython compiles as they are (`pip install -e .` runs setup.py): what they share.

Such a module is plain Python with C types in its annotations. Compiled, its loops run in C;
without a compiler Python runs the same source, slower. `load` also runs the source when the
compiled module is older than it (edited since the last build), so nothing stale ever runs.
"""
from __future__ import annotations

import importlib.util
import os
import warnings
from pathlib import Path
from types import ModuleType


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


def load(module: ModuleType) -> ModuleType:
    """The compiled `module` if it was built from its source as it is, else the source."""
    if not is_compiled(module):
        return module
    compiled = Path(module.__file__)
    src = compiled.with_name(module.__name__.rsplit(".", 1)[-1] + ".py")
    if src.exists() and os.stat(src).st_mtime > os.stat(compiled).st_mtime + 2:
        warnings.warn(f"{compiled.name} is older than {src.name}: running the source; "
                      "rebuild with `pip install -e .`", RuntimeWarning, stacklevel=2)
        return source(module)
    return module
