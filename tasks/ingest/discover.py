"""Find every text file under the inbox, without following symlinked folders into loops."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tasks.ingest.papers import PROFILE_FILE


@dataclass(frozen=True)
class FileEntry:
    path: str          # absolute path
    rel: str           # path relative to the inbox, with '/' separators (what `sources` records)
    size: int          # -1 when the file cannot be stat'ed (the reader records why)
    mtime_ns: int


def discover(inbox: str | os.PathLike) -> list[FileEntry]:
    """Every non-hidden file under `inbox`, sorted by relative path (but the papers' profile,
    `papers.toml`, at its top).

    Symlinks to files are followed; symlinked folders are not (a loop would never end).
    Entries that cannot be stat'ed (broken or looping links) are still returned, with
    size -1, so the run records them as rejected instead of silently losing them.
    """
    root = Path(inbox)
    if not root.is_dir():
        raise NotADirectoryError(f"input folder not found: {root}")
    found: list[FileEntry] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or (name == PROFILE_FILE and dirpath == str(root)):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            try:
                st = os.stat(full)
            except OSError:
                found.append(FileEntry(full, rel, -1, 0))
                continue
            if not os.path.isfile(full):
                continue
            found.append(FileEntry(full, rel, st.st_size, st.st_mtime_ns))
    # os.walk lists a symlink to a folder among dirnames; a symlink that loops is in
    # dirnames too on some systems, in filenames on others: both end up handled above.
    found.sort(key=lambda e: e.rel)
    return found
