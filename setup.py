"""Compiles the modules `tasks.compiled.MODULES` names with Cython when it can; everything else
is in pyproject.toml.

They are Python that Cython compiles as it is: the per-word loops of entity recognition and
word counting (about three times faster compiled), and the rules run per line and per new
word. Without Cython or a C compiler the install goes on (the extensions are optional) and
Python runs the same source. `pip install -e .` builds them into `tasks/` beside their
source; after editing one, run it again (`make setup` does when needed; until then the
source runs, with a warning).
"""
import ast
import os
from pathlib import Path

from setuptools import setup


def compiled_modules() -> tuple[str, ...]:
    """`MODULES` of tasks/compiled.py, read without importing the package (the build backend
    runs this file without the project on sys.path)."""
    tree = ast.parse((Path(__file__).parent / "tasks" / "compiled.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "MODULES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise RuntimeError("tasks/compiled.py defines no MODULES")


COMPILED = compiled_modules()      # modules Cython compiles as they are

try:
    from Cython.Build import cythonize
except ImportError:         # an install without build isolation and without Cython
    ext_modules = []
else:
    from setuptools import Extension

    ext_modules = cythonize(
        [Extension(f"tasks.{name}", [f"tasks/{name}.py"]) for name in COMPILED],
        compiler_directives={"language_level": 3},
        build_dir="build/cython",       # the generated C stays out of the source tree
        quiet=True,
        nthreads=os.cpu_count() or 1,
    )
    for ext in ext_modules:
        ext.optional = True             # a failed C build warns; Python runs the source

setup(ext_modules=ext_modules, options={"build_ext": {"parallel": os.cpu_count() or 1}})
