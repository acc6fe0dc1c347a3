"""Exact Boolean minimisation of crisp-set truth tables.

A configuration of `n` conditions is an `n`-bit integer: the first condition is the most
significant bit, so configuration numbers read like the minterm numbers of a textbook. A cube
(a conjunction of literals) is a pair of integers `(mask, value)`: `mask` has a bit set for each
condition the cube fixes, `value` the values it fixes them to (`value & ~mask == 0`); a
configuration `c` is in the cube when `c & mask == value`.

Minimisation runs in two exact steps:

1. Prime implicants. Every maximal cube that contains no configuration of the off-set and at
   least one positive configuration. Up to `_DENSE_MAX_CONDITIONS` conditions, a dynamic
   programme over the dense ternary array of all `3**n` cubes finds, in `n` vectorised passes
   each, which cubes contain an off-set configuration and which a positive one; a cube is prime
   when it contains no off-set configuration, a positive one, and every cube one literal shorter
   does contain an off-set configuration. Beyond that, the primes come from the sparse data:
   Quine-McCluskey merging of the positive configurations when the off-set is everything else
   (the complex solution), and otherwise, for each positive configuration, the minimal hitting
   sets of its differences from the negative configurations (a cube holding `p` avoids `q`
   exactly when it fixes a condition on which `p` and `q` differ).
2. Minimum covers. An exact weighted set cover of the positive configurations (rows) by the
   primes (columns), a prime weighing one term plus one unit per literal, the term so heavy
   that fewer terms always win and fewer literals only break ties. Primes covering the same
   rows are grouped, and groups another one covers with fewer literals dropped. Essential
   columns, row dominance and column dominance reduce the table to its cyclic core, which
   splits into independent blocks. Each block is solved by depth-first branch and bound: a
   node branches on the columns of its row with fewest of them; its lower bounds come from
   rows no column covers two of, and from Lagrangian relaxation (subgradient steps towards the
   linear programming bound on the number of terms, then, when that number is forced, on the
   literals with the number of terms as one more relaxed constraint), which also rule out
   columns whose reduced weight alone exceeds the budget and suggest covers to improve the
   incumbent. A first search finds the least weight, with columns dominated at equal weight
   dropped too; a second lists the covers of that weight, where only strictly cheaper columns
   dominate, so that no tie is lost.

The covering problem is NP-hard: exactness has a price on large noisy tables with many
remainders, where very many primes tie in their cover of hundreds of positive configurations.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["MAX_CONDITIONS", "MAX_MODELS", "Solution", "Term", "minimize"]

MAX_CONDITIONS: Final = 30
"""The most conditions `minimize` accepts."""

MAX_MODELS: Final = 64
"""The most minimum covers a `Solution` lists in `models`."""

_DENSE_MAX_CONDITIONS: Final = 16
"""The most conditions for which primes may come from the dense array of all `3**n` cubes."""

_RESERVED: Final = frozenset("*+~()")
"""Characters that would make the notation ambiguous in a condition name."""

_CHUNK: Final = 4096
"""Primes matched against the positive configurations at a time."""

_LAGRANGE_MIN_ROWS: Final = 6
"""The fewest rows left for which a node of the cover search computes the Lagrangian bound."""

_TOLERANCE: Final = 1e-6
"""Slack for rounding errors in the floating-point bounds, far below one literal."""

_LAGRANGE_STEPS: Final = 100
_LAGRANGE_PATIENCE: Final = 5
_LAGRANGE_LEAST_STEP: Final = 1e-3
"""Subgradient steps at most; steps without progress before halving; the smallest step."""

_FREE: Final = 2
"""The ternary digit of a condition a cube leaves free."""

_Cube: TypeAlias = tuple[int, int]
_BoolArray: TypeAlias = npt.NDArray[np.bool_]
_IntArray: TypeAlias = npt.NDArray[np.int64]
_FloatArray: TypeAlias = npt.NDArray[np.float64]
_ByteArray: TypeAlias = npt.NDArray[np.uint8]


def _literal_pairs(
    value: Mapping[str, bool] | Iterable[tuple[str, bool]],
) -> tuple[tuple[str, bool], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((name, flag) for name, flag in pairs)


def _check_literals(
    _instance: object, _attribute: object, value: tuple[tuple[object, object], ...]
) -> None:
    names = [name for name, _ in value]
    for name, flag in value:
        if not isinstance(name, str) or not name:
            msg = f"a literal names a condition with a non-empty string, not {name!r}"
            raise TypeError(msg)
        if type(flag) is not bool:
            msg = f"the literal for {name!r} must be True or False, not {flag!r}"
            raise TypeError(msg)
    if len(set(names)) != len(names):
        repeated = sorted({str(name) for name in names if names.count(name) > 1})
        msg = f"a term has one literal per condition; repeated: {', '.join(repeated)}"
        raise ValueError(msg)


@attrs.frozen
class Term(Mapping[str, bool]):
    """A conjunction of literals: one term of a solution, and a read-only mapping.

    A term maps each condition it involves to the value it requires: `True` for the presence of
    the condition, `False` for its absence. A condition the term leaves out is irrelevant to it.
    The term with no literals is the constant true: it covers every configuration.

    In QCA notation the literals are joined by `*` and an absent condition is written `~NAME`:
    `Term((("A", True), ("B", False)))` is `A*~B`; the empty term is `1`.

    Terms are equal (and hash alike) when their literals are equal, in the same order; a term
    is never equal to a plain `dict`, even one with the same items.

    Attributes:
        literals: `(condition, value)` pairs, in the order of the conditions of the solution
            the term belongs to. A mapping may be given instead, and is read in its order.
    """

    literals: tuple[tuple[str, bool], ...] = attrs.field(
        default=(), converter=_literal_pairs, validator=_check_literals
    )

    def __getitem__(self, condition: str) -> bool:
        """The value the term requires of `condition`.

        Raises:
            KeyError: The term does not involve `condition`.
        """
        for name, flag in self.literals:
            if name == condition:
                return flag
        raise KeyError(condition)

    def __iter__(self) -> Iterator[str]:
        """The conditions the term involves, in order."""
        return (name for name, _ in self.literals)

    def __len__(self) -> int:
        """How many literals the term has."""
        return len(self.literals)

    def covers(self, config: Mapping[str, bool]) -> bool:
        """Whether the configuration satisfies every literal of the term.

        Args:
            config: A configuration, mapping at least every condition of the term to a value.

        Returns:
            `True` when `config` agrees with each literal; always `True` for the empty term.

        Raises:
            KeyError: `config` lacks a condition of the term.
        """
        return all(config[name] == flag for name, flag in self.literals)

    def __str__(self) -> str:
        """The term in QCA notation, such as `A*~B`, or `1` for the empty term."""
        if not self.literals:
            return "1"
        return "*".join(name if flag else f"~{name}" for name, flag in self.literals)


@attrs.frozen
class Solution:
    """A minimal sum of products that explains the positive configurations of a truth table.

    The solution is the disjunction of its terms: a configuration is covered when some term
    covers it. It is written in QCA notation, the terms joined by ` + ` (`A*~B + C`); the
    solution with no terms, for a table with no positive configuration, is `0`.

    Attributes:
        conditions: The conditions, in the order given to `minimize`.
        terms: The first minimum model: prime implicants covering every positive configuration,
            as few as possible, and among those as few literals as possible. Terms are ordered
            by their literals, condition by condition, a presence before an absence.
        models: Every minimum model (same number of terms, same number of literals), up to
            `MAX_MODELS` (64) of them, each ordered like `terms` and ordered among themselves by
            their terms; `models[0]` is `terms`. With no positive configuration, `((),)`.
        prime_implicants: Every prime implicant that covers a positive configuration, ordered
            like `terms`.
        remainders: `True` for the parsimonious solution (logical remainders were free to be
            covered), `False` for the complex solution (remainders were treated as negative).
    """

    conditions: tuple[str, ...]
    terms: tuple[Term, ...]
    models: tuple[tuple[Term, ...], ...]
    prime_implicants: tuple[Term, ...]
    remainders: bool

    def covers(self, config: Mapping[str, bool]) -> bool:
        """Whether some term of the solution covers the configuration.

        Args:
            config: A configuration, mapping every condition to a value.

        Returns:
            `True` when a term of `terms` covers `config`; always `False` for the solution `0`.

        Raises:
            KeyError: `config` lacks a condition a term involves.
        """
        return any(term.covers(config) for term in self.terms)

    def __str__(self) -> str:
        """The solution in QCA notation, such as `A*~B + C`, or `0` when it has no term.

        Only `terms` is shown, even when several models tie.
        """
        return " + ".join(str(term) for term in self.terms) or "0"


def minimize(
    conditions: Sequence[str],
    positive: Iterable[Mapping[str, bool]],
    negative: Iterable[Mapping[str, bool]] = (),
    *,
    remainders: bool = True,
) -> Solution:
    """Minimise a crisp-set truth table to its minimal sums of prime implicants.

    Each of the `2**n` configurations of the `n` conditions is positive (observed with the
    outcome), negative (observed without it) or a logical remainder (not observed). The
    solution covers every positive configuration and no negative one; what it does with the
    remainders depends on `remainders`:

    - `remainders=False` gives the complex (conservative) solution: remainders count as
      negative, so the solution covers exactly the positive configurations.
    - `remainders=True` gives the parsimonious solution: remainders are "don't care", free to
      be covered when that makes the solution simpler.

    The solution is exact: its terms are prime implicants (no literal can be dropped without
    covering a configuration that must stay uncovered), and no cover by such implicants has
    fewer terms, or as many terms and fewer literals. All covers of that minimum cost are listed
    in `Solution.models`, up to `MAX_MODELS` (64) of them: the first ones the search meets.

    With no positive configuration the solution is `0`, with no term. When nothing needs to stay
    uncovered (every configuration positive, or no negative one with `remainders=True`), it is
    `1`, one term without literals. With no condition at all there is one configuration, `{}`,
    and the solution is `0` or `1` the same way.

    Tables of a dozen conditions are minimised in well under a second. Finding a minimum cover
    is NP-hard, though: a parsimonious solution for hundreds of positive configurations of
    random outcome, among many remainders, can take very long.

    Args:
        conditions: The names of the conditions, distinct and non-empty, without whitespace or
            any of `*+~()`. Their order is the order of the literals and of the terms.
        positive: The positive configurations, each mapping every condition, and nothing else,
            to `True` or `False`. Repeats are allowed.
        negative: The negative configurations, in the same form.
        remainders: Whether logical remainders may be covered (parsimonious solution) or not
            (complex solution).

    Returns:
        The minimal solution, with its tied models and the prime implicants it was chosen from.

    Raises:
        TypeError: `conditions` is a string or holds a non-string, a configuration is not a
            mapping, or a value is not exactly a `bool` (`0` and `1` are refused).
        ValueError: A condition name is empty, repeated or has a reserved character; there are
            more than `MAX_CONDITIONS` (30) conditions; a configuration lacks a condition or
            has an unknown one; or a configuration is both positive and negative (a
            contradiction, named in QCA notation).

    Examples:
        >>> table = {
        ...     "positive": [
        ...         {"A": True, "B": True, "C": False},
        ...         {"A": True, "B": True, "C": True},
        ...     ],
        ...     "negative": [
        ...         {"A": False, "B": True, "C": True},
        ...         {"A": False, "B": False, "C": False},
        ...     ],
        ... }

        The complex solution keeps to the positive cases; the parsimonious one covers
        remainders too (`A*~B*~C` and `A*~B*C`), and so needs `A` alone:

        >>> print(minimize(["A", "B", "C"], **table, remainders=False))
        A*B
        >>> print(minimize(["A", "B", "C"], **table))
        A
    """
    names = _check_conditions(conditions)
    n = len(names)
    on = _encode_all(names, positive)
    off = _encode_all(names, negative)
    clash = on & off
    if clash:
        first = _config_text(names, min(clash))
        more = f" (and {len(clash) - 1} more)" if len(clash) > 1 else ""
        msg = f"contradiction: configuration {first} is both positive and negative{more}"
        raise ValueError(msg)
    if not on:
        return Solution(
            conditions=names, terms=(), models=((),), prime_implicants=(), remainders=remainders
        )
    rows = sorted(on)
    masks, values = _prime_cubes(n, rows, sorted(off), complex_solution=not remainders)
    primes = _terms(names, masks, values)
    covers = _minimum_covers(n, rows, masks, values)
    models = tuple(tuple(primes[index] for index in model) for model in covers)
    return Solution(
        conditions=names,
        terms=models[0],
        models=models,
        prime_implicants=primes,
        remainders=remainders,
    )


# Input.


def _check_conditions(conditions: Sequence[str]) -> tuple[str, ...]:
    if isinstance(conditions, str):
        msg = "conditions must be a sequence of names, not one string"
        raise TypeError(msg)
    given: tuple[object, ...] = tuple(conditions)
    names: list[str] = []
    for name in given:
        if not isinstance(name, str):
            msg = f"a condition name must be a string, not {name!r}"
            raise TypeError(msg)
        if not name or any(char in _RESERVED or char.isspace() for char in name):
            msg = f"a condition name must be non-empty, without whitespace or '*+~()': {name!r}"
            raise ValueError(msg)
        names.append(name)
    if len(set(names)) != len(names):
        repeated = sorted({name for name in names if names.count(name) > 1})
        msg = f"duplicate condition names: {', '.join(map(repr, repeated))}"
        raise ValueError(msg)
    if len(names) > MAX_CONDITIONS:
        msg = f"at most {MAX_CONDITIONS} conditions can be minimised, not {len(names)}"
        raise ValueError(msg)
    return tuple(names)


def _encode_all(names: tuple[str, ...], configs: Iterable[Mapping[str, bool]]) -> set[int]:
    expected = set(names)
    weights = [1 << bit for bit in range(len(names) - 1, -1, -1)]
    encoded: set[int] = set()
    for config in configs:
        given: object = config
        if not isinstance(given, Mapping):
            msg = f"a configuration must be a mapping of conditions to bools, not {given!r}"
            raise TypeError(msg)
        keys = set(given)
        if keys != expected:
            problems = []
            if missing := expected - keys:
                problems.append(f"lacks {', '.join(repr(k) for k in names if k in missing)}")
            if extra := keys - expected:
                problems.append(f"has unknown {', '.join(sorted(map(repr, extra)))}")
            msg = f"configuration {dict(given)!r} {' and '.join(problems)}"
            raise ValueError(msg)
        index = 0
        for name, weight in zip(names, weights, strict=True):
            flag: object = given[name]
            if type(flag) is not bool:
                msg = f"condition {name!r} must be True or False, not {flag!r}"
                raise TypeError(msg)
            if flag:
                index |= weight
        encoded.add(index)
    return encoded


# Cubes and terms.


def _literal_codes(n: int, masks: _IntArray, values: _IntArray) -> tuple[_IntArray, _IntArray]:
    """Each cube's literals in condition order, as codes padded with zeros, and their number.

    The literal on the condition at `position` is coded `2 * position + 1` when the condition
    must be present and `2 * position + 2` when it must be absent, so rows compare in the
    order of the terms: literal by literal, a presence first, a term before its extensions.
    """
    codes = np.zeros((len(masks), n), dtype=np.int64)
    sizes = np.zeros(len(masks), dtype=np.int64)
    for position in range(n):
        bit = n - 1 - position
        fixed = np.flatnonzero(masks >> bit & 1)
        absent = 1 - (values[fixed] >> bit & 1)
        codes[fixed, sizes[fixed]] = 2 * position + 1 + absent
        sizes[fixed] += 1
    return codes, sizes


def _trusted_term(literals: tuple[tuple[str, bool], ...]) -> Term:
    """A term from literals known to be valid, built without converting or checking them."""
    term = Term.__new__(Term)
    object.__setattr__(term, "literals", literals)
    return term


def _terms(names: tuple[str, ...], masks: _IntArray, values: _IntArray) -> tuple[Term, ...]:
    """The terms of the cubes."""
    literals: list[tuple[str, bool]] = [("", False)]
    for name in names:
        literals += [(name, True), (name, False)]
    pick = literals.__getitem__
    codes, sizes = _literal_codes(len(names), masks, values)
    return tuple(
        _trusted_term(tuple(map(pick, row[:size])))
        for row, size in zip(codes.tolist(), sizes.tolist(), strict=True)
    )


def _config_text(names: tuple[str, ...], config: int) -> str:
    full = (1 << len(names)) - 1
    return str(_terms(names, np.array([full], dtype=np.int64), np.array([config]))[0])


def _bits_list(bitset: int) -> list[int]:
    return list(_bits(bitset))


def _bits(bitset: int) -> Iterator[int]:
    while bitset:
        low = bitset & -bitset
        yield low.bit_length() - 1
        bitset ^= low


# Prime implicants.


def _prime_cubes(
    n: int, on: list[int], off: list[int], *, complex_solution: bool
) -> tuple[_IntArray, _IntArray]:
    """The masks and values of every prime implicant holding a configuration of `on`.

    The off-set is `off`, or every configuration outside `on` for the complex solution. The
    cubes come in the order of their terms.
    """
    if n <= _DENSE_MAX_CONDITIONS and _prefer_dense(
        n, len(on), len(off), complex_solution=complex_solution
    ):
        cubes = _primes_dense(n, on, off, complex_solution=complex_solution)
    elif complex_solution:
        cubes = _primes_merging(n, on)
    else:
        cubes = _primes_hitting(n, on, off)
    masks = np.array([mask for mask, _ in cubes], dtype=np.int64)
    values = np.array([value for _, value in cubes], dtype=np.int64)
    codes, _ = _literal_codes(n, masks, values)
    order = np.lexsort(codes.T[::-1]) if n else np.arange(len(cubes))
    return masks[order], values[order]


def _prefer_dense(n: int, on: int, off: int, *, complex_solution: bool) -> bool:
    """Whether the dense ternary array is likely quicker than the sparse search."""
    dense: int = 3**n
    sparse = on * n * n * 64 if complex_solution else on * max(off, 1) * n * 64
    return dense <= sparse


def _ternary_of_binary(n: int) -> _IntArray:
    """The index in the ternary cube array of each configuration, by configuration number."""
    index = np.zeros(1, dtype=np.int64)
    for bit in range(n):
        index = np.concatenate((index, index + 3**bit))
    return index


def _primes_dense(n: int, on: list[int], off: list[int], *, complex_solution: bool) -> list[_Cube]:
    """Primes from the dense array of all `3**n` cubes.

    A cube's ternary index has digit 0 or 1 at `3**bit` where it fixes the condition of `bit`
    to that value, and digit `_FREE` (2) where it leaves it free.
    """
    size = 3**n
    ternary = _ternary_of_binary(n)
    has_off: _BoolArray = np.zeros(size, dtype=np.bool_)
    if complex_solution:
        has_off[ternary] = True
        has_off[ternary[on]] = False
    else:
        has_off[ternary[off]] = True
    prime: _BoolArray = np.zeros(size, dtype=np.bool_)
    prime[ternary[on]] = True
    for bit in range(n):
        shape = (size // 3 ** (bit + 1), 3, 3**bit)
        for flags in (has_off, prime):
            view = flags.reshape(shape)
            np.logical_or(view[:, 0, :], view[:, 1, :], out=view[:, 2, :])
    # `prime` holds "contains a positive configuration"; keep the cubes without an off-set one,
    # then those whose every one-literal-shorter cube contains an off-set configuration.
    np.greater(prime, has_off, out=prime)
    for bit in range(n):
        shape = (size // 3 ** (bit + 1), 3, 3**bit)
        view = prime.reshape(shape)
        raised = has_off.reshape(shape)[:, 2:, :]
        np.logical_and(view[:, :2, :], raised, out=view[:, :2, :])
    found = np.flatnonzero(prime).astype(np.int64)
    masks = np.zeros(found.shape, dtype=np.int64)
    values = np.zeros(found.shape, dtype=np.int64)
    for bit in range(n):
        digit = found % 3
        found //= 3
        masks |= (digit != _FREE).astype(np.int64) << bit
        values |= (digit == 1).astype(np.int64) << bit
    return list(zip(masks.tolist(), values.tolist(), strict=True))


def _primes_merging(n: int, on: list[int]) -> list[_Cube]:
    """Quine-McCluskey: merge cubes differing in one fixed condition until none merge."""
    full = (1 << n) - 1
    level = {(full, value) for value in on}
    primes: list[_Cube] = []
    while level:
        merged: set[_Cube] = set()
        following: set[_Cube] = set()
        for mask, value in level:
            for bit in _bits(mask & ~value):
                partner = (mask, value | 1 << bit)
                if partner in level:
                    following.add((mask & ~(1 << bit), value))
                    merged.add((mask, value))
                    merged.add(partner)
        primes.extend(level - merged)
        level = following
    return primes


def _primes_hitting(n: int, on: list[int], off: list[int]) -> list[_Cube]:
    """Primes as minimal hitting sets: fixing `h` around `p` avoids `q` when `h & (p ^ q)`."""
    full = (1 << n) - 1
    primes: set[_Cube] = set()
    for positive in on:
        family = sorted({positive ^ negative for negative in off}, key=lambda d: (d.bit_count(), d))
        primes.update((mask, positive & mask) for mask in _minimal_transversals(family, full))
    return list(primes)


def _minimal_transversals(family: list[int], universe: int) -> list[int]:
    """Every inclusion-minimal set of `universe` meeting each set of `family` (none empty).

    The search of Murakami and Uno (MMCS): a partial hitting set grows by an element of the
    first set it misses (the family comes smallest sets first), and is given up as soon as one
    of its elements no longer meets some set alone (that set is the element's critical set).
    Sets of sets are bitsets of family indices.
    """
    hits = [0] * universe.bit_length()
    for index, member in enumerate(family):
        for element in _bits(member):
            hits[element] |= 1 << index
    found: list[int] = []

    def grow(chosen: int, candidates: int, missed: int, critical: list[int]) -> None:
        if not missed:
            found.append(chosen)
            return
        branch = family[(missed & -missed).bit_length() - 1] & candidates
        candidates &= ~branch
        for element in _bits(branch):
            met = hits[element]
            kept = [sets & ~met for sets in critical]
            if all(kept):
                kept.append(missed & met)
                grow(chosen | 1 << element, candidates, missed & ~met, kept)
            candidates |= 1 << element

    grow(0, universe, (1 << len(family)) - 1, [])
    return found


# Minimum covers.


class _Enough(Exception):  # noqa: N818 - a signal, not an error
    """Enough tied covers were found."""


def _minimum_covers(
    n: int, rows: list[int], masks: _IntArray, values: _IntArray
) -> list[list[int]]:
    """Minimum covers of the configurations `rows` by cubes, as sorted lists of cube indices.

    Cubes covering the same rows are grouped, keeping only the fewest-literal ones; groups whose
    rows another group covers with fewer literals are dropped (they are in no minimum cover).
    The minimum covers by the remaining groups are expanded back to cubes, up to `MAX_MODELS`.
    """
    literals = [mask.bit_count() for mask in masks.tolist()]
    groups = _groups(rows, masks, values, literals)
    kept = _undominated(n, len(rows), groups, literals)
    # One term outweighs all the literals of any irredundant cover (at most one term per row).
    cover = _Cover(
        len(rows), kept, [literals[groups[covered][0]] for covered in kept], term=n * len(rows) + 1
    )
    choices = [groups[covered] for covered in kept]
    expanded = (
        sorted(picked)
        for model in cover.solve()
        for picked in itertools.product(*(choices[group] for group in model))
    )
    return sorted(itertools.islice(expanded, MAX_MODELS))


def _groups(
    rows: list[int], masks: _IntArray, values: _IntArray, literals: list[int]
) -> dict[int, list[int]]:
    """The cubes with fewest literals among those covering each set of rows (a bitset)."""
    positives = np.array(rows, dtype=np.int64)
    groups: dict[int, list[int]] = {}
    for start in range(0, len(masks), _CHUNK):
        stop = start + _CHUNK
        table = (positives[None, :] & masks[start:stop, None]) == values[start:stop, None]
        packed = np.packbits(table, axis=1, bitorder="little")
        for index, bitset in enumerate(packed, start):
            members = groups.setdefault(int.from_bytes(bitset.tobytes(), "little"), [index])
            if members[0] == index or literals[index] > literals[members[0]]:
                continue
            if literals[index] < literals[members[0]]:
                members.clear()
            members.append(index)
    return groups


def _undominated(n: int, rows: int, groups: dict[int, list[int]], literals: list[int]) -> list[int]:
    """The sets of rows of `groups` that no other covers with fewer literals, widest first.

    A group is checked only against groups kept before it, which suffices: a group dropped for
    a wider one is itself covered by a kept group with even fewer literals.
    """
    kept: list[int] = []
    containing = [0] * rows
    fewer = [0] * (n + 2)  # fewer[k]: the kept groups with fewer than k literals
    for covered in sorted(groups, key=int.bit_count, reverse=True):
        count = literals[groups[covered][0]]
        wider = (1 << len(kept)) - 1
        for row in _bits(covered):
            wider &= containing[row]
            if not wider:
                break
        if wider & fewer[count]:
            continue
        bit = 1 << len(kept)
        for row in _bits(covered):
            containing[row] |= bit
        for above in range(count + 1, n + 2):
            fewer[above] |= bit
        kept.append(covered)
    return kept


def _ceil(value: float) -> int:
    """The least integer at or above `value`, give or take rounding errors."""
    return math.ceil(value - _TOLERANCE)


def _ceil_all(values: _FloatArray) -> _IntArray:
    """`_ceil` of each value."""
    return np.ceil(values - _TOLERANCE).astype(np.int64)


def _lagrangian(
    table: _FloatArray, needs: _FloatArray, costs: _FloatArray, start: _FloatArray, ceiling: int
) -> tuple[float, _FloatArray, _FloatArray]:
    """A Lagrangian lower bound for `min costs @ x` over `x` in {0, 1} with `table @ x >= needs`.

    Any multipliers `u >= 0` bound the minimum by `u @ needs + sum(min(0, reduced))`, where
    `reduced = costs - u @ table`; subgradient steps (with the step shrinking when the bound
    stalls) raise it from `start` towards the linear programming bound, stopping early once it
    passes `ceiling`. Returns the bound, its multipliers and the reduced costs.
    """
    if not start.any():
        start = np.zeros(len(needs))
        covering = table > 0
        share = np.where(covering, costs / np.maximum(covering.sum(axis=0), 1), np.inf)
        start[needs > 0] = np.min(share, axis=1)[needs > 0]
    multipliers = best = start
    best_value = -math.inf
    target = ceiling + 1.0
    step = 2.0
    stalled = 0
    for _ in range(_LAGRANGE_STEPS):
        reduced = costs - multipliers @ table
        taken = reduced < 0
        value = float(multipliers @ needs + reduced[taken].sum())
        if value > best_value + _TOLERANCE:
            best, best_value, stalled = multipliers, value, 0
        else:
            stalled += 1
            if stalled == _LAGRANGE_PATIENCE:
                step, stalled = step / 2, 0
        if step < _LAGRANGE_LEAST_STEP or _ceil(best_value) > ceiling:
            break
        slack = needs - table @ taken.astype(np.float64)
        slack[(multipliers <= 0) & (slack < 0)] = 0.0
        norm = float(slack @ slack)
        if norm == 0:
            break
        multipliers = np.maximum(multipliers + step * (target - value) / norm * slack, 0.0)
    return best_value, best, costs - best @ table


class _Cover:
    """Exact minimum-weight covers of rows (positive configurations) by columns (primes).

    Sets of rows and of columns are Python integers used as bitsets. A column weighs one
    `term` plus its number of literals.
    """

    def __init__(self, rows: int, colrows: list[int], literals: list[int], *, term: int) -> None:
        self.colrows = colrows
        self.weights = [term + count for count in literals]
        self.term = term
        self.rowcols = [0] * rows
        for column, covered in enumerate(colrows):
            for row in _bits(covered):
                self.rowcols[row] |= 1 << column
        by_weight: dict[int, int] = {}
        for column, weight in enumerate(self.weights):
            by_weight[weight] = by_weight.get(weight, 0) | 1 << column
        self.levels = sorted(by_weight.items())
        below = 0
        self.cheaper: dict[int, int] = {}
        for weight, columns in self.levels:
            self.cheaper[weight] = below
            below |= columns
        self.same = dict(self.levels)
        width = (rows + 7) // 8
        packed = np.frombuffer(
            b"".join(covered.to_bytes(width, "little") for covered in colrows), dtype=np.uint8
        ).reshape(len(colrows), width)
        self.table: _ByteArray = np.unpackbits(packed, axis=1, count=rows, bitorder="little").T
        self.literals: _FloatArray = np.array(literals, dtype=np.float64)
        self.term_multipliers: _FloatArray = np.zeros(rows, dtype=np.float64)
        self.literal_multipliers: _FloatArray = np.zeros(rows, dtype=np.float64)
        self.best = 0
        self.found: list[list[int]] = []

    def solve(self) -> list[list[int]]:
        """Up to `MAX_MODELS` covers of minimum weight, each a list of columns."""
        rows = (1 << len(self.rowcols)) - 1
        columns = (1 << len(self.colrows)) - 1
        reduced = self.reduce(rows, columns, keep_ties=True)
        if reduced is None:  # pragma: no cover - primes always cover the rows they came from
            msg = "the prime implicants do not cover the positive configurations"
            raise AssertionError(msg)
        rows, columns, forced = reduced
        blocks: list[list[list[int]]] = []
        for block_rows in self.blocks(rows, columns):
            block_columns = 0
            for row in _bits(block_rows):
                block_columns |= self.rowcols[row] & columns
            # First the least weight, with every shortcut; then every cover of that weight.
            # One more than a cover's weight, so that the search finds a cover of the least.
            self.best = self.greedy(block_rows, block_columns) + 1
            self.search(block_rows, block_columns, ties=False)
            self.found = []
            with contextlib.suppress(_Enough):
                self.search(block_rows, block_columns, ties=True)
            blocks.append(self.found)
        return [
            forced + list(itertools.chain.from_iterable(parts))
            for parts in itertools.islice(itertools.product(*blocks), MAX_MODELS)
        ]

    def search(self, rows: int, columns: int, *, ties: bool) -> None:
        """Branch and bound, depth first.

        With `ties` off, lower `self.best` to the least weight of a cover, if below it. With
        `ties` on, collect in `self.found` each cover of weight `self.best`, once: a node
        branches on the columns of one of its rows, and each branch leaves out the columns of
        the branches before it.
        """
        pending = [(rows, columns, 0, list[int]())]
        while pending:
            node = self.settle(*pending.pop(), ties=ties)
            if node is None:
                continue
            rows, columns, weight, chosen = node
            branches = []
            for column in self.branch(rows, columns):
                bit = 1 << column
                branches.append(
                    (
                        rows & ~self.colrows[column],
                        columns & ~bit,
                        weight + self.weights[column],
                        [*chosen, column],
                    )
                )
                columns &= ~bit
            pending.extend(reversed(branches))

    def settle(
        self, rows: int, columns: int, weight: int, chosen: list[int], *, ties: bool
    ) -> tuple[int, int, int, list[int]] | None:
        """Reduce and bound a node, and take note of a cover it reduces to.

        Returns `None` if nothing is left to search below the node, else the rows and columns
        left, the weight and the columns taken.
        """
        while True:
            reduced = self.reduce(rows, columns, keep_ties=ties)
            if reduced is None:
                return None
            rows, columns, forced = reduced
            weight += sum(self.weights[column] for column in forced)
            chosen = chosen + forced
            if not rows:
                self.record(weight, chosen, ties=ties)
                return None
            limit = self.best if ties else self.best - 1
            if weight + self.bound(rows, columns) > limit:
                return None
            if rows.bit_count() < _LAGRANGE_MIN_ROWS:
                return rows, columns, weight, chosen
            bound, useless, cover = self.lagrange(rows, columns, limit - weight)
            if cover is not None and not ties:
                self.best = weight + cover
            if weight + bound > limit or (cover is not None and not ties and cover == bound):
                return None
            if not useless:
                return rows, columns, weight, chosen
            columns &= ~useless

    def record(self, weight: int, chosen: list[int], *, ties: bool) -> None:
        """Take note of a cover: a better weight, or one more cover of the least weight."""
        if not ties and weight < self.best:
            self.best = weight
        elif ties and weight == self.best:
            self.found.append(chosen)
            if len(self.found) >= MAX_MODELS:
                raise _Enough

    def blocks(self, rows: int, columns: int) -> Iterator[int]:
        """The connected blocks of rows: two rows share a block when a column covers both."""
        while rows:
            block = frontier = rows & -rows
            while frontier:
                reach = 0
                for row in _bits(frontier):
                    reach |= self.rowcols[row] & columns
                touched = 0
                for column in _bits(reach):
                    touched |= self.colrows[column]
                frontier = touched & rows & ~block
                block |= frontier
            rows &= ~block
            yield block

    def reduce(
        self, rows: int, columns: int, *, keep_ties: bool
    ) -> tuple[int, int, list[int]] | None:
        """Take essential columns, drop dominated columns and rows, until nothing changes.

        Returns the remaining rows and columns with the columns taken, or `None` when a row
        cannot be covered.
        """
        forced: list[int] = []
        changed = True
        while changed:
            essential = self.essentials(rows, columns)
            if essential is None:
                return None
            if essential:
                forced += _bits_list(essential)
                for column in _bits(essential):
                    rows &= ~self.colrows[column]
                columns &= ~essential
            if not rows:
                return 0, 0, forced
            kept_columns = self.undominated_columns(rows, columns, keep_ties=keep_ties)
            kept_rows = self.undominated_rows(rows, kept_columns)
            changed = bool(essential) or kept_columns != columns or kept_rows != rows
            rows, columns = kept_rows, kept_columns
        return rows, columns, forced

    def essentials(self, rows: int, columns: int) -> int | None:
        """The columns alone in covering some row, or `None` if a row has no column."""
        essential = 0
        for row in _bits(rows):
            options = self.rowcols[row] & columns
            if not options & (options - 1):
                if not options:
                    return None
                essential |= options
        return essential

    def undominated_columns(self, rows: int, columns: int, *, keep_ties: bool) -> int:
        """The columns left once those covering rows another column covers for less are dropped.

        With `keep_ties` off, a column is also dropped for another covering its rows for as
        much (keeping one of identical columns); with it on, every minimum cover survives.
        Columns covering none of `rows` are dropped too.
        """
        colrows, rowcols = self.colrows, self.rowcols
        for column in _bits(columns):
            covered = colrows[column] & rows
            bit = 1 << column
            wider = columns & ~bit if covered else 0
            for row in _bits(covered):
                wider &= rowcols[row]
                if not wider:
                    break
            if not covered:
                columns &= ~bit
            elif wider:
                weight = self.weights[column]
                if wider & self.cheaper[weight] or (
                    not keep_ties
                    and any(
                        other < column or colrows[other] & rows != covered
                        for other in _bits(wider & self.same[weight])
                    )
                ):
                    columns &= ~bit
        return columns

    def undominated_rows(self, rows: int, columns: int) -> int:
        """The rows left once those whose columns include all of another row's are dropped.

        Covering the other row covers them.
        """
        for row in _bits(rows):
            if not rows >> row & 1:
                continue
            supersets = rows & ~(1 << row)
            for column in _bits(self.rowcols[row] & columns):
                supersets &= self.colrows[column]
                if not supersets:
                    break
            rows &= ~supersets
        return rows

    def bound(self, rows: int, columns: int) -> int:
        """A quick lower bound on the weight still needed, from rows no column covers two of."""
        options = sorted((self.rowcols[row] & columns for row in _bits(rows)), key=int.bit_count)
        used = 0
        total = 0
        for choice in options:
            if choice & used:
                continue
            used |= choice
            total += next(weight for weight, level in self.levels if choice & level)
        return total

    def lagrange(self, rows: int, columns: int, budget: int) -> tuple[int, int, int | None]:
        """A lower bound from Lagrangian relaxation, the columns it rules out, and a cover.

        First the number of terms: a bound `T` from unit weights. If a cover within `budget`
        may have more than `T` terms, that is all; if it must have exactly `T`, the literals of
        covers with at most `T` terms are bounded too (the cardinality is one more relaxed
        constraint). A cover holding a column costs at least the bound plus the column's
        positive reduced weight. Returns the bound (as a weight), the columns that would take
        every cover holding them beyond `budget`, and the weight of a cover built from the
        reduced weights when it is within `budget`.
        """
        row_index = np.fromiter(_bits(rows), dtype=np.intp)
        column_index = np.fromiter(_bits(columns), dtype=np.intp)
        table = self.table[np.ix_(row_index, column_index)].astype(np.float64)
        literals = self.literals[column_index]
        most_terms, spare = divmod(budget, self.term)
        value, multipliers, reduced = _lagrangian(
            table,
            np.ones(len(row_index)),
            np.ones(len(column_index)),
            self.term_multipliers[row_index],
            most_terms,
        )
        self.term_multipliers[row_index] = multipliers
        least_terms = _ceil(value)
        if least_terms > most_terms:
            return least_terms * self.term, 0, None
        useless = _ceil_all(value + np.maximum(reduced, 0.0)) > most_terms
        if least_terms == most_terms:
            value, multipliers, reduced = _lagrangian(
                np.vstack((table, -np.ones((1, len(column_index))))),
                np.append(np.ones(len(row_index)), -float(most_terms)),
                literals,
                np.append(self.literal_multipliers[row_index], 0.0),
                spare,
            )
            self.literal_multipliers[row_index] = multipliers[:-1]
            bound = most_terms * self.term + _ceil(value)
            if bound > budget:
                return bound, 0, None
            useless |= _ceil_all(value + np.maximum(reduced, 0.0)) > spare
        else:
            bound = least_terms * (self.term + int(literals.min()))
        ruled_out = 0
        for column in column_index[useless].tolist():
            ruled_out |= 1 << column
        priorities = dict(zip(column_index.tolist(), reduced.tolist(), strict=True))
        cover = self.repair(rows, columns & ~ruled_out, priorities)
        return bound, ruled_out, cover if cover is not None and cover <= budget else None

    def repair(self, rows: int, columns: int, reduced: dict[int, float]) -> int | None:
        """The weight of a cover built from reduced weights, or `None` if there is none.

        The cover starts from the columns of negative reduced weight, takes for each row left
        the column of least reduced weight, then drops redundant columns, heaviest first.
        """
        picked = [column for column in _bits(columns) if reduced[column] < 0]
        covered = 0
        for column in picked:
            covered |= self.colrows[column]
        for row in _bits(rows & ~covered):
            if not covered >> row & 1:
                options = self.rowcols[row] & columns
                if not options:
                    return None
                column = min(_bits(options), key=lambda c: (reduced[c], c))
                picked.append(column)
                covered |= self.colrows[column]
        picked.sort(key=lambda c: (-self.weights[c], -reduced[c], c))
        kept = set(picked)
        for column in picked:
            others = 0
            for other in kept:
                if other != column:
                    others |= self.colrows[other]
            if not self.colrows[column] & rows & ~others:
                kept.remove(column)
        return sum(self.weights[column] for column in kept)

    def greedy(self, rows: int, columns: int) -> int:
        """The weight of a greedy cover: an upper bound to start the search from."""
        total = 0
        while rows:
            column = max(
                _bits(columns),
                key=lambda c: ((self.colrows[c] & rows).bit_count(), -self.weights[c], -c),
            )
            total += self.weights[column]
            rows &= ~self.colrows[column]
            columns &= ~(1 << column)
        return total

    def branch(self, rows: int, columns: int) -> list[int]:
        """The columns of the row with fewest options, those covering most rows first."""
        row = min(_bits(rows), key=lambda r: ((self.rowcols[r] & columns).bit_count(), r))
        return sorted(
            _bits(self.rowcols[row] & columns),
            key=lambda c: (-(self.colrows[c] & rows).bit_count(), self.weights[c], c),
        )
