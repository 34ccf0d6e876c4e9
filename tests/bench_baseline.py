"""Is this checkout's marginal cost per character dearer than another commit's? Both run in
turns on this machine: `python -m tests.bench_baseline REV [ROUNDS]` (`make bench-baseline
REV=…`).

`make bench` gives the marginal cost as a multiple of the tokenizer's speed measured in the same
run, and that multiple moves with the machine's state (the same code gave 5.45x one day and
11.6x another). Whether a change made the pipeline dearer is decided here: REV is checked out
in a temporary git worktree with its compiled modules built in place, and each round runs the
whole xwlb corpus and its first quarter through REV's `flows.cli run --json` and this
checkout's, with and without `--skip-analyses` (quotations and text reuse, whose share of a run
is stated apart), all against one Prefect server. Each run is timed as `time` would, from
the command's start to its exit; the marginal seconds are the best whole run less the best
quarter run. The same is given in CPU seconds (user and system of the command's processes,
median of the rounds), which another load on the machine moves less than wall time: a second
reading of whether a character got dearer, not the figure the target is set in.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from tests.bench import PrefectServer, chars_of, inbox_of, run_baoku, tokenizer_speed, xwlb_files
from tests.corpus import ROOT


def worktree(rev: str, where: Path) -> Path:
    """REV checked out at `where`, its compiled modules built beside their source."""
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(where), rev], cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=where, check=True,
                   capture_output=True)
    return where


def main(rev: str, rounds: int) -> None:
    files = xwlb_files()
    quarter = files[: len(files) // 4]
    sides = {rev: (), "this checkout": (), "this checkout, --skip-analyses": ("--skip-analyses",)}
    times = {side: {"whole": [], "quarter": []} for side in sides}
    cpu = {side: {"whole": [], "quarter": []} for side in sides}
    with tempfile.TemporaryDirectory(prefix="baoku-baseline-") as tmp, PrefectServer() as env:
        tmp = Path(tmp)
        inboxes = {"whole": inbox_of(files, tmp / "whole"), "quarter": inbox_of(quarter, tmp / "quarter")}
        try:
            code = {rev: worktree(rev, tmp / "baseline")}
            for r in range(rounds):
                for i, (side, extra) in enumerate(sides.items()):
                    for size, inbox in inboxes.items():     # each run into a new lake
                        run = run_baoku(inbox, tmp / f"lake-{r}-{i}-{size}", 2, env, extra, code.get(side, ROOT))
                        times[side][size].append(run["process_seconds"])
                        cpu[side][size].append(run["cpu_seconds"])
                        print(f"round {r + 1}  {side:<32} {size:<8} {run['process_seconds']:6.2f} s, "
                              f"CPU {run['cpu_seconds']:6.2f} s", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "baseline")], cwd=ROOT,
                           capture_output=True)
    extra_chars = chars_of(files) - chars_of(quarter)
    tok = tokenizer_speed(files, 2)
    _marginals("wall seconds (best)", times, min, rev, extra_chars / tok)
    _marginals("CPU seconds (median)", cpu, median, rev)
    print(f"\nwall: best of {rounds} each; the tokenizer {tok:,.0f} chars/s on 2 processes")


def _marginals(title: str, seconds: dict, pick, rev: str, tokenizer_seconds: float | None = None) -> None:
    """Per side: `pick` of its whole and quarter runs, the marginal seconds, that as a multiple
    of the tokenizer's own seconds on the same characters (when given) and of REV's."""
    base = pick(seconds[rev]["whole"]) - pick(seconds[rev]["quarter"])
    tok_head = f"{'x tokenizer':>13}" if tokenizer_seconds else ""
    print(f"\n{title:<34}{'whole':>8}{'quarter':>9}{'marginal':>10}{tok_head}{'x ' + rev[:10]:>14}")
    for side, runs in seconds.items():
        whole, part = pick(runs["whole"]), pick(runs["quarter"])
        tok = f"{(whole - part) / tokenizer_seconds:13.2f}" if tokenizer_seconds else ""
        print(f"{side:<34}{whole:8.2f}{part:9.2f}{whole - part:10.2f}{tok}{(whole - part) / base:14.3f}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python -m tests.bench_baseline REV [ROUNDS]")
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 3)
