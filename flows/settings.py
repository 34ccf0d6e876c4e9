"""Prefect quiet and offline: the environment every baoku process and test sets before
Prefect is imported (no telemetry, warnings only)."""
from __future__ import annotations

import os
from typing import MutableMapping

QUIET = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


def quiet(env: MutableMapping[str, str] = os.environ) -> MutableMapping[str, str]:
    """`env` with the quiet settings where it sets none of its own."""
    for name, value in QUIET.items():
        env.setdefault(name, value)
    return env
