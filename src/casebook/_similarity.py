"""Similarity of many cases at once: the weighted Jaccard index of `compare`, vectorised."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, overload

import attrs
import numpy as np

from casebook._patterns import as_cases
from casebook._presence import DEFAULT_POLICY, PresencePolicy
from casebook._profile import COMPONENTS, DEFAULT_WEIGHTS, SimilarityWeights, component_sets

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from casebook._library import Casebook
    from casebook.models import Case

__all__ = ["SimilarityMatrix", "similarity_matrix"]

_BLOCK = 64
"""Rows computed at a time: keeps each step's arrays small enough for the caches."""

_WORKERS = min(4, os.cpu_count() or 1)
"""Threads sharing the blocks."""


@attrs.frozen(eq=False)
class SimilarityMatrix:
    """Pairwise similarity of cases: a symmetric matrix with ones on the diagonal.

    Index it like the numpy array it wraps (`m[i, j]`, `m[i][j]`, `numpy.asarray(m)`), or by
    case ids with [`get`][casebook.SimilarityMatrix.get].
    """

    ids: tuple[str, ...]
    """Case ids, in the order of the rows and columns."""
    values: NDArray[np.float64]
    """The matrix: `values[i, j]` is `compare(cases[i], cases[j]).similarity`."""

    def __len__(self) -> int:
        """The number of cases."""
        return len(self.ids)

    @overload
    def __getitem__(self, key: tuple[int, int]) -> float: ...
    @overload
    def __getitem__(self, key: int) -> NDArray[np.float64]: ...
    def __getitem__(self, key: Any) -> Any:
        """Index the matrix as a numpy array."""
        value = self.values[key]
        return float(value) if np.ndim(value) == 0 else value

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> NDArray[Any]:  # noqa: FBT001
        """The matrix as a numpy array."""
        if dtype is None and not copy:
            return self.values
        return np.array(self.values, dtype=dtype, copy=True)

    def get(self, a: str, b: str) -> float:
        """The similarity of two cases, by id.

        Raises:
            KeyError: An id is not among the matrix's cases.
        """
        index = {case: i for i, case in enumerate(self.ids)}
        return float(self.values[index[a], index[b]])

    def most_similar(self, case: str, n: int = 5) -> list[tuple[str, float]]:
        """The `n` cases most like `case` (itself excluded), most similar first, ties by id."""
        row = self.values[self.ids.index(case)]
        ranked = sorted(
            ((float(row[j]), other) for j, other in enumerate(self.ids) if other != case),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return [(other, score) for score, other in ranked[:n]]


@attrs.frozen
class _Component:
    """One component's features, laid out for the kind of counting that suits its density."""

    weight: float
    counts: NDArray[np.uint16]
    """How many features each case has."""
    words: NDArray[np.uint64] | None = None
    """Dense layout: features packed as bits, one row of words per case."""
    case_start: NDArray[np.int64] | None = None
    """Sparse layout: where each case's features start in `features` (n + 1 offsets)."""
    features: NDArray[np.int64] | None = None
    """Sparse layout: every case's features, case after case."""
    holder_start: NDArray[np.int64] | None = None
    """Sparse layout: where each feature's holders start in `holders`."""
    holders: NDArray[np.int64] | None = None
    """Sparse layout: the cases holding each feature, ascending, feature after feature."""


def _dense(n: int, word_count: int, pair_count: int) -> bool:
    """Whether bit-packed words are cheaper than a list of pairs, by a rough count of work."""
    return n * n * word_count <= pair_count * 8


def _offsets(lengths: Sequence[int]) -> NDArray[np.int64]:
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets


def _component(sets: Sequence[frozenset[str]], weight: float) -> _Component:
    """Choose, from the data, whether bit-packed words or lists of holders are cheaper."""
    n = len(sets)
    vocabulary: dict[str, int] = {}
    holders: list[list[int]] = []
    features: list[int] = []
    for i, found in enumerate(sets):
        for feature in sorted(found):
            index = vocabulary.setdefault(feature, len(vocabulary))
            if index == len(holders):
                holders.append([])
            holders[index].append(i)
            features.append(index)
    counts = np.fromiter((len(f) for f in sets), dtype=np.uint16, count=n)
    word_count = (len(vocabulary) + 63) // 64
    if _dense(n, word_count, sum(len(h) * len(h) for h in holders)):
        words = np.zeros((n, max(word_count, 1)), dtype=np.uint64)
        for index, cases_with in enumerate(holders):
            word, bit = divmod(index, 64)
            words[cases_with, word] |= np.uint64(1) << np.uint64(bit)
        return _Component(weight, counts, words=words)
    return _Component(
        weight,
        counts,
        case_start=_offsets([len(f) for f in sets]),
        features=np.asarray(features, dtype=np.int64),
        holder_start=_offsets([len(h) for h in holders]),
        holders=np.asarray([i for h in holders for i in h], dtype=np.int64),
    )


def _add_dense(part: _Component, total: NDArray[np.float64], start: int, stop: int) -> None:
    """Add the weighted Jaccard index of rows `start:stop` against columns `start:`."""
    words = part.words
    assert words is not None  # noqa: S101 - the dense layout has its words
    shared = np.zeros(total.shape, dtype=np.uint16)
    for w in range(words.shape[1]):
        shared += np.bitwise_count(np.bitwise_and.outer(words[start:stop, w], words[start:, w]))
    union = np.add.outer(part.counts[start:stop], part.counts[start:])
    union -= shared
    np.maximum(union, 1, out=union)
    score = np.divide(shared, union, dtype=np.float64)
    score *= part.weight
    total += score


def _add_sparse(part: _Component, total: NDArray[np.float64], start: int, stop: int) -> None:
    """The same as `_add_dense`, touching only the pairs that share a feature."""
    case_start, features = part.case_start, part.features
    holder_start, holders = part.holder_start, part.holders
    assert case_start is not None  # noqa: S101 - the sparse layout has all four arrays
    assert features is not None  # noqa: S101
    assert holder_start is not None  # noqa: S101
    assert holders is not None  # noqa: S101
    held = features[case_start[start] : case_start[stop]]
    rows = np.repeat(np.arange(stop - start), np.diff(case_start[start : stop + 1]))
    lengths = holder_start[held + 1] - holder_start[held]
    firsts = holder_start[held] - _offsets(lengths.tolist())[:-1]
    positions = np.repeat(firsts, lengths) + np.arange(int(lengths.sum()))
    cols = holders[positions] - start
    rows = np.repeat(rows, lengths)
    keep = cols >= 0
    width = total.shape[1]
    keys, shared = np.unique(rows[keep] * width + cols[keep], return_counts=True)
    rows, cols = np.divmod(keys, width)
    union = part.counts[rows + start].astype(np.float64) + part.counts[cols + start] - shared
    total[rows, cols] += part.weight * (shared / union)


def _weight_table(weights: Sequence[float]) -> NDArray[np.float64]:
    """The sum of the weights of the defined components, for every pair of emptiness patterns.

    Bit k of a pattern is set when a case has something for component k; the component is
    defined for a pair when either case has something. The sums are taken in component order,
    as `compare` takes them, so that the values agree to the last bit.
    """
    size = 1 << len(weights)
    table = np.zeros((size, size), dtype=np.float64)
    for a in range(size):
        for b in range(size):
            total = 0.0
            for k, weight in enumerate(weights):
                if (a | b) >> k & 1:
                    total += weight
            table[a, b] = total
    return table


def similarity_matrix(
    cases: Casebook | Iterable[Case],
    *,
    policy: PresencePolicy = DEFAULT_POLICY,
    weights: SimilarityWeights = DEFAULT_WEIGHTS,
) -> SimilarityMatrix:
    """The similarity of every pair of cases, with the values of `compare(a, b).similarity`.

    Each component's intersections are one matrix product (exact: counts are small whole
    numbers, exact in float32); the Jaccard indices and their weighted mean are taken in
    float64 in the same order of operations as [`compare`][casebook.compare], so that the
    values agree to the last bit. Only the upper triangle is computed, in blocks of rows
    shared between threads (numpy releases the interpreter lock), and mirrored.

    Args:
        cases: A [`Casebook`][casebook.Casebook] or any cases.
        policy: How claims count towards a code's presence.
        weights: The weights of the similarity components.

    Raises:
        ValueError: Two cases share an id.
    """
    found, _ = as_cases(cases)
    sets = [component_sets(case, policy) for case in found]
    n = len(found)
    values = np.empty((n, n), dtype=np.float64)
    if n == 0:
        return SimilarityMatrix(ids=(), values=values)
    parts: list[_Component] = []
    pattern = np.zeros(n, dtype=np.int64)
    for k, weight in enumerate(weights.as_tuple()):
        component_of = [case_sets[k] for case_sets in sets]
        part = _component(component_of, weight)
        pattern |= (part.counts > 0).astype(np.int64) << k
        if weight > 0 and part.counts.any():
            parts.append(part)
    table = _weight_table(weights.as_tuple()).ravel()
    size = 1 << len(COMPONENTS)

    def block(start: int) -> None:
        stop = min(start + _BLOCK, n)
        total = np.zeros((stop - start, n - start), dtype=np.float64)
        for part in parts:
            if part.words is not None:
                _add_dense(part, total, start, stop)
            else:
                _add_sparse(part, total, start, stop)
        weight_sum = table.take(pattern[start:stop, None] * size + pattern[None, start:])
        defined = weight_sum > 0
        np.divide(total, weight_sum, out=total, where=defined)
        total[~defined] = 1.0
        values[start:stop, start:] = total
        values[start:, start:stop] = total.T

    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        list(pool.map(block, range(0, n, _BLOCK)))
    return SimilarityMatrix(ids=tuple(case.id for case in found), values=values)
