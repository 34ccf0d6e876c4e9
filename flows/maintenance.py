"""Maintenance: merge small files, clear what dead runs left, check every view answers."""
from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from flows.settings import require_location
from flows.steps import compact_lake, prepare_lake, publish
from tasks.lake.store import Lake, LakeBusy
from warehouse.build import VIEWS, connect


@task(name="check-views", cache_policy=NONE)
def check_views(lake: str) -> dict[str, int]:
    """Row count of every view: a view that fails to answer fails the flow."""
    con = connect(lake)
    return {v: con.execute(f"SELECT count(*) FROM {v}").fetchone()[0] for v in VIEWS}


@flow(name="maintenance", log_prints=False, timeout_seconds=3 * 3600)
def maintenance(lake: str, min_files: int = 2, wait_seconds: float = 1800) -> dict:
    lake = require_location(lake, "lake")
    logger = get_run_logger()
    store = Lake(lake)
    try:
        with store.writer_lock(wait_seconds):
            removed = prepare_lake(str(store.root))
            compacted = compact_lake(str(store.root), min_files)
            publish(str(store.root))
    except LakeBusy as e:
        logger.warning("%s; maintenance skipped", e)
        return {"status": "busy"}
    counts = check_views(str(store.root))
    logger.info("maintenance: %d leftover files removed, months compacted: %s; articles: %d",
                removed, ", ".join(compacted["months"]) or "none", counts["articles"])
    return {"status": "ok", "removed": removed, "compacted": compacted, "counts": counts}
