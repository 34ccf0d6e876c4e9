"""Prefect quiet and offline: the environment every baoku process and test sets before
Prefect is imported (no telemetry, warnings only)."""
from __future__ import annotations

import os
from typing import Mapping, MutableMapping

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


# The parameters of the scheduled flows that name a place, and the variable prefect.yaml
# fills each from when it deploys.
LOCATION_VARIABLES = {"input": "BAOKU_INBOX", "lake": "BAOKU_LAKE"}


def require_location(value: str | None, parameter: str) -> str:
    """`value`, if it names a place: an empty one, or a placeholder `prefect deploy` left
    unfilled, fails the run before anything is written (an empty lake would be the working
    directory: a lake written into the code checkout)."""
    variable = LOCATION_VARIABLES[parameter]
    if value is None or not str(value).strip():
        raise ValueError(f"the run's `{parameter}` is empty: set {variable} to a folder and deploy again "
                         f"(`prefect deploy --all`), or pass --{'input' if parameter == 'input' else 'lake'}")
    if "{{" in str(value):
        raise ValueError(f"the run's `{parameter}` is {value!r}, a placeholder left unfilled: "
                         f"set {variable} and deploy again (`prefect deploy --all`)")
    return str(value)


def check_deploy_environment(env: Mapping[str, str] = os.environ) -> list[str]:
    """What makes `prefect deploy --all` unsafe: BAOKU_INBOX or BAOKU_LAKE unset or empty."""
    return [f"{v} is {'empty' if v in env else 'not set'}: the deployments would run with no {p}"
            for p, v in LOCATION_VARIABLES.items() if not env.get(v, "").strip()]


if __name__ == "__main__":      # prefect.yaml's first build step: refuse to deploy without them
    import sys
    problems = check_deploy_environment()
    for line in problems:
        print(f"baoku: {line}; export it (BAOKU_INBOX=/data/inbox BAOKU_LAKE=/data/lake) and deploy again",
              file=sys.stderr)
    sys.exit(1 if problems else 0)
