"""`make bench`: the pipeline on the xwlb corpus against two references measured in the same run,
then the quality of splitting (People's Daily pages, an evening paper, wire copy) and enrichment
(PKU, NER per source).

Prints a table and writes bench-results/bench.json. Ratios, not absolute times, are the targets
(this machine is noisy): end to end ≥ 20× a naive pipeline; marginal cost per character no
worse than the 6.5–9× the tokenizer's own of 2026-11-30 (the multiple moves with the machine:
`tests/bench_baseline.py` decides it against that commit, in turns); an incremental re-run
≤ 10 % of a full run; time linear and memory flat from a quarter to the whole corpus; a
one-term trend query under a second.

BAOKU_BENCH_FRACTION=0.25 runs on a quarter of the corpus (quick look); the default is all of it.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from itertools import repeat
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent

from tests.corpus import CORPUS, ROOT

OUT = ROOT / "bench-results"
REPEATS = 4     # whole-corpus runs with Prefect, and as many without
from tests.servers import QUIET  # noqa: E402


def xwlb_files() -> list[Path]:
    root = CORPUS / "xwlb"
    if not root.exists():
        sys.exit(f"bench needs the xwlb corpus at {root} (set BAOKU_CORPUS)")
    return sorted(root.rglob("xwlb-*.txt"))


def chars_of(files: list[Path]) -> int:
    return sum(len(f.read_text(encoding="utf-8")) for f in files)


def inbox_of(files: list[Path], where: Path) -> Path:
    """An inbox of symlinks: the corpus is read where it lies, never copied."""
    where.mkdir(parents=True)
    for f in files:
        (where / f.name).symlink_to(f)
    return where


class PeakMemory:
    """Peak RSS of a process and all its children, sampled every 0.2 s (every 50 ms, the
    sampling took 5 % of a core from the run it measured; memory grows over seconds)."""

    def __init__(self, pid: int):
        self.proc, self.peak, self._stop = psutil.Process(pid), 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


class PrefectServer:
    """One real local server for every run, so no run pays for starting a temporary one."""

    def __enter__(self) -> dict:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.home = tempfile.mkdtemp(prefix="baoku-bench-prefect-")
        self.env = {**os.environ, **QUIET, "PREFECT_HOME": self.home}
        self.env.pop("PREFECT_API_URL", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                      "--port", str(port)], env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        url = f"http://127.0.0.1:{port}/api"
        for _ in range(180):
            try:
                urllib.request.urlopen(url + "/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("prefect server did not start")
        return {**self.env, "PREFECT_API_URL": url}

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far: it shares this machine's cores with the run."""
        procs = [psutil.Process(self.proc.pid)]
        procs += procs[0].children(recursive=True)
        return sum(sum(p.cpu_times()[:2]) for p in procs if p.is_running())

    def __exit__(self, *exc) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(30)


def run_baoku(inbox: Path, lake: Path, workers: int, env: dict, extra: tuple[str, ...] = (),
              code: Path = ROOT) -> dict:
    """`baoku run --json` with the code at `code` (this checkout by default): its summary, with
    the whole command's seconds (`process_seconds`), the CPU seconds of its processes
    (`cpu_seconds`: user and system of the command and its pool workers, which another load on
    the machine moves less than wall time) and peak memory."""
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # in the command's own process (no run agent): its memory and the flow's figures are this process tree's
    p = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--input", str(inbox), "--lake", str(lake),
                          "--workers", str(workers), "--json", *extra], cwd=code, env={**env, "BAOKU_AGENT": "0"},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = PeakMemory(p.pid)
    out, err = p.communicate()
    peak = mem.stop()
    if p.returncode:
        raise RuntimeError(f"baoku run failed:\n{err[-3000:]}")
    summary = json.loads(out.strip().splitlines()[-1])
    summary["process_seconds"] = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)     # the workers, reaped by the command, are in it
    summary["cpu_seconds"] = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    summary["peak_rss_mb"] = peak / 2**20
    return summary


def time_reuse_link(lake: Path, run_id: str) -> dict:
    from warehouse.reuse import link
    t0 = time.perf_counter()
    found = link(str(lake), run_id)
    return {**found, "seconds": time.perf_counter() - t0}


