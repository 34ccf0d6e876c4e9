"""A file's bytes and their content hash, or a reason a person can act on."""
from __future__ import annotations

import hashlib
import os

from tasks.ingest.decode import DecodeError
from tasks.ingest.discover import FileEntry


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def read_file(entry: FileEntry, max_bytes: int) -> bytes:
    """The file's bytes, or DecodeError with a reason a person can act on."""
    if entry.size < 0:
        reason = "cannot stat file (broken or looping symlink?)"
        try:
            os.stat(entry.path)
        except OSError as e:
            reason = f"cannot stat file: {e.strerror or e}"
        raise DecodeError(reason)
    if entry.size > max_bytes:
        raise DecodeError(f"file too large: {entry.size:,} bytes (limit {max_bytes:,})")
    try:
        with open(entry.path, "rb") as f:
            return f.read(max_bytes + 1)
    except PermissionError:
        raise DecodeError("permission denied") from None
    except IsADirectoryError:
        raise DecodeError("is a directory") from None
    except OSError as e:
        raise DecodeError(f"cannot read file: {e.strerror or e}") from None
