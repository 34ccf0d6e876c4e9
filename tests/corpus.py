"""Where the shared corpus is, and a skip that says why when it is not there.

The corpus is read-only research text beside the checkout (`../shared/corpus`); none of it is
ever copied into the project. Set BAOKU_CORPUS to point elsewhere.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("BAOKU_CORPUS", ROOT.parent / "shared" / "corpus"))
SEED = ROOT / "flows" / "sample_inbox" / "工人日报" / "000_a0243c8890475cd2.txt"


def corpus_path(*parts: str) -> Path:
    """The corpus path, or skip the test naming what is missing."""
    p = CORPUS.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"corpus not available: {p} is absent (set BAOKU_CORPUS or place ../shared/corpus)")
    return p
