"""A run watched on a terminal shows its progress: the flow reports each batch's files,
characters and bytes as it ends, adding up to the whole run; nothing is shown elsewhere."""
import shutil

from flows.progress import DISPLAY, watched
from tests.corpus import ROOT

SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"


class Recorder:
    def __init__(self):
        self.started, self.steps = None, []

    def start(self, files, size):
        self.started = (files, size)

    def advance(self, files, chars, size):
        self.steps.append((files, chars, size))


def test_each_batch_advances_the_display_and_they_add_up_to_the_run(tmp_path):
    from flows.daily import daily_ingest

    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE_INBOX, inbox)
    shown = Recorder()
    token = DISPLAY.set(shown)
    try:
        summary = daily_ingest(input=str(inbox), lake=str(tmp_path / "lake"), workers=1, batch_bytes=4096)
    finally:
        DISPLAY.reset(token)
    size = sum(f.stat().st_size for f in inbox.rglob("*.txt"))
    assert shown.started == (4, size)
    assert len(shown.steps) == summary["batches"] >= 2
    assert [sum(s[i] for s in shown.steps) for i in range(3)] == [4, summary["chars"], size]


def test_nothing_is_shown_without_a_terminal_or_in_ci(monkeypatch):
    # pytest captures standard error: no terminal here
    assert not watched()
