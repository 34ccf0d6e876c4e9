"""The modules Cython compiles (a `# cython:` directive on their first line, as setup.py
reads them), and each one run from its source by Python, to check the two agree."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from tests.corpus import ROOT

MARK = "# cython:"


def compiled_sources() -> list[Path]:
    """The source files setup.py compiles."""
    return sorted(p for p in (ROOT / "tasks").rglob("*.py") if p.read_text(encoding="utf-8").startswith(MARK))


def module_name(source: Path) -> str:
    return ".".join(source.relative_to(ROOT).with_suffix("").parts)


def is_compiled(module: ModuleType) -> bool:
    return not module.__file__.endswith(".py")


def source(module: ModuleType) -> ModuleType:
    """`module` run from its source by Python, whether or not it is compiled (a module of its
    own: the imported one is left as it is)."""
    path = Path(module.__file__).with_name(module.__name__.rsplit(".", 1)[-1] + ".py")
    spec = importlib.util.spec_from_file_location(f"{module.__name__}_source", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded
