"""Compiles the modules `tasks.compiled.MODULES` names with Cython when it can; everything else
is in pyproject.toml.

They are Python that Cython compiles as it is: the per-word loops of entity recognition and
word counting (about three times faster compiled), and the rules run per line and per new
word. Without Cython or a C compiler the install goes on (the extensions are optional) and
Python runs the same source. `pip install -e .` builds them into `tasks/` beside their
source; after editing one, run it again (`make setup` does when needed; until then the
source runs, with a warning).
"""
import os

from setuptools import setup

from tasks.compiled import MODULES as COMPILED   # modules Cython compiles as they are

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