def timed_command(args: list[str], env: dict) -> float:
    """Seconds from the start of `baoku ARGS` (a new process) to its exit, as `time` shows."""
    t0 = time.perf_counter()
    p = subprocess.run([str(BIN / "baoku"), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode:
        raise RuntimeError(f"baoku {' '.join(args)} failed:\n{p.stderr[-3000:]}")
    return seconds


def user_commands(files: list[Path], year: list[Path], naive_year_s: float, tmp: Path, env: dict) -> dict:
    """The commands a user times, whole, from process start to exit, as a user runs them (through
    the run agent, flows/agent.py). Warm: a Prefect server runs and PREFECT_API_URL names it. Cold: no server configured and a PREFECT_HOME that never held
    one, as on a new machine: the first command starts baoku's local server, the second reuses it."""
    run = lambda inbox, lake, e: timed_command(["run", "--input", str(inbox), "--lake", str(lake), "--quiet"], e)  # noqa: E731
    sample, out = ROOT / "flows" / "sample_inbox", {}
    warm = {"sample_pages": [], "nothing_new": [], "year": [], "whole": []}
    year_inbox, whole_inbox = inbox_of(year, tmp / "cmd-year"), tmp / "in1.0"
    for i in range(2):      # the best of two, in turns
        warm["sample_pages"].append(run(sample, tmp / f"cmd-sample{i}", env))
        warm["nothing_new"].append(run(sample, tmp / f"cmd-sample{i}", env))
        warm["year"].append(run(year_inbox, tmp / f"cmd-year{i}", env))
        warm["whole"].append(run(whole_inbox, tmp / f"cmd-whole{i}", env))
    subprocess.run([str(BIN / "baoku"), "server", "stop"], env=env, capture_output=True)    # the run agent
    out["warm"] = {k: min(v) for k, v in warm.items()}
    out["warm"]["year_speedup_vs_naive"] = naive_year_s / out["warm"]["year"]
    cold_env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    cold_env["PREFECT_HOME"] = str(tmp / "cold-prefect-home")
    try:
        out["cold"] = {"first": run(sample, tmp / "cmd-cold1", cold_env),
                       "second": run(sample, tmp / "cmd-cold2", cold_env)}
    finally:
        subprocess.run([str(BIN / "baoku"), "server", "stop"], env=cold_env, capture_output=True)
    out["naive_year_seconds"] = naive_year_s
    return out


def naive_command(files: list[Path]) -> float:
    """The naive script as a whole command too: its imports and dictionary load counted."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tests.bench", "naive", *map(str, files)], cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - t0


# -- references -------------------------------------------------------------------------------

def naive_pipeline(files: list[Path]) -> float:
    """What a user would write: file by file, jieba.posseg + jieba.analyse + pandas, one process.
    Returns seconds."""
    import jieba.analyse
    import jieba.posseg
    import pandas as pd
    jieba.initialize()
    t0 = time.perf_counter()
    frames = []
    for f in files:
        text = f.read_text(encoding="utf-8")
        words = [(w.word, w.flag) for w in jieba.posseg.lcut(text) if w.word.strip()]
        counts = pd.DataFrame(words, columns=["term", "pos"]).value_counts().reset_index(name="count")
        counts["keyword"] = counts["term"].isin(jieba.analyse.extract_tags(text, topK=10))
        counts["file"] = f.name
        frames.append(counts)
    with tempfile.TemporaryDirectory() as d:
        pd.concat(frames).to_parquet(Path(d) / "terms.parquet")
    return time.perf_counter() - t0


def _tag_file(path: str) -> int:
    import rjieba
    text = Path(path).read_text(encoding="utf-8")
    rjieba.tag(text)
    return len(text)


def tokenizer_speed(files: list[Path], processes: int) -> float:
    """chars/s of the fast engine tagging the same text in `processes` processes."""
    import rjieba
    rjieba.tag("预热")
    with mp.get_context("fork").Pool(processes) as pool:
        pool.map(_tag_file, [str(f) for f in files[:processes]])  # load the dictionary everywhere
        best = 0.0
        for _ in range(3):      # the best of three passes, as the pipeline's figure is a best of runs
            t0 = time.perf_counter()
            chars = sum(pool.map(_tag_file, [str(f) for f in files], chunksize=8))
            best = max(best, chars / (time.perf_counter() - t0))
        return best


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def direct_run(files: list[Path], workers: int, where: Path) -> float:
    """The same run without Prefect: the very functions the flow's tasks wrap, called in order,
    the batches on a plain process pool. flow wall − this = what orchestration costs."""
    from datetime import datetime, timezone

    from flows.pool import LocalPool, run_batch
    from flows.steps import run_row
    from tasks.ingest import plan
    from tasks.ingest.discover import discover
    from tasks.lake.store import Lake, new_run_id
    from tasks.pipeline import Settings
    from warehouse import current
    from warehouse.build import build_database
    from warehouse.compact import compact
    from warehouse.reuse import link
    inbox = inbox_of(files, where / "inbox")
    with LocalPool(workers) as pool:
        # As `baoku run` does: its workers load their models while Prefect starts, before the
        # flow (and its clock) begins.
        executor = pool.start()
        pids: set[int] = set()
        while len(pids) < workers:
            pids |= {f.result() for f in [executor.submit(_pid_after, 0.05) for _ in range(workers)]}
        t0 = time.perf_counter()
        started = datetime.now(timezone.utc)
        lake = Lake(where / "lake")
        lake.init()
        lake.remove_orphans()
        entries = discover(inbox)
        todo, unchanged = plan.split_unchanged(entries, current.lake_state(lake.root))
        batches = plan.make_batches(todo, workers)
        settings = Settings(lake=lake.root, run_id=new_run_id(), idf=current.lake_idf(lake.root))
        results = list(executor.map(run_batch, batches, repeat({}), repeat(settings), range(len(batches))))
    if any(r.articles for r in results):
        link(lake.root, settings.run_id)        # text reuse's lake side, as the flow's link-reuse task
    lake.commit(run_row(settings.run_id, started, str(inbox), len(entries), results, unchanged))
    compact(lake.root, min_files=8)
    build_database(lake.root)
    return time.perf_counter() - t0


def trend_query(lake: Path, term: str) -> dict:
    import duckdb
    con = duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)

    def best_of(sql: str, n: int = 3) -> tuple[float, list]:
        times, rows = [], []
        for _ in range(n):
            t0 = time.perf_counter()
            rows = con.execute(sql, [term]).fetchall()
            times.append(time.perf_counter() - t0)
        return min(times), rows

    t_view, rows = best_of("SELECT month, mentions, share FROM term_trends WHERE term = ? ORDER BY month")
    t_like, _ = best_of("""SELECT date_trunc('month', pub_date) AS month, count(*) FROM articles
                           WHERE body LIKE '%' || ? || '%' GROUP BY ALL ORDER BY month""")
    return {"term": term, "months": len(rows), "term_trends_s": t_view, "body_like_s": t_like}


SEARCHES = ["新就业形态 劳动者", '"乡村振兴" 合作社 -疫情']


def search_timing(lakes: dict[str, Path], env: dict) -> dict:
    """`baoku search` as a whole command and the SQL macro on the database file BI tools open,
    best of three each, on lakes of growing size (the answer should not grow with the lake)."""
    import duckdb
    from warehouse.search import macro_query
    out = {}
    for name, lake in lakes.items():
        con = duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)
        row = {}
        for text in SEARCHES:
            command = min(timed_command(["search", text, "--lake", str(lake)], env) for _ in range(3))
            query, sql = macro_query(text), []
            for _ in range(3):
                t0 = time.perf_counter()
                con.execute("SELECT * FROM search(?, top := 20)", [query]).fetchall()
                sql.append(time.perf_counter() - t0)
            row[text] = {"command_s": command, "sql_s": min(sql)}
        out[name] = row
    return out


# -- the run ----------------------------------------------------------------------------------

def main() -> None:
    OUT.mkdir(exist_ok=True)
    workers = int(os.environ.get("BAOKU_BENCH_WORKERS", len(os.sched_getaffinity(0))))
    fraction = float(os.environ.get("BAOKU_BENCH_FRACTION", "1"))
    files = xwlb_files()
    files = files[: max(8, int(len(files) * fraction))]
    results: dict = {"workers": workers, "files": len(files)}
    server = PrefectServer()
    with tempfile.TemporaryDirectory(prefix="baoku-bench-") as tmp, server as env:
        tmp = Path(tmp)
        scale = []
        for share in (0.25, 0.5, 1.0):
            part = files[: int(len(files) * share)]
            cpu0 = server.cpu_seconds()
            s = run_baoku(inbox_of(part, tmp / f"in{share}"), tmp / f"lake{share}", workers, env)
            # input_chars: the characters of the files, as the references count them (the
            # run's own `chars` are its articles' bodies, without headlines and line breaks)
            scale.append({"share": share, "files": len(part), "chars": s["chars"], "input_chars": chars_of(part),
                          "seconds": s["wall_seconds"],
                          "prefect_server_cpu_seconds": server.cpu_seconds() - cpu0,
                          "process_seconds": s["process_seconds"], "peak_rss_mb": s["peak_rss_mb"],
                          "work_seconds": s["work_seconds"], "articles": s["articles_written"],
                          "run_id": s["run_id"],
                          "trend_query": trend_query(tmp / f"lake{share}", "高质量发展")})
            print(f"  pipeline on {share:.0%}: {s['wall_seconds']:.1f} s, {s['peak_rss_mb']:.0f} MB", flush=True)
        whole = scale[-1]
        # Text reuse's lake side (the run's new articles against the lake), timed again alone on
        # the whole-corpus run; it rewrites the same pairs. The workers' side is in the step table.
        results["reuse_link"] = time_reuse_link(tmp / "lake1.0", whole["run_id"])
        rerun = run_baoku(tmp / "in1.0", tmp / "lake1.0", workers, env)
        # A day's delivery onto a grown lake (which has its own IDF): the next tenth of the
        # files into the half-corpus lake, the rest of its inbox unchanged.
        half = int(len(files) * 0.5)
        increment = run_baoku(inbox_of(files[: half + len(files) // 10], tmp / "in-increment"), tmp / "lake0.5",
                              workers, env)
        results["increment"] = {"lake_files": half, "files_new": increment["files_new"],
                                "files_skipped": increment["files_skipped"], "chars": increment["chars"],
                                "seconds": increment["wall_seconds"]}
        results["trend_query"] = scale[-1]["trend_query"]
        # Orchestration's share: the same whole-corpus run with and without Prefect, the best
        # of four each, taken in turns (one run against one moves by ±10 % on this machine,
        # and its speed drifts over a minute: runs taken apart compare two machines).
        flows, directs = [whole["seconds"]], []
        commands = [whole["process_seconds"]]     # the same runs as `time` shows them
        for i in range(REPEATS - 1):
            directs.append(direct_run(files, workers, tmp / f"direct{i}"))
            again = run_baoku(tmp / "in1.0", tmp / f"lake-again{i}", workers, env)
            flows.append(again["wall_seconds"])
            commands.append(again["process_seconds"])
        directs.append(direct_run(files, workers, tmp / f"direct{REPEATS}"))
        flow_best, direct = min(flows), min(directs)
        # What quotations and text reuse cost a whole run: whole commands (what `time` shows)
        # without them and with them, in turns, each side by its best.
        plain, full = [], []
        for i in range(2):
            plain.append(run_baoku(tmp / "in1.0", tmp / f"lake-plain{i}", workers, env,
                                   ("--skip-analyses",))["process_seconds"])
            full.append(run_baoku(tmp / "in1.0", tmp / f"lake-full{i}", workers, env)["process_seconds"])
        results["analyses"] = {"without": plain, "with": full, "share": min(full) / min(plain) - 1}
        flow_median = statistics.median(flows)
        # The quarter once more (a fresh lake): the marginal cost compares the best whole
        # command with the best quarter command.
        quarter_best = min(scale[0]["process_seconds"], run_baoku(tmp / "in0.25", tmp / "lake0.25-again", workers,
                                                                    env)["process_seconds"])
        whole_best = min(commands + full)
        year = [f for f in files if f.parent.name == "2023"]
        results["commands"] = user_commands(files, year, naive_command(year), tmp, env)
        results["search"] = search_timing({"quarter": tmp / "lake0.25", "whole": tmp / "lake1.0"}, env)

    sample = files[::8]
    sample_chars = chars_of(sample)
    # Both sides by their best run: interference on this machine only ever adds time (the
    # same whole-corpus run moves between 8.4 and 11.3 s within minutes).
    naive_s = min(naive_pipeline(sample) for _ in range(2))
    tok = tokenizer_speed(files, workers)
    q = scale[0]
    # Every rate in characters of the input files, the unit of both references.
    marginal = (whole_best - quarter_best) / max(1, whole["input_chars"] - q["input_chars"])
    results.update({
        "marginal_quarter_seconds": quarter_best, "marginal_whole_seconds": whole_best,
        "scale": scale,
        "chars_per_s": whole["input_chars"] / flow_best,
        "whole_corpus_median_seconds": flow_median,
        "naive_chars_per_s": sample_chars / naive_s,
        "tokenizer_chars_per_s": tok,
        "marginal_cost_vs_tokenizer": marginal * tok,
        "rerun_seconds": rerun["wall_seconds"], "rerun_share": rerun["wall_seconds"] / whole["seconds"],
        "prefect_overhead_share": max(0.0, 1 - direct / flow_best),
        "direct_run_seconds": direct, "flow_run_seconds": flow_best,
    })
    results["speedup_vs_naive"] = results["chars_per_s"] / results["naive_chars_per_s"]
    results["speedup_vs_naive_median_runs"] = whole["input_chars"] / flow_median / results["naive_chars_per_s"]
    print_table(results)
    print_commands(results["commands"])
    print_search(results["search"])

    # Where the marginal cost goes: a quarter of the files, contiguous as a worker's batches
    # are, each step against the tagger's time on the same text.
    from tests import step_costs
    results["step_costs"] = step_costs.in_fresh_process(files[len(files) // 2:][: len(files) // 4])
    print("\nOne process, the steps of its batches (a worker's share of a run):\n")
    print(step_costs.table(results["step_costs"]))
    print_analyses(results)

    # Quality figures of the steps, measured here too so one run says where the project stands.
    from tests import enrich_eval, paper_eval, split_eval
    print("\nArticle splitting on pages assembled from People's Daily (layouts a, b, c, mixed; single "
          "files), models fit on the tuning pages, held-out pages never used to choose:\n")
    results["split"] = split_eval.evaluate()
    print(split_eval.table(results["split"]))
    print("\nOther papers (tests/paper_eval.py):\n")
    results["papers"] = {"wire copy": paper_eval.wire_copy()}
    if paper_eval.DSKB.exists():
        results["papers"]["evening paper"] = paper_eval.evening_paper().figures()
    for source, figures in results["papers"].items():
        print(f"  {source:<14}", "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                          for k, v in figures.items()))
    print("\nSegmentation, entities and enrichment speed:\n")
    results["enrich"] = enrich_eval.main([])
    (OUT / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"\nwritten {OUT / 'bench.json'}")


def print_search(r: dict) -> None:
    print("\nRanked search (best of 3; the quarter and the whole of four years of xwlb):\n")
    print(f"| {'query':<24} | {'lake':<8} | {'baoku search':>12} | {'SQL search()':>12} | target        |")
    for lake, per_query in r.items():
        for text, t in per_query.items():
            ok = t["command_s"] <= 2 and t["sql_s"] <= 1
            print(f"| {text:<24} | {lake:<8} | {t['command_s']:>10.2f} s | {t['sql_s']:>10.3f} s | ≤ 2 s, ≤ 1 s "
                  f"{'met' if ok else 'MISSED'} |")


def print_analyses(r: dict) -> None:
    a, link = r["analyses"], r["reuse_link"]
    print("\nQuotations and text reuse, whole corpus (target: at most 15 % slower than without):\n")
    print(f"  without (--skip-analyses) {' / '.join(f'{x:.1f}' for x in a['without'])} s, "
          f"with {' / '.join(f'{x:.1f}' for x in a['with'])} s: {a['share']:+.1%} "
          f"{'ok' if a['share'] <= 0.15 else 'MISSED'}")
    print(f"  of it, the reuse link alone: {link['seconds']:.2f} s ({link['candidates']:,} candidate pairs, "
          f"{link['compared']:,} compared, {link['pairs']:,} kept); the workers' steps are in the table above")


def print_commands(c: dict) -> None:
    """What a user waits for, timed from the shell's side."""
    w, cold = c["warm"], c["cold"]
    rows = [("warm: the four sample pages (s)", f"{w['sample_pages']:.1f}", "<= 3 s", w["sample_pages"] <= 3),
            ("warm: a run that finds nothing new (s)", f"{w['nothing_new']:.1f}", "<= 2 s", w["nothing_new"] <= 2),
            ("warm: xwlb 2023 (s)", f"{w['year']:.1f}", "", None),
            ("  naive script on xwlb 2023, whole command (s)", f"{c['naive_year_seconds']:.1f}", "", None),
            ("  speed-up over the naive script", f"{w['year_speedup_vs_naive']:.1f}x", ">= 10x",
             w["year_speedup_vs_naive"] >= 10),
            ("warm: the whole corpus (s)", f"{w['whole']:.1f}", "<= 14 s", w["whole"] <= 14),
            ("cold: first command, sample pages, server start (s)", f"{cold['first']:.1f}", "<= 25 s",
             cold["first"] <= 25),
            ("cold: second command (s)", f"{cold['second']:.1f}", "<= 3 s", cold["second"] <= 3)]
    print("\nWhole commands, process start to exit (best of 2 warm; cold: a new PREFECT_HOME):\n")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"| {name:<52} | {value:>8} | {target:<8} | {mark:<6} |")


def print_table(r: dict) -> None:
    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        mark = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"| {name:<44} | {value:>18} | {target:<14} | {mark:<6} |")

    print(f"\nxwlb corpus, {r['files']} files, {r['workers']} workers\n")
    print(f"| {'figure':<44} | {'value':>18} | {'target':<14} | {'':<6} |")
    print(f"|{'-' * 46}|{'-' * 20}|{'-' * 16}|{'-' * 8}|")
    w = r["scale"][-1]
    row(f"wall time, whole corpus, best / median of {REPEATS} (s)",
        f"{r['flow_run_seconds']:.1f} / {r['whole_corpus_median_seconds']:.1f}")
    row("  the whole command, Prefect's start included (s)", f"{w['process_seconds']:.1f}")
    row("characters per second (of the input files)", f"{r['chars_per_s']:,.0f}")
    row("peak memory, whole corpus (MB)", f"{w['peak_rss_mb']:.0f}")
    row("naive pipeline (chars/s, 1/8 of the files, best of 2)", f"{r['naive_chars_per_s']:,.0f}")
    row("speed-up over naive (best runs)", f"{r['speedup_vs_naive']:.1f}x", ">= 20x", r["speedup_vs_naive"] >= 20)
    row("  the same from the median whole run", f"{r['speedup_vs_naive_median_runs']:.1f}x")
    row(f"tokenizer alone, {r['workers']} processes (chars/s)", f"{r['tokenizer_chars_per_s']:,.0f}")
    row("  from the best whole and quarter commands (s)",
        f"{r['marginal_whole_seconds']:.1f} / {r['marginal_quarter_seconds']:.1f}")
    row("marginal cost per char vs tokenizer", f"{r['marginal_cost_vs_tokenizer']:.2f}x", "<= 9x",
        r["marginal_cost_vs_tokenizer"] <= 9)
    row("  against a commit, in turns: make bench-baseline REV=bdc09f3", "")
    row("incremental re-run (s)", f"{r['rerun_seconds']:.2f}")
    row("re-run / full run", f"{r['rerun_share']:.1%}", "<= 10%", r["rerun_share"] <= 0.10)
    inc = r["increment"]
    row(f"increment: {inc['files_new']} new files onto {inc['lake_files']} (s)", f"{inc['seconds']:.2f}")
    row("  its characters per second", f"{inc['chars'] / inc['seconds']:,.0f}")
    row("Prefect overhead share", f"{r['prefect_overhead_share']:.1%}", "< 10%", r["prefect_overhead_share"] < 0.10)
    row("  Prefect server's CPU during the run (s)", f"{w['prefect_server_cpu_seconds']:.2f}")
    for s in r["scale"]:
        row(f"  {s['share']:.0%} of corpus: s / MB / chars per s",
            f"{s['seconds']:.1f} / {s['peak_rss_mb']:.0f} / {s['input_chars'] / s['seconds']:,.0f}")
    first, last = r["scale"][0], r["scale"][-1]
    flat = last["peak_rss_mb"] <= 1.5 * first["peak_rss_mb"]
    row("memory whole / quarter", f"{last['peak_rss_mb'] / first['peak_rss_mb']:.2f}", "flat (<= 1.5)", flat)
    t = r["trend_query"]
    row(f"term_trends for '{t['term']}' ({t['months']} months) (s)", f"{t['term_trends_s']:.3f}", "< 1 s",
        t["term_trends_s"] < 1)
    row("same by scanning body with LIKE (s)", f"{t['body_like_s']:.3f}")
    # How each grows with the lake: LIKE reads every character, the view one term's rows.
    for s in r["scale"]:
        q = s["trend_query"]
        row(f"  {s['share']:.0%} of corpus: term_trends / LIKE (s)", f"{q['term_trends_s']:.3f} / {q['body_like_s']:.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["naive"]:
        naive_pipeline([Path(f) for f in sys.argv[2:]])
    else:
        main()
