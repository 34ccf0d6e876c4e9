"""Where a character's time goes: the steps of a batch timed as the pipeline runs them, in one
fresh process warmed up as a worker of the run's pool is, each step also as a multiple of the
tagger's own time on the same text (the tokenizer the bench's marginal cost is measured
against). Part of `make bench`; `python -m tests.step_costs FILE...` runs it alone.

The steps are the pipeline's own functions, wrapped with a clock for this process only.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

# The steps in the order a batch runs them. "other tables" is the rest of TableBuffers.flush,
# "the rest of the batch" the rest of ingest_batch (article ids, the loop itself).
TAG = "tag (the tokenizer)"
STEPS = ("read", "decode", "split into articles", TAG, "entities (rules, model, places)",
         "figures", "quotes", "text reuse fingerprints", "article rows, words to ids", "terms and TF-IDF keywords counted",
         "other tables built and sorted", "Parquet written", "the rest of the batch")


class Clock:
    """Wall time spent inside wrapped functions, and their calls, summed per label."""

    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self.calls: Counter = Counter()

    def wrap(self, f, label: str):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - t0
                self.calls[label] += 1
        return timed


@contextmanager
def _clocked(clock: Clock):
    """Wrap the steps' functions where the pipeline looks them up; restore them after."""
    from tasks import pipeline
    from tasks.enrich import enricher, reuse
    from tasks.enrich.terms import BatchWords
    from tasks.entities.recognizer import Recognizer
    from tasks.lake.buffer import TableBuffers
    from tasks.lake.store import Lake

    segmenter = enricher.shared_enricher("fast").segmenter
    places = [(pipeline, "read_file", "read"), (pipeline, "decode_bytes", "decode"),
              (pipeline, "split_as_printed", "split into articles"), (segmenter, "tag", TAG),
              (Recognizer, "entities", "entities (rules, model, places)"), (enricher, "figures", "figures"),
              (enricher, "quotes", "quotes"), (reuse, "fingerprints", "text reuse fingerprints"),
              (TableBuffers, "add", "article rows, words to ids"), (BatchWords, "add", "article rows, words to ids"),
              (BatchWords, "tables", "terms and TF-IDF keywords counted"),
              (TableBuffers, "flush", "flush"), (Lake, "write_part", "Parquet written"),
              (pipeline, "ingest_batch", "batch")]
    saved = [(owner, name, owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name))
             for owner, name, _ in places]

    for (owner, name, label), (_, _, f) in zip(places, saved):
        setattr(owner, name, clock.wrap(f, label))
    try:
        yield
    finally:
        for owner, name, f in saved:
            setattr(owner, name, f)


def measure(files: list[Path]) -> dict:
    """Each step's seconds over `files`, ingested in batches of the pipeline's size."""
    from flows.pool import SAMPLE_PAGE, freeze_survivors, run_batch
    from tasks import pipeline
    from tasks.ingest import plan
    from tasks.ingest.discover import discover
    from tasks.lake.store import Lake, new_run_id
    from tests.bench import chars_of, inbox_of
    from warehouse import current

    pipeline.warm_up("fast", SAMPLE_PAGE)
    freeze_survivors()
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(Path(tmp) / "lake")
        lake.init()
        entries = discover(inbox_of(files, Path(tmp) / "inbox"))
        settings = pipeline.Settings(lake=lake.root, run_id=new_run_id(), idf=current.lake_idf(lake.root))
        with _clocked(clock):
            for part, batch in enumerate(plan.make_batches(entries, 1)):
                run_batch(batch, {}, settings, part)
    spent = clock.seconds
    spent["other tables built and sorted"] = spent.pop("flush") - spent["Parquet written"]
    batch = spent.pop("batch")
    spent["the rest of the batch"] = batch - sum(spent.values())
    tag = spent[TAG]
    return {"files": len(files), "chars": chars_of(files), "seconds": batch,
            "steps": [{"step": label, "seconds": spent[label], "x_tokenizer": spent[label] / tag}
                      for label in STEPS]}


def table(r: dict) -> str:
    tag = next(s["seconds"] for s in r["steps"] if s["step"] == TAG)
    lines = [f"| {'step':<36} | {'s':>6} | {'x tagging':>9} |", f"|{'-' * 38}|{'-' * 8}|{'-' * 11}|"]
    lines += [f"| {s['step']:<36} | {s['seconds']:6.2f} | {s['x_tokenizer']:9.2f} |" for s in r["steps"]]
    rest = r["seconds"] - tag
    lines.append(f"| {'all but tagging':<36} | {rest:6.2f} | {rest / tag:9.2f} |")
    lines.append(f"\n{r['files']} files, {r['chars']:,} characters, one process: "
                 f"{r['chars'] / r['seconds']:,.0f} chars/s, the tagger alone {r['chars'] / tag:,.0f}.")
    return "\n".join(lines)


def in_fresh_process(files: list[Path]) -> dict:
    """`measure` in a new interpreter, whose caches are as empty as a new worker's."""
    from tests.corpus import ROOT
    out = subprocess.run([sys.executable, "-m", "tests.step_costs", "--json", *map(str, files)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


if __name__ == "__main__":
    as_json = sys.argv[1:2] == ["--json"]
    if not sys.argv[1 + as_json:]:
        sys.exit("usage: python -m tests.step_costs [--json] FILE...   (text files to ingest)")
    result = measure([Path(a) for a in sys.argv[1 + as_json:]])
    print(json.dumps(result) if as_json else table(result))
