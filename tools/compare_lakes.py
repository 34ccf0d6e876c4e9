"""Prove that a refactor of baoku changed no output, and time it against the code before.

What it proves: two checkouts of baoku (before and after a change), each run as a user runs
it (`baoku run --input INBOX --lake LAKE --workers 2 --quiet`) on the same, byte-identical
inboxes, write lakes whose DuckDB views return the same rows: every view of the old lake is
compared in full with the view of the same name in the new lake, as multisets (row order does
not count), floating-point columns within a relative tolerance of 1e-9, and only columns that
legitimately change from run to run left out (see IGNORED_COLUMNS below).

The three lakes:
  rmrb   symlinks to every article file of People's Daily 2019-02 and 2019-10
         (inbox-rmrb/YYYY-MM/YYYYMMDD/YYYYMMDD-PP-SS.txt: dates and pages come from the names)
  pages  every page of those months rebuilt by the project's own page builder (tests.pages of
         the OLD checkout) in its "mixed" variant: layout a/b/c, utf-8/utf-8-sig/gb18030, LF
         or CRLF, one file per page named rmrb-YYYYMMDD-PP.txt; generated once and reused
  xwlb   symlinks to every file of the evening-news transcript corpus

Inboxes are built once under WORK (default /tmp/baoku-compare/inbox-*) with a manifest
(inbox-*.sha256: the sha256 of every file's bytes) next to each; a later build checks the
inbox against its manifest, so both checkouts provably read the same bytes. Nothing of the
corpus is copied into a repository.

Run it from the new checkout with its venv's Python (any Python with duckdb will do):

  # 1. the lakes of each checkout (the old ones once; the new ones after each change)
  .venv/bin/python tools/compare_lakes.py build --baoku /work/old/.venv/bin/baoku --out /tmp/baoku-compare/old
  .venv/bin/python tools/compare_lakes.py build --baoku /work/main/.venv/bin/baoku --out /tmp/baoku-compare/new
  # 2. every view, every row (exit status 1 on any difference)
  .venv/bin/python tools/compare_lakes.py compare /tmp/baoku-compare/old /tmp/baoku-compare/new
  # 3. wall time of whole `baoku run` commands, old and new in turns, one shared Prefect server
  .venv/bin/python tools/compare_lakes.py time --old /work/old/.venv/bin/baoku --new /work/main/.venv/bin/baoku

`compare` takes two lakes (folders holding baoku.duckdb) or two `build` folders (it then
compares the lakes of the same name in each).

Each build run gets a fresh PREFECT_HOME (OUT/prefect-home/<lake>), no PREFECT_API_URL (so
`baoku run` starts Prefect's temporary server, as it does for a user), DO_NOT_TRACK=1,
PREFECT_SERVER_ANALYTICS_ENABLED=false, PREFECT_LOGGING_LEVEL=WARNING,
PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=180 (the default 20 s fails on a loaded
machine), and runs with the output folder as its working directory (Prefect reads settings
files from the cwd).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CORPUS = Path(os.environ.get("BAOKU_CORPUS", "/work/shared/corpus"))
WORK = Path("/tmp/baoku-compare")
RMRB_MONTHS = ("2019-02", "2019-10")
LAKES = ("rmrb", "pages", "xwlb")
WORKERS = 2

# Columns left out of the comparison, because they differ from one run to the next whatever
# the code: the run's random id, clock readings and durations, file modification times.
#   run_id       a fresh id per run (in runs, sources, articles and every derived table)
#   started_at, finished_at, seconds   when the run ran and how long it took (runs)
#   mtime        the file's modification time when read (sources)
#   taken_at     when a snapshot was taken (live snapshot rows, if a view exposes them)
# and, in the views below, every TIMESTAMP column (times of the run, whatever they are named).
IGNORED_COLUMNS = {"run_id", "started_at", "finished_at", "seconds", "mtime", "taken_at"}
TIMESTAMP_FREE_VIEWS = {"runs", "sources"}
FLOAT_TYPES = {"FLOAT", "DOUBLE", "REAL", "FLOAT4", "FLOAT8"}
REL_TOL = 1e-9
SHOW = 5    # differences printed per view


# ---------------------------------------------------------------- inboxes

def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def manifest_of(folder: Path) -> str:
    """'sha256  relative/path' for every file (links followed), sorted by path."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        lines.append(f"{file_sha256(path)}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def link_tree(sources: list[tuple[Path, Path]], dest: Path) -> None:
    """Symlink every file under each (source folder, prefix) into dest/prefix/, same layout."""
    for folder, prefix in sources:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            target = dest / prefix / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path.resolve())


