"""`baoku serve`: the schedules of prefect.yaml on one machine, with Prefect's `serve` (no work
pool, no worker): this process polls the server and runs each flow in a subprocess when due.

prefect.yaml is the one place schedules and parameters are written down; this module reads it,
so `prefect deploy --all` and `baoku serve` always run the same flows at the same times.
Placeholders `{{ $NAME }}` are filled the way `prefect deploy` fills them (text substitution
from the environment), except that BAOKU_INBOX / BAOKU_LAKE / BAOKU_PAPER come from the
arguments of `serve_all`.
"""
from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from typing import Any, Mapping

import yaml

ROOT = Path(__file__).resolve().parents[1]
PREFECT_YAML = ROOT / "prefect.yaml"

_ENV_PLACEHOLDER = re.compile(r"{{\s*\$(\w+)\s*}}")
_ANY_PLACEHOLDER = re.compile(r"{{\s*([^}]+?)\s*}}")


def read_config(path: str | os.PathLike = PREFECT_YAML) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def render(value: Any, env: Mapping[str, str]) -> Any:
    """`{{ $NAME }}` → env[NAME] in every string of `value` (dicts and lists walked); an unknown
    name raises, so a missing variable never becomes a parameter's literal text."""
    if isinstance(value, str):
        def sub(m: re.Match) -> str:
            if m.group(1) not in env:
                raise KeyError(f"environment variable {m.group(1)} is not set "
                               f"(prefect.yaml uses it in {value!r})")
            return env[m.group(1)]
        out = _ENV_PLACEHOLDER.sub(sub, value)
        if left := _ANY_PLACEHOLDER.search(out):
            raise ValueError(f"placeholder {left.group(0)!r} cannot be filled outside `prefect deploy`")
        return out
    if isinstance(value, dict):
        return {k: render(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [render(v, env) for v in value]
    return value


def load_entrypoint(entrypoint: str):
    """`flows/daily.py:daily_ingest` → the flow object, imported as the module `flows.daily`
    (the package is installed, so it imports from any working directory)."""
    file, _, attr = entrypoint.partition(":")
    module = file.removesuffix(".py").replace("/", ".")
    return getattr(importlib.import_module(module), attr)


def schedules_of(spec: dict[str, Any]) -> list:
    """prefect.yaml schedule entries → Prefect schedules (cron or interval, with timezone)."""
    from datetime import timedelta

    from prefect.schedules import Cron, Interval
    out = []
    for s in spec.get("schedules") or []:
        common = {"timezone": s.get("timezone"), "active": s.get("active", True),
                  "parameters": s.get("parameters") or {}}
        if "cron" in s:
            out.append(Cron(s["cron"], day_or=s.get("day_or", True), **common))
        elif "interval" in s:
            out.append(Interval(timedelta(seconds=s["interval"]), **common))
        else:
            raise ValueError(f"schedule of {spec['name']!r} is neither cron nor interval: {s}")
    return out


def concurrency_of(spec: dict[str, Any]):
    """prefect.yaml's `concurrency_limit` (a number, or limit + collision_strategy)."""
    limit = spec.get("concurrency_limit")
    if not isinstance(limit, dict):
        return limit
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    return ConcurrencyLimitConfig(limit=limit["limit"],
                                  collision_strategy=ConcurrencyLimitStrategy(limit.get("collision_strategy", "ENQUEUE")))


def deployments(inbox: str, lake: str, paper: str | None = None,
                config: str | os.PathLike = PREFECT_YAML) -> list:
    """One RunnerDeployment per entry of prefect.yaml, with its schedules and parameters.
    The served runs load their flow by module path (`flows.daily.daily_ingest`), so `baoku
    serve` works from any working directory."""
    from prefect.deployments.runner import EntrypointType
    env = {**os.environ, "BAOKU_INBOX": str(inbox), "BAOKU_LAKE": str(lake),
           "BAOKU_PAPER": paper or ""}
    out = []
    for spec in read_config(config)["deployments"]:
        flow = load_entrypoint(spec["entrypoint"])
        out.append(flow.to_deployment(
            name=spec["name"],
            schedules=schedules_of(spec),
            parameters=render(spec.get("parameters") or {}, env),
            description=spec.get("description"),
            tags=spec.get("tags") or [],
            concurrency_limit=concurrency_of(spec),
            entrypoint_type=EntrypointType.MODULE_PATH,
        ))
    return out


def serve_all(inbox: str, lake: str, paper: str | None = None) -> None:
    """Serve the daily ingest, the weekly report and maintenance on their prefect.yaml schedules
    until interrupted (Ctrl-C pauses the schedules; the next `baoku serve` resumes them)."""
    from prefect import serve
    from prefect.settings import PREFECT_API_URL
    if not PREFECT_API_URL.value():
        raise SystemExit(
            "baoku serve needs a Prefect server to keep the schedules: start one with\n"
            "  prefect server start --host 127.0.0.1 --port 4200\n"
            "and point this shell at it:\n"
            "  export PREFECT_API_URL=http://127.0.0.1:4200/api")
    serve(*deployments(inbox, lake, paper))
