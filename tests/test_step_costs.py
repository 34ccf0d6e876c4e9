"""The bench's breakdown of a batch's time by step (`tests/step_costs.py`): its clocks must sit
on the functions the pipeline really calls, or a step would silently read zero."""
from __future__ import annotations

import gc

from tests import step_costs
from tests.corpus import corpus_path


def test_every_step_is_timed_and_none_twice():
    files = sorted(corpus_path("xwlb").rglob("xwlb-*.txt"))[:6]
    try:
        r = step_costs.measure(files)
    finally:
        gc.unfreeze()       # a worker's batch freezes what is alive; this is the test process
    steps = {s["step"]: s["seconds"] for s in r["steps"]}
    assert list(steps) == list(step_costs.STEPS)
    # Every step took time, and so did the two worked out by subtraction ("other tables",
    # "the rest of the batch"), which time counted twice would eat into.
    assert all(seconds > 0 for seconds in steps.values()), steps
    assert r["chars"] == sum(len(f.read_text(encoding="utf-8")) for f in files)
    assert "all but tagging" in step_costs.table(r)
