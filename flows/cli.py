"""The `baoku` command: run, report, segment, serve, demo."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from flows.server import ui_url
from flows.settings import quiet

quiet()     # before Prefect is imported anywhere

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="baoku (报库): Chinese newspaper text → Parquet lake → DuckDB trend reports.")

SAMPLE_INBOX = Path(__file__).with_name("sample_inbox")


def _fail(message: str) -> None:
    typer.echo(f"baoku: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def run(input: Path = typer.Option(..., "--input", help="folder of text files (searched recursively)"),
        lake: str = typer.Option(..., "--lake", help="lake folder (created if missing) or URL (s3://bucket/lake)"),
        paper: Optional[str] = typer.Option(None, "--paper", help="newspaper name, when the path does not say"),
        workers: Optional[int] = typer.Option(None, "--workers", help="processes (default: all cores)"),
        engine: str = typer.Option("fast", "--engine", help="segmenter: fast (rjieba) or jieba"),
        wait: float = typer.Option(600, "--wait", help="seconds to wait for another run on the same lake"),
        dask: Optional[str] = typer.Option(None, "--dask", help="address of a Dask scheduler to run on"),
        skip_analyses: bool = typer.Option(False, "--skip-analyses",
                                           help="leave out quotations and text reuse (about a quarter of a whole run)"),
        quiet: bool = typer.Option(False, "--quiet", "-q"),
        as_json: bool = typer.Option(False, "--json", help="print the run's figures as JSON")) -> None:
    """One pipeline run over every text file under --input; incremental."""
    if not input.is_dir():
        _fail(f"input folder not found: {input}")
    from tasks.ingest.papers import ProfileError, read_profiles
    try:
        read_profiles(input, lake)      # a bad papers.toml fails here, before Prefect starts
    except ProfileError as e:
        _fail(str(e))
    from flows import agent, server
    from flows.progress import RunProgress, watched
    server.begin()      # the local Prefect server, if one is needed, starts while the rest loads
    announce = (lambda line: None) if quiet or as_json else typer.echo
    inbox = str(input.absolute())
    lake = lake if "://" in lake else str(Path(lake).absolute())
    params = dict(input=inbox, lake=lake, paper=paper, workers=workers, engine=engine, wait_seconds=wait,
                  dask_address=dask, analyses=not skip_analyses)
    progress = RunProgress() if watched() and not (quiet or as_json) else None
    try:
        if agent.enabled() and dask is None:
            summary = _run_in_agent(agent, server, params, progress, announce)
        else:
            summary = _run_here(params, progress, announce)
    finally:
        if progress:
            progress.close()
    if summary["status"] == "busy":
        _fail(f"another run is writing {summary['lake']}; gave up after {wait:.0f}s")
    if as_json:
        typer.echo(json.dumps(summary, default=str, ensure_ascii=False))
    elif not quiet:
        _print_summary(summary)
        typer.echo(f"run       {ui_url(summary['api_url'])}/runs/flow-run/{summary['flow_run_id']}")


def _run_here(params: dict, progress, announce) -> dict:
    """The run's flow in this process (BAOKU_AGENT=0, or on a Dask cluster)."""
    from flows.pool import PRESTARTED, default_workers, without_pandas
    from flows.progress import DISPLAY
    without_pandas()    # this process only runs the flow
    token = DISPLAY.set(progress)
    try:
        # the workers load their models while Prefect starts and the flow run is created
        PRESTARTED.start(params["input"], params["lake"], params["workers"] or default_workers(),
                         params["engine"], params["dask_address"])
        from flows.daily import daily_ingest
        from flows.server import prefect_api
        with prefect_api(announce=announce) as api:
            return {**daily_ingest(**params), "api_url": api}
    finally:
        PRESTARTED.discard()    # a flow that ended before taking them (another run held the lake)
        DISPLAY.reset(token)


def _run_in_agent(agent, server, params: dict, progress, announce) -> dict:
    """The run's flow in the run agent (flows/agent.py), started now if none serves this code:
    no Prefect import and no model loading in this command."""
    import os
    pending = agent.begin()
    api = os.environ.get("PREFECT_API_URL")
    if not api and server.wanted():
        api = server.local(announce).api_url
    try:
        return agent.run(pending, params, api, progress)
    except agent.AgentError as e:
        _fail(f"the run failed: {e} (the traceback is in {pending.home / 'baoku-agent.log'})")
    except KeyboardInterrupt:
        _fail(f"interrupted: the run goes on in the baoku agent (pid {pending.agent.pid}) and shows in "
              "the Prefect UI; `baoku server stop` ends it")


def _print_summary(s: dict) -> None:
    from flows.summary import top_terms
    echo = typer.echo
    echo(f"lake      {s['lake']}")
    echo(f"database  {s['database']}")
    echo(f"files     {s['files_seen']} seen, {s['files_new']} new, {s['files_skipped']} skipped, "
         f"{s['files_rejected']} rejected")
    echo(f"articles  {s['articles_written']} written ({s['chars']:,} characters) in {s['wall_seconds']:.1f} s")
    for path, reason in s["rejections"]:
        echo(f"rejected  {path}: {reason}")
    terms = top_terms(s["lake"], 12)
    if terms:
        echo("top terms " + "  ".join(f"{t}({n})" for t, n in terms))


@app.command()
def report(lake: Path = typer.Option(..., "--lake"),
           out: Optional[Path] = typer.Option(None, "--out", help="HTML file (default LAKE/report.html)")) -> None:
    """Write the trend report: one self-contained HTML file."""
    from warehouse.report import write_report
    if not (lake / "baoku.duckdb").exists():
        _fail(f"no lake at {lake} (run `baoku run` first)")
    path = write_report(lake, out or lake / "report.html")
    typer.echo(f"report    {path}")