def make_pages(dest: Path, pages_python: Path, pages_checkout: Path) -> None:
    """Page files written by the page builder of `pages_checkout`, run with its own Python."""
    dest.mkdir(parents=True)
    subprocess.run([str(pages_python), str(Path(__file__).resolve()), "_pages", "--checkout", str(pages_checkout),
                    "--out", str(dest)], cwd=pages_checkout, check=True)


def write_pages(checkout: Path, out: Path) -> None:
    """(Runs under the checkout's Python.) Every page of RMRB_MONTHS in its mixed variant, as
    bytes: layout, encoding and line ends drawn by tests.pages.mixed_variant."""
    sys.path.insert(0, str(checkout))
    from tests.pages import encode, load_pages, mixed_variant, page_text
    n = 0
    for month in RMRB_MONTHS:
        for page in load_pages(CORPUS / "rmrb" / month):
            layout, encoding, crlf = mixed_variant(page.key)
            (out / f"rmrb-{page.key}.txt").write_bytes(encode(page_text(page.articles, layout), encoding, crlf))
            n += 1
    print(f"pages     {n} page files written to {out}")


def ensure_inbox(name: str, work: Path, pages_python: Path, pages_checkout: Path) -> Path:
    """WORK/inbox-<name>, built once (into a temporary folder, then renamed) and checked
    against its manifest on every later use."""
    inbox, manifest = work / f"inbox-{name}", work / f"inbox-{name}.sha256"
    if inbox.is_dir():
        if not manifest.exists() or manifest_of(inbox) != manifest.read_text():
            sys.exit(f"{inbox} does not match {manifest}: delete both to rebuild the inbox")
        return inbox
    tmp = work / f".inbox-{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    if name == "rmrb":
        link_tree([(CORPUS / "rmrb" / m, Path(m)) for m in RMRB_MONTHS], tmp)
    elif name == "xwlb":
        link_tree([(CORPUS / "xwlb", Path("."))], tmp)
    elif name == "pages":
        shutil.rmtree(tmp)
        make_pages(tmp, pages_python, pages_checkout)
    else:
        raise ValueError(name)
    manifest.write_text(manifest_of(tmp))
    tmp.rename(inbox)
    print(f"inbox     {inbox}: {len(manifest.read_text().splitlines())} files")
    return inbox


# ---------------------------------------------------------------- running baoku

