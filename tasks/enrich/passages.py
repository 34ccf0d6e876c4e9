# cython: language_level=3
"""The loops of text reuse's comparison (`tasks.enrich.reuse.shared`): which of a text's
shingles the other text has, and how many letters the long runs of them cover.

Compiled by Cython (its first line; see setup.py), a candidate pair costs a binary search per
shingle in C instead of a dozen numpy calls: linking xwlb's 6.7k candidate pairs took 0.7 s
with numpy and takes 0.1 s (docs/PERFORMANCE.md; the numpy version that checks this one is in
tests/test_reuse.py). Without a build, Python runs the same source.
"""
from __future__ import annotations

import cython


@cython.cfunc
@cython.inline
@cython.boundscheck(False)
@cython.wraparound(False)
def _has(other: cython.ulonglong[:], x: cython.ulonglong) -> cython.bint:
    """Whether `other` (sorted) holds `x`."""
    lo: cython.Py_ssize_t = 0
    hi: cython.Py_ssize_t = other.shape[0]
    mid: cython.Py_ssize_t
    while lo < hi:
        mid = (lo + hi) >> 1
        if other[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo < other.shape[0] and other[lo] == x


@cython.boundscheck(False)
@cython.wraparound(False)
def covered(h: cython.ulonglong[:], other: cython.ulonglong[:], shingle: cython.int, min_run: cython.int) -> cython.long:
    """Letters of the text whose shingles are `h` (in text order) inside runs of consecutive
    shingles that `other` (sorted) has too, counting only runs that cover `min_run` letters or
    more (a run of k shingles covers k + shingle - 1 letters)."""
    i: cython.Py_ssize_t
    run: cython.long = 0
    total: cython.long = 0
    for i in range(h.shape[0]):
        if _has(other, h[i]):
            run += 1
        else:
            if run and run + shingle - 1 >= min_run:
                total += run + shingle - 1
            run = 0
    if run and run + shingle - 1 >= min_run:
        total += run + shingle - 1
    return total


@cython.boundscheck(False)
@cython.wraparound(False)
def common(a: cython.ulonglong[:], b: cython.ulonglong[:]) -> cython.long:
    """How many values two sorted arrays without repeats have in common (a merge)."""
    i: cython.Py_ssize_t = 0
    j: cython.Py_ssize_t = 0
    n: cython.long = 0
    while i < a.shape[0] and j < b.shape[0]:
        if a[i] < b[j]:
            i += 1
        elif b[j] < a[i]:
            j += 1
        else:
            n += 1
            i += 1
            j += 1
    return n
