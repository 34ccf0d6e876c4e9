"""The compiled modules are built from their current source: a build older than its source
would run stale code (`make setup` rebuilds; `make test` runs it first)."""
import importlib
import importlib.machinery

import pytest

from tests.compiled import compiled_sources, is_compiled, module_name

SOURCES = compiled_sources()


def test_some_modules_are_marked_for_compiling():
    assert SOURCES, "no module of tasks/ starts with a `# cython:` directive: setup.py compiles nothing"


@pytest.mark.parametrize("src", SOURCES, ids=[module_name(s) for s in SOURCES])
def test_the_build_is_newer_than_its_source(src):
    builds = [src.with_name(src.stem + s) for s in importlib.machinery.EXTENSION_SUFFIXES]
    built = [b for b in builds if b.exists()]
    if not built:
        pytest.skip(f"{module_name(src)} is not compiled (no Cython or C compiler at install)")
    assert all(b.stat().st_mtime >= src.stat().st_mtime for b in built), \
        f"{src} changed since it was built: run `make setup`"
    assert is_compiled(importlib.import_module(module_name(src)))
