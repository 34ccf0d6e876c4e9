"""Compiles `tasks/entity_scan.py` with Cython when it can; everything else is in pyproject.toml.

That module is Python that Cython compiles as it is: entity recognition's loops per word and
per candidate, about three times faster compiled. Without Cython or a C compiler the install
goes on (the extension is optional) and Python runs the same source. `pip install -e .`
builds it into `tasks/` beside its source; after editing the source, run it again (until
then `tasks.entities` runs the source, with a warning).
"""
from setuptools import setup

# Modules Cython compiles as they are (see tasks/compiled.py).
COMPILED = ("entity_scan", "word_ids")

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
    )
    for ext in ext_modules:
        ext.optional = True             # a failed C build warns; Python runs the source

setup(ext_modules=ext_modules)
