"""The fitted models the splitter reads, from the TSV files in data/ (each file's header says how
its model was fit; `python -m tests.split_eval` refits them): a logistic model's weights, and
boosted regression trees."""
from __future__ import annotations

from pathlib import Path

_DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[list[str]]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def load_weights(name: str) -> dict[str, float]:
    """A logistic model's weights by feature (its bias as "_bias"): rows of feature, weight."""
    return {feature: float(weight) for feature, weight in _rows(name)}


def load_trees(name: str) -> list[list[tuple[str, float, float]]]:
    """Regression trees: rows of tree, node, feature, threshold, leaf value. Each tree is a list
    of nodes in heap order (the children of node n are 2n+1 and 2n+2); a leaf has no feature."""
    trees: list[list] = []
    for tree, node, feature, threshold, leaf in _rows(name):
        k, n = int(tree), int(node)
        while len(trees) <= k:
            trees.append([])
        nodes = trees[k]
        nodes.extend([None] * (n + 1 - len(nodes)))
        nodes[n] = (feature, float(threshold), float(leaf))
    return trees
