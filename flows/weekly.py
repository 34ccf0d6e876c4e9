"""The weekly trend report, written next to the lake (or where `out` says)."""
from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_link_artifact

from flows.settings import require_location


@flow(name="weekly-report", log_prints=False, timeout_seconds=3600)
def weekly_report(lake: str, out: str | None = None) -> str:
    from warehouse.report import write_report
    lake = require_location(lake, "lake")
    path = write_report(Path(lake), Path(out) if out else Path(lake) / "report.html")
    get_run_logger().info("report written to %s", path)
    create_link_artifact(link=path.absolute().as_uri(), link_text="baoku trend report", key="baoku-report")
    return str(path)
