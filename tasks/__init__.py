"""The steps of the baoku pipeline: discover → read → split → enrich → write → publish.

Modules here are plain Python (text in, records out); `tasks.steps` wraps them as Prefect tasks.
"""

from pathlib import Path as _Path

from tasks.compiled import guard as _guard

_guard(__name__, _Path(__file__).parent)     # a compiled module older than its source is not imported