def run_env(prefect_home: Path, api_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env.update(PREFECT_HOME=str(prefect_home), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    else:    # Prefect's default (20 s) for its temporary server to start is too short on a busy machine
        env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
    return env


def live_members(pgid: int) -> list[int]:
    """Processes of the group that still run (zombies waiting for init to reap them are done)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


def wait_group(pgid: int, seconds: float) -> bool:
    """True once the group has no live process, False if some still run after `seconds`."""
    deadline = time.monotonic() + seconds
    while live_members(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def kill_group(pgid: int, grace: float = 10.0) -> bool:
    """SIGTERM the process group, SIGKILL what is left after `grace` s; True if any was alive."""
    if not live_members(pgid):
        return False
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        if wait_group(pgid, grace):
            break
    return True


def run_baoku(baoku: Path, inbox: Path, lake: Path, env: dict[str, str], log: Path, cwd: Path) -> tuple[float, int]:
    """One whole `baoku run`, wall time measured around the subprocess; output to log.*"""
    cmd = [str(baoku), "run", "--input", str(inbox), "--lake", str(lake), "--workers", str(WORKERS), "--quiet"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        try:
            rc = proc.wait()
        finally:
            seconds = time.perf_counter() - t0
            if not wait_group(proc.pid, 5) and kill_group(proc.pid):    # a run must leave nothing behind
                print(f"warning   processes of `{' '.join(cmd)}` outlived it; killed", file=sys.stderr)
    return seconds, rc


def run_problems(rc: int, log: Path) -> list[str]:
    """What went wrong in a run: exit status, or anything alarming it printed."""
    problems = [f"exit status {rc}"] if rc else []
    text = log.with_suffix(".err").read_text(errors="replace") + log.with_suffix(".out").read_text(errors="replace")
    problems += [ln.strip() for ln in text.splitlines()
                 if any(w in ln for w in ("Traceback", "Error", "ERROR", "error:", "Crashed", "Failed"))][:5]
    return problems


def lake_counts(lake: Path) -> dict[str, int]:
    import duckdb
    con = duckdb.connect(str(lake / "baoku.duckdb"), read_only=True)
    try:
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for t in ("articles", "terms", "entities", "figures", "keywords", "sources")}
        counts["rejected"] = con.execute("SELECT count(*) FROM sources WHERE status <> 'ok'").fetchone()[0]
    finally:
        con.close()
    return counts


def git_state(baoku: Path) -> str:
    """HEAD of the checkout whose venv holds `baoku`, '+dirty' when it has uncommitted changes."""
    checkout = baoku.resolve().parents[2] if baoku.parent.parent.name == ".venv" else baoku.parent
    try:
        head = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(checkout), "status", "--porcelain"],
                               capture_output=True, text=True).stdout.strip()
        return f"{checkout} {head}{'+dirty' if dirty else ''}"
    except (subprocess.CalledProcessError, FileNotFoundError):
        return str(checkout)


def cmd_build(args: argparse.Namespace) -> int:
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    names = args.lakes.split(",")
    record = {"baoku": str(args.baoku), "checkout": git_state(args.baoku), "lakes": {}}
    print(f"checkout  {record['checkout']}")
    failed = False
    for name in names:
        inbox = ensure_inbox(name, args.work, args.pages_python, args.pages_checkout)
        lake = out / name
        if lake.exists():
            if not args.force:
                sys.exit(f"{lake} exists: runs are incremental, so a build needs a new lake (--force deletes it)")
            shutil.rmtree(lake)
        home = out / "prefect-home" / name
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        seconds, rc = run_baoku(args.baoku, inbox, lake, run_env(home, None), out / "logs" / name, out)
        problems = run_problems(rc, out / "logs" / name)
        counts = lake_counts(lake) if (lake / "baoku.duckdb").exists() else {}
        if not counts.get("articles"):
            problems.append("no articles in the lake")
        failed |= bool(problems)
        record["lakes"][name] = {"inbox": str(inbox), "lake": str(lake), "seconds": round(seconds, 1),
                                 "counts": counts, "problems": problems}
        print(f"{name:<9} {seconds:7.1f} s  " + "  ".join(f"{k} {v:,}" for k, v in counts.items()))
        for p in problems:
            print(f"  PROBLEM {p}")
    (out / "build.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return 1 if failed else 0


# ---------------------------------------------------------------- comparing

def lake_pairs(old: Path, new: Path) -> list[tuple[str, Path, Path]]:
    """(name, old lake, new lake): the two folders themselves if they are lakes, else their
    subfolders that are lakes in `old` (a missing one in `new` is reported by compare)."""
    if (old / "baoku.duckdb").exists():
        return [(old.name, old, new)]
    pairs = [(d.name, d, new / d.name) for d in sorted(old.iterdir()) if (d / "baoku.duckdb").exists()]
    if not pairs:
        sys.exit(f"no lake (folder with baoku.duckdb) in {old}")
    return pairs


def list_views(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database() "
        "ORDER BY view_name").fetchall()]


def view_columns(con, view: str) -> dict[str, str]:
    return {r[0]: r[1] for r in con.execute(f'DESCRIBE SELECT * FROM "{view}"').fetchall()}


def compared_columns(view: str, columns: dict[str, str]) -> dict[str, str]:
    return {c: t for c, t in columns.items()
            if c not in IGNORED_COLUMNS and not (view in TIMESTAMP_FREE_VIEWS and t.startswith("TIMESTAMP"))}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def export(con, view: str, columns: list[str], path: Path) -> int:
    """The view's rows, those columns only, to a Parquet file; the row count."""
    con.execute(f"COPY (SELECT {', '.join(q(c) for c in columns)} FROM {q(view)}) TO '{path}' (FORMAT parquet)")
    return con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]


def close_enough(a: str, b: str) -> str:
    """SQL: the doubles a and b are equal within REL_TOL of the larger magnitude (NULLs,
    infinities and NaNs must match exactly)."""
    return (f"(({a} IS NOT DISTINCT FROM {b}) OR (isfinite({a}) AND isfinite({b}) AND "
            f"abs({a} - {b}) <= {REL_TOL!r} * greatest(abs({a}), abs({b}))))")


def compare_rows(mem, old_file: Path, new_file: Path, exact: list[str], floats: list[str]) -> list[str]:
    """Differences between two exports holding the same columns, as multisets.

    1. Exact part: EXCEPT ALL both ways on every non-float column (so a missing, extra or
       changed row is named as it is).
    2. Floats: when the exact parts match, both sides are sorted by all columns (exact ones
       first, then the floats) and paired by position; paired rows then agree on every exact
       column, and each float pair must be within the tolerance. Rounding cannot do this (two
       numbers 1e-12 apart may round to different digits); pairing can.
    """
    mem.execute(f"CREATE OR REPLACE TEMP VIEW o AS SELECT * FROM read_parquet('{old_file}')")
    mem.execute(f"CREATE OR REPLACE TEMP VIEW n AS SELECT * FROM read_parquet('{new_file}')")
    diffs: list[str] = []
    if exact:
        cols = ", ".join(q(c) for c in exact)
        for label, a, b in (("only in old", "o", "n"), ("only in new", "n", "o")):
            sql = f"SELECT {cols} FROM {a} EXCEPT ALL SELECT {cols} FROM {b}"
            n = mem.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
            if n:
                diffs.append(f"{n:,} rows {label}")
                diffs += [f"  {label}: {_row(exact, r)}" for r in mem.execute(f"{sql} LIMIT {SHOW}").fetchall()]
        if diffs or not floats:
            return diffs
    order = ", ".join(f"{q(c)} ASC NULLS LAST" for c in exact + floats)
    pick = ", ".join(q(c) for c in exact + floats)
    check = " AND ".join(close_enough(f"a.{q(f)}", f"b.{q(f)}") for f in floats)
    sql = f"""
        WITH a AS (SELECT {pick}, row_number() OVER (ORDER BY {order}) AS rn FROM o),
             b AS (SELECT {pick}, row_number() OVER (ORDER BY {order}) AS rn FROM n)
        SELECT a.* EXCLUDE (rn), {', '.join(f'b.{q(f)} AS {q("new " + f)}' for f in floats)}
        FROM a JOIN b USING (rn)
        WHERE NOT ({check})"""
    n = mem.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    if n:
        diffs.append(f"{n:,} rows whose {', '.join(floats)} differ by more than {REL_TOL:g} (relative)")
        names = exact + floats + [f"new {f}" for f in floats]
        diffs += [f"  {_row(names, r)}" for r in mem.execute(f"{sql} LIMIT {SHOW}").fetchall()]
    return diffs


def _row(names: list[str], row: tuple) -> str:
    text = ", ".join(f"{n}={v!r}" for n, v in zip(names, row))
    return text if len(text) <= 400 else text[:400] + " …"


def compare_view(view: str, old_con, new_con, mem, tmp: Path) -> tuple[bool, str]:
    """(equal?, one line or a few lines saying how the view compares)."""
    old_cols = compared_columns(view, view_columns(old_con, view))
    new_cols = compared_columns(view, view_columns(new_con, view))
    notes, diffs = [], []
    missing = [c for c in old_cols if c not in new_cols]
    if missing:
        diffs.append(f"columns missing in new: {', '.join(missing)}")
    extra = [c for c in new_cols if c not in old_cols]
    if extra:
        notes.append(f"new columns (not compared): {', '.join(extra)}")
    common = [c for c in old_cols if c in new_cols]
    retyped = [f"{c} {old_cols[c]} → {new_cols[c]}" for c in common if old_cols[c] != new_cols[c]]
    if retyped:
        diffs.append(f"column types changed: {', '.join(retyped)}")
    old_file, new_file = tmp / f"{view}.old.parquet", tmp / f"{view}.new.parquet"
    n_old = export(old_con, view, common, old_file)
    n_new = export(new_con, view, common, new_file)
    if n_old != n_new:
        diffs.append(f"row count {n_old:,} (old) ≠ {n_new:,} (new)")
    # a float on either side is compared as a float; other retyped columns as text
    floats = [c for c in common if old_cols[c] in FLOAT_TYPES or new_cols[c] in FLOAT_TYPES]
    if retyped:
        old_file, new_file = _cast_for_compare(mem, old_file, new_file, common, old_cols, new_cols, floats, tmp, view)
    exact = [c for c in common if c not in floats]
    diffs += compare_rows(mem, old_file, new_file, exact, floats)
    old_file.unlink(missing_ok=True)
    new_file.unlink(missing_ok=True)
    head = f"{view:<16} {n_old:>10,} rows  " + ("equal" if not diffs else "DIFFERENT")
    if floats:
        head += f"  (within {REL_TOL:g}: {', '.join(floats)})"
    return not diffs, "\n".join([head] + [f"    {d}" for d in diffs + notes])


def _cast_for_compare(mem, old_file, new_file, common, old_cols, new_cols, floats, tmp, view):
    """Exports rewritten with retyped columns made comparable: DOUBLE if a float, else VARCHAR."""
    out = []
    for side, path, cols in (("old", old_file, old_cols), ("new", new_file, new_cols)):
        exprs = []
        for c in common:
            if old_cols[c] == new_cols[c]:
                exprs.append(q(c))
            else:
                exprs.append(f"CAST({q(c)} AS {'DOUBLE' if c in floats else 'VARCHAR'}) AS {q(c)}")
        target = tmp / f"{view}.{side}.cast.parquet"
        mem.execute(f"COPY (SELECT {', '.join(exprs)} FROM read_parquet('{path}')) TO '{target}' (FORMAT parquet)")
        path.unlink()
        out.append(target)
    return out[0], out[1]


def compare_lakes(name: str, old: Path, new: Path, tmp: Path) -> bool:
    import duckdb
    print(f"== {name}: {old} vs {new}")
    if not (new / "baoku.duckdb").exists():
        print(f"   MISSING: no {new / 'baoku.duckdb'}")
        return False
    old_con = duckdb.connect(str(old / "baoku.duckdb"), read_only=True)
    new_con = duckdb.connect(str(new / "baoku.duckdb"), read_only=True)
    mem = duckdb.connect(config={"temp_directory": str(tmp / "spill")})
    try:
        old_views, new_views = list_views(old_con), list_views(new_con)
        ok = True
        for view in old_views:
            if view not in new_views:
                print(f"{view:<16} MISSING in new lake")
                ok = False
                continue
            equal, text = compare_view(view, old_con, new_con, mem, tmp)
            print(text, flush=True)
            ok &= equal
        for view in new_views:
            if view not in old_views:
                print(f"{view:<16} new (only in the new lake; not compared)")
        return ok
    finally:
        for con in (old_con, new_con, mem):
            con.close()


def cmd_compare(args: argparse.Namespace) -> int:
    ok = True
    with tempfile.TemporaryDirectory(prefix="baoku-compare-") as tmp:
        for name, old, new in lake_pairs(args.old.resolve(), args.new.resolve()):
            t0 = time.perf_counter()
            ok &= compare_lakes(name, old, new, Path(tmp))
            print(f"   ({time.perf_counter() - t0:.1f} s)")
    print("ALL EQUAL" if ok else "DIFFERENCES FOUND")
    return 0 if ok else 1


# ---------------------------------------------------------------- timing

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(prefect: Path, home: Path, log: Path, timeout: float = 180) -> tuple[subprocess.Popen, str]:
    """A Prefect server in its own process group with its own PREFECT_HOME; (process, API URL)
    once /api/health answers."""
    port = free_port()
    env = run_env(home, None)
    with open(log, "wb") as f:
        proc = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                                stdout=f, stderr=subprocess.STDOUT, env=env, cwd=home, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited ({proc.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            pass
        time.sleep(0.5)
    kill_group(proc.pid)
    raise RuntimeError(f"prefect server did not answer {url}/health in {timeout:.0f} s; see {log}")


def tiny_inbox(inbox: Path, dest: Path, n: int = 3) -> Path:
    """A few files of the inbox (symlinked), for untimed warm-up runs."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for p in inbox.rglob("*") if p.is_file())[:n]:
        (dest / path.name).symlink_to(path.resolve())
    return dest


def cmd_time(args: argparse.Namespace) -> int:
    inbox = args.inbox or ensure_inbox("xwlb", args.work, args.pages_python, args.pages_checkout)
    checkouts = {"old": args.old, "new": args.new}
    times: dict[str, list[float]] = {"old": [], "new": []}
    work = Path(tempfile.mkdtemp(prefix="time-", dir=args.work))
    server = None
    try:
        api_url = None
        if not args.cold:
            prefect = args.server_prefect or args.old.parent / "prefect"
            (work / "server-home").mkdir()
            server, api_url = start_server(prefect, work / "server-home", work / "server.log")
            print(f"server    {api_url} ({prefect})")
        else:
            print("server    none: each run starts Prefect's temporary server (--cold)")
        home = work / "client-home"
        home.mkdir()
        if args.warmup:
            small = tiny_inbox(inbox, work / "warmup-inbox")
            for label, baoku in checkouts.items():
                lake = work / f"warmup-{label}"
                log = work / "logs" / f"warmup-{label}"
                seconds, rc = run_baoku(baoku, small, lake, run_env(home, api_url), log, work)
                print(f"warm-up   {label} {seconds:.1f} s (untimed) {' '.join(run_problems(rc, log))}")
                shutil.rmtree(lake, ignore_errors=True)
        for i in range(args.rounds):
            for label, baoku in checkouts.items():
                lake = work / f"lake-{label}-{i}"
                log = work / "logs" / f"{label}-{i}"
                seconds, rc = run_baoku(baoku, inbox, lake, run_env(home, api_url), log, work)
                problems = run_problems(rc, log)
                if problems:
                    print(f"{label} round {i + 1} failed: {problems}; logs in {log.parent}")
                    return 1
                times[label].append(seconds)
                print(f"round {i + 1}   {label} {seconds:7.2f} s", flush=True)
                shutil.rmtree(lake, ignore_errors=True)
    finally:
        if server is not None:
            kill_group(server.pid)
            server.wait()
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"inbox     {inbox}  (--workers {WORKERS}, {'cold' if args.cold else 'one shared Prefect server'})")
    for label in checkouts:
        print(f"{label:<9} best {best[label]:7.2f} s  median {median[label]:7.2f} s  "
              f"runs {', '.join(f'{t:.2f}' for t in times[label])}")
    print(f"new/old   best {best['new'] / best['old']:.3f}  median {median['new'] / median['old']:.3f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


# ---------------------------------------------------------------- command line

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=WORK, help="where inboxes live (default %(default)s)")
    parser.add_argument("--pages-checkout", type=Path, default=Path("/work/old"),
                        help="checkout whose tests.pages builds the page inbox (default %(default)s)")
    parser.add_argument("--pages-python", type=Path, default=Path("/work/old/.venv/bin/python"),
                        help="its Python (default %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the rmrb, pages and xwlb lakes with one checkout's baoku")
    b.add_argument("--baoku", type=Path, required=True, help="the checkout's baoku executable")
    b.add_argument("--out", type=Path, required=True, help="folder for the lakes (OUT/rmrb, OUT/pages, OUT/xwlb)")
    b.add_argument("--lakes", default=",".join(LAKES), help="comma-separated subset of %(default)s")
    b.add_argument("--force", action="store_true", help="delete lakes already in OUT first")

    c = sub.add_parser("compare", help="compare every view of two lakes (or two build folders)")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)

    t = sub.add_parser("time", help="wall time of whole `baoku run` commands, old and new in turns")
    t.add_argument("--old", type=Path, required=True, help="old checkout's baoku")
    t.add_argument("--new", type=Path, required=True, help="new checkout's baoku")
    t.add_argument("--rounds", type=int, default=3)
    t.add_argument("--inbox", type=Path, help="default: WORK/inbox-xwlb")
    t.add_argument("--cold", action="store_true", help="no shared server: each run starts a temporary one")
    t.add_argument("--server-prefect", type=Path, help="prefect executable for the server (default: beside --old)")
    t.add_argument("--no-warmup", dest="warmup", action="store_false",
                   help="skip the untimed run of each checkout on 3 files before timing")

    p = sub.add_parser("_pages")    # internal: runs under the pages checkout's Python
    p.add_argument("--checkout", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)

    args = parser.parse_args()
    if args.command == "_pages":
        write_pages(args.checkout, args.out)
        return 0
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    return {"build": cmd_build, "compare": cmd_compare, "time": cmd_time}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
