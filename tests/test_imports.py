"""Imports run one way: the graph of flows/, tasks/ and warehouse/ read from the source
(imports inside functions included) has no cycle; tasks imports neither warehouse nor flows,
warehouse does not import flows; only flows imports Prefect; no module installs an import hook."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.corpus import ROOT

PACKAGES = ("flows", "tasks", "warehouse")


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out[name.removesuffix(".__init__")] = path
    return out


MODULES = modules()


def _project_module(name: str) -> str | None:
    """The project module a dotted name is or lies in (its longest known prefix)."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in MODULES:
            return ".".join(parts[:i])
    return None


def imported(module: str) -> set[str]:
    """Every dotted name `module` imports, anywhere in its source, made absolute."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            names |= {base} | {f"{base}.{a.name}" for a in node.names}
    return names


def graph() -> dict[str, set[str]]:
    return {m: {d for n in imported(m) if (d := _project_module(n)) and d != m} for m in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_graph_is_read_from_the_source():
    edges = graph()
    assert len(MODULES) > 30
    # imports inside functions count: flows.pool imports Prefect's task runner inside one
    assert "prefect.task_runners" in imported("flows.pool")
    assert "tasks.pipeline" in edges["flows.steps"]


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# What each package may not import: the layers are tasks (the steps), warehouse (the views
# and reports over the lake), flows (Prefect and the command line), each using only those before it.
ABOVE = {"tasks": ("warehouse", "flows"), "warehouse": ("flows",), "flows": ()}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module):
    assert not {d for d in graph()[module] if d.split(".")[0] in ABOVE[module.split(".")[0]]}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("flows")))
def test_only_flows_import_prefect(module):
    assert not {n for n in imported(module) if n.split(".")[0] == "prefect" or n.startswith("prefect_")}


def test_no_import_hook_anywhere():
    hooks = [m for m, path in MODULES.items() if "meta_path" in path.read_text(encoding="utf-8")
             or "path_hooks" in path.read_text(encoding="utf-8")]
    assert hooks == []
