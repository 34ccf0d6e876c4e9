"""Compiles with Cython, when it can, the modules of `tasks/` whose first line is a Cython
directive (`# cython: language_level=3`); everything else is in pyproject.toml.

Such a module is plain Python with C types in its annotations (Cython's pure-Python mode):
compiled, its loops run in C; without Cython or a C compiler the install goes on (the
extensions are optional) and Python runs the same source. `pip install -e .` builds them
beside their source; `make setup` does it again when one changes, and
`tests/test_build.py` fails on a build older than its source.
"""
import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent
MARK = "# cython:"
COMPILED = sorted(p.relative_to(ROOT) for p in (ROOT / "tasks").rglob("*.py")
                  if p.read_text(encoding="utf-8").startswith(MARK))

try:
    from Cython.Build import cythonize
except ImportError:         # an install without build isolation and without Cython
    ext_modules = []
else:
    from setuptools import Extension

    ext_modules = cythonize(
        [Extension(".".join(p.with_suffix("").parts), [str(p)]) for p in COMPILED],
        build_dir="build/cython",       # the generated C stays out of the source tree
        quiet=True,
        nthreads=os.cpu_count() or 1,
    )
    for ext in ext_modules:
        ext.optional = True             # a failed C build warns; Python runs the source

setup(ext_modules=ext_modules, options={"build_ext": {"parallel": os.cpu_count() or 1}})
