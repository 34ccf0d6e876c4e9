"""Text reuse, the article's side: the fingerprint by which a reprint finds its original.

An article's body is reduced to its letters (Han characters, Latin letters folded to lower
case, digits; full-width forms folded to half-width; punctuation and spaces dropped), so that
re-punctuated or re-typeset copies read the same. Its shingles, the runs of `SHINGLE`
letters, are hashed, and a MinHash signature of them (rensa) is cut into `BANDS` bands of
`ROWS` values: two articles whose shingle sets have a Jaccard similarity of 0.3 share a band
with probability 0.95, of 0.05 with probability 0.08. Each band's hash is a row of the lake's
index (`reuse_index`, with the signature); `warehouse.reuse` joins a run's band hashes with
the lake's, keeps the candidate pairs whose signatures agree enough, and measures what each
of them really shares (`shared`).

Short and non-Chinese texts get no fingerprint: an article of a few characters, a lottery
table or a stock list (mostly digits) would match its kind on every day.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rensa

from tasks.enrich import passages

SHINGLE = 8             # letters per shingle: set phrases (高质量发展, 以习近平同志为核心的) are shorter
BANDS, ROWS = 32, 2     # 64 MinHash values; candidates from a Jaccard of about 0.2 up
SEED = 20260101         # fixed forever: band hashes written by earlier runs must stay comparable
MIN_HAN = 100           # fewer Han characters than this: no fingerprint
MIN_HAN_SHARE = 0.5     # of the letters; below it the text is a table of figures or names
MIN_RUN = 20            # letters: a common passage shorter than this is a phrase, not reuse

_MIX = np.uint64(0x9E3779B97F4A7C15)    # multiply-shift hashing: odd constant, high bits kept
_BASE = np.uint64(1099511628211)
_SEPARATOR = 0


def letters(text: str) -> np.ndarray:
    """The code points of `text` that reading compares: Han, a–z, 0–9 (uint32)."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cp = np.where((cp >= 0xFF01) & (cp <= 0xFF5E), cp - 0xFEE0, cp)     # full-width forms
    cp = np.where((cp >= 0x41) & (cp <= 0x5A), cp | 0x20, cp)           # A–Z
    keep = (((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0x30) & (cp <= 0x39))
            | ((cp >= 0x61) & (cp <= 0x7A)) | (cp == _SEPARATOR))
    return cp[keep]


def shingle_hashes(cp: np.ndarray) -> np.ndarray:
    """One 64-bit hash per shingle of `cp` (len(cp) - SHINGLE + 1 of them, position order)."""
    n = len(cp) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, np.uint64)
    wide = cp.astype(np.uint64)
    h = wide[:n].copy()
    for j in range(1, SHINGLE):     # in place: 30 % faster than a new array per step
        h *= _BASE
        h += wide[j:n + j]
    h *= _MIX
    return h


def fingerprints(bodies: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the bodies that get a fingerprint: their indexes in `bodies`, their MinHash
    signatures (uint32, shape (n, BANDS * ROWS)) and their band hashes (int64, (n, BANDS)).
    The batch is worked as one array and signed in one rensa call (per-article numpy calls
    were 4x slower on xwlb's articles)."""
    cp = letters("\0".join(bodies))
    doc = np.cumsum(cp == _SEPARATOR)                  # the body each letter belongs to
    n_letters = np.bincount(doc, minlength=len(bodies)) - (np.arange(len(bodies)) > 0)
    n_han = np.bincount(doc, weights=cp >= 0x4E00, minlength=len(bodies))
    chosen = np.flatnonzero((n_han >= MIN_HAN) & (n_han >= MIN_HAN_SHARE * n_letters))
    if not len(chosen):
        return chosen, np.zeros((0, BANDS * ROWS), np.uint32), np.zeros((0, BANDS), np.int64)
    h = shingle_hashes(cp)
    first = doc[:len(h)]
    inside = (first == doc[SHINGLE - 1:]) & (cp[:len(h)] != _SEPARATOR)   # no shingle spans two bodies
    wanted = np.zeros(len(bodies) + 1, bool)
    wanted[chosen] = True
    picked = wanted[first] & inside
    h, first = h[picked], first[picked]
    offsets = np.searchsorted(first, np.concatenate((chosen, [len(bodies)]))).astype(np.uint64)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(h, offsets, BANDS * ROWS, SEED)
    signatures = np.asarray(matrix.to_rows(), dtype=np.uint32)
    sig = signatures.astype(np.uint64).reshape(len(chosen), BANDS, ROWS)
    # a band's hash mixes its values and its number, so equal values in two bands differ
    keys = np.arange(1, BANDS + 1, dtype=np.uint64) * _MIX
    for r in range(ROWS):
        keys = (keys ^ sig[:, :, r]) * _MIX
    return chosen, signatures, keys.view(np.int64)


class Text:
    """A body made ready for comparison: its shingle hashes in order, and sorted without
    repeats (for `searchsorted`: numpy's hash-based `unique` and `isin` were 3x slower)."""
    __slots__ = ("hashes", "distinct", "letters")

    def __init__(self, hashes: np.ndarray, n_letters: int):
        self.hashes, self.letters = hashes, n_letters
        ordered = np.sort(hashes)
        self.distinct = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered

    @classmethod
    def of(cls, body: str) -> Text:
        cp = letters(body)
        return cls(shingle_hashes(cp), len(cp))

    @classmethod
    def many(cls, bodies: list[str]) -> list[Text]:
        """`Text.of` each body, the letters and hashes worked out over all of them at once."""
        cp = letters("\0".join(bodies))
        starts = np.concatenate(([0], np.flatnonzero(cp == _SEPARATOR) + 1, [len(cp) + 1]))
        h = shingle_hashes(cp)
        return [cls(h[start:max(start, end - SHINGLE)], end - 1 - start)       # shingles inside the body
                for start, end in zip(starts[:-1].tolist(), starts[1:].tolist())]


@dataclass(frozen=True)
class Shared:
    """What two texts share: letters of each inside passages of MIN_RUN letters or more that
    the other also prints, and the Jaccard similarity of their shingle sets."""
    chars_a: int
    chars_b: int
    similarity: float


def shared(a: Text, b: Text, min_chars: int = 0, min_share: float = 0.0) -> Shared | None:
    """What `a` and `b` share, or None when the shorter of them shares less than `min_chars`
    letters or less than `min_share` of its own (the longer is measured only then)."""
    swap = b.letters < a.letters
    short, long = (b, a) if swap else (a, b)
    covered_short = passages.covered(short.hashes, long.distinct, SHINGLE, MIN_RUN)
    if covered_short < min_chars or covered_short < min_share * short.letters:
        return None
    covered_long = passages.covered(long.hashes, short.distinct, SHINGLE, MIN_RUN)
    common = passages.common(short.distinct, long.distinct)
    union = len(a.distinct) + len(b.distinct) - common
    similarity = common / union if union else 0.0
    return Shared(covered_long, covered_short, similarity) if swap else Shared(covered_short, covered_long, similarity)
