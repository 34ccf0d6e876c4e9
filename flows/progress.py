"""A run's progress on a terminal: files and characters done, the rate and the time left.
Shown only where a person watches (standard error is a terminal, and not in CI); logs and
scheduled runs stay quiet."""
from __future__ import annotations

import os
import sys
from contextvars import ContextVar

from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

# The display of the command line's run, if a person watches it; the flow reports to it.
DISPLAY: ContextVar["RunProgress | None"] = ContextVar("baoku_progress", default=None)


def watched() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class RunProgress:
    """One bar over the bytes of the files to read (what the time left is reckoned in), with
    the files and characters done and the rate in characters per second."""

    def __init__(self) -> None:
        self._bar = Progress(TextColumn("ingest"), BarColumn(), TextColumn("{task.fields[files]} files"),
                             TextColumn("{task.fields[chars]:,} chars"), TextColumn("{task.fields[rate]}"),
                             TimeRemainingColumn(), transient=True)
        self._task = None
        self._files = self._chars = 0

    def start(self, files: int, size: int) -> None:
        self._bar.start()
        self._total_files = files
        self._task = self._bar.add_task("ingest", total=max(size, 1), files=f"0/{files}", chars=0, rate="")

    def advance(self, files: int, chars: int, size: int) -> None:
        if self._task is None:
            return
        self._files += files
        self._chars += chars
        elapsed = self._bar.tasks[0].elapsed or 0
        rate = f"{self._chars / elapsed / 1e6:.2f} M chars/s" if elapsed else ""
        self._bar.update(self._task, advance=size, files=f"{self._files}/{self._total_files}", chars=self._chars,
                         rate=rate)

    def close(self) -> None:
        if self._task is not None:
            self._bar.stop()