# a query may begin with an exclusion (-疫情), which is no option
@app.command(context_settings={"ignore_unknown_options": True})
def search(query: str = typer.Argument(..., help='words, "phrases", -exclusions'),
           lake: str = typer.Option(..., "--lake"),
           date_from: Optional[str] = typer.Option(None, "--from", help="first month (2023-01) or day"),
           date_to: Optional[str] = typer.Option(None, "--to", help="last month (2023-12) or day"),
           paper: Optional[str] = typer.Option(None, "--paper", help="only this newspaper"),
           limit: int = typer.Option(20, "--limit", help="articles shown"),
           as_json: bool = typer.Option(False, "--json", help="one JSON object per article")) -> None:
    """Articles ranked by BM25 for QUERY (the SQL macro search() ranks alike)."""
    from warehouse.search import QueryError, search as ranked
    from tasks.lake.store import Lake
    if Lake(lake).local and not (Path(lake) / "baoku.duckdb").exists():
        _fail(f"no lake at {lake} (run `baoku run` first)")
    bold = sys.stdout.isatty() and not as_json
    try:
        asked, hits = ranked(lake, query, date_from=date_from, date_to=date_to, paper=paper, limit=limit,
                             mark=("\033[1;31m", "\033[0m") if bold else ("【", "】"))
    except QueryError as e:
        _fail(f"search: {e}")
    if as_json:
        for h in hits:
            typer.echo(json.dumps(h.__dict__, default=str, ensure_ascii=False))
        return
    typer.echo(f"query     {asked}  ({len(hits)} shown)")
    for rank, h in enumerate(hits, 1):
        where = " ".join(str(x) for x in (h.pub_date, h.paper, f"p{h.page}" if h.page else None) if x)
        typer.echo(f"\n{rank:>2}. {h.headline or '(no headline)'}   [{where}, score {h.score:.2f}]")
        typer.echo(f"    {h.snippet}")
        typer.echo(f"    {h.article_id}")


@app.command()
def segment(engine: str = typer.Option("fast", "--engine", help="jieba or fast")) -> None:
    """stdin lines in, space-separated tokens out, one line per line."""
    from tasks.enrich.segment import segment_line
    if engine not in ("jieba", "fast"):
        _fail(f"unknown engine {engine!r}: use jieba or fast")
    out = sys.stdout
    for line in sys.stdin:
        out.write(segment_line(line.rstrip("\n"), engine) + "\n")
    out.flush()


@app.command()
def compact(lake: str = typer.Option(..., "--lake"),
            min_files: int = typer.Option(2, "--min-files", help="merge months with at least this many files")) -> None:
    """Maintenance: merge small Parquet files, clear leftovers of dead runs, check the views."""
    from flows.maintenance import maintenance
    from flows.server import prefect_api
    with prefect_api(announce=typer.echo):
        result = maintenance(lake=str(lake), min_files=min_files)
    if result["status"] == "busy":
        _fail(f"another run is writing {lake}")
    typer.echo(f"compacted {', '.join(result['compacted']['months']) or 'nothing'}; "
               f"{result['removed']} leftover files removed; {result['counts']['articles']} articles")


@app.command()
def serve(inbox: Path = typer.Option(..., "--input", help="inbox folder the daily run reads"),
          lake: str = typer.Option(..., "--lake"),
          paper: Optional[str] = typer.Option(None, "--paper")) -> None:
    """Run the schedules of prefect.yaml on this machine with Prefect's `serve` (no work pool)."""
    from flows.serve import serve_all
    from tasks.lake.store import Lake
    serve_all(inbox=str(inbox.absolute()), lake=Lake(lake).root, paper=paper)


server_app = typer.Typer(help="The local Prefect server baoku runs report to when no PREFECT_API_URL is set, "
                                "and the run agent that keeps Prefect and the models loaded between runs.")
app.add_typer(server_app, name="server")


@server_app.command("start")
def server_start() -> None:
    """Start the local Prefect server (under PREFECT_HOME, on 127.0.0.1), if it is not running."""
    from flows import server
    s, started = server.start()
    typer.echo(f"{'started' if started else 'running'}   {s.ui_url} (API {s.api_url}, pid {s.pid}, home {s.home})")


@server_app.command("status")
def server_status() -> None:
    """Whether the local Prefect server runs, and where."""
    from flows import agent, server
    s, a = server.running(), agent.recorded()
    if a and server.alive(a.pid):
        typer.echo(f"agent     running (pid {a.pid}): `baoku run` runs its flow there")
    if s is None:
        typer.echo(f"stopped   (PREFECT_HOME {server.prefect_home()}); `baoku run` starts it when needed")
        raise typer.Exit(3)
    typer.echo(f"running   {s.ui_url} (API {s.api_url}, pid {s.pid})")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local Prefect server that baoku started, and the run agent."""
    from flows import agent, server
    a = agent.stop()
    if a:
        typer.echo(f"stopped   the run agent (pid {a.pid})")
    s = server.stop()
    typer.echo(f"stopped   {s.ui_url} (pid {s.pid})" if s else "no local server was running")


@app.command()
def demo(lake: Path = typer.Option(Path("lake"), "--lake")) -> None:
    """The main job on the embedded sample inbox, then the report (what `make run` does)."""
    run(input=SAMPLE_INBOX, lake=str(lake), paper=None, workers=1, engine="fast", wait=600, dask=None, quiet=False,
        as_json=False)
    report(lake=lake, out=None)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
