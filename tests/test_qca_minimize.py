"""Exact Boolean minimisation of crisp-set truth tables, checked against brute force."""

from __future__ import annotations

import functools
import itertools
import math
import random
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.qca import Solution, Term, _minimize, minimize
from casebook.qca._minimize import (
    _DENSE_MAX_CONDITIONS,
    _LAGRANGE_MIN_ROWS,
    MAX_MODELS,
    _primes_dense,
    _primes_hitting,
    _primes_merging,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

NAMES = ("A", "B", "C", "D", "E", "F")
Config = dict[str, bool]


def config(names: Sequence[str], number: int) -> Config:
    """Configuration `number` of `names`, the first name being the most significant bit."""
    width = len(names)
    return {name: bool(number >> (width - 1 - i) & 1) for i, name in enumerate(names)}


def everything(names: Sequence[str]) -> list[Config]:
    """Every configuration of `names`, in numerical order."""
    return [config(names, number) for number in range(2 ** len(names))]


@attrs.frozen
class Table:
    """A truth table: every configuration of `names` is positive, negative or a remainder."""

    names: tuple[str, ...]
    positive: tuple[int, ...]
    negative: tuple[int, ...]
    remainders: bool
    """Whether the solution asked for is the parsimonious one."""

    def configs(self, numbers: Iterable[int]) -> list[Config]:
        """The configurations numbered `numbers`."""
        return [config(self.names, number) for number in numbers]

    def off(self) -> list[Config]:
        """The configurations a solution must not cover."""
        if self.remainders:
            return self.configs(self.negative)
        return [c for n, c in enumerate(everything(self.names)) if n not in self.positive]

    def solve(self) -> Solution:
        """`minimize` on this table."""
        return minimize(
            self.names,
            self.configs(self.positive),
            self.configs(self.negative),
            remainders=self.remainders,
        )


@st.composite
def tables(draw: st.DrawFn, most: int = 6) -> Table:
    """A random partition of the configurations of 1 to `most` conditions, either solution."""
    width = draw(st.integers(1, most))
    kinds = draw(st.lists(st.sampled_from("+-?"), min_size=2**width, max_size=2**width))
    return Table(
        names=NAMES[:width],
        positive=tuple(n for n, kind in enumerate(kinds) if kind == "+"),
        negative=tuple(n for n, kind in enumerate(kinds) if kind == "-"),
        remainders=draw(st.booleans()),
    )


def cost(terms: Iterable[Term]) -> tuple[int, int]:
    """(terms, literals): what a minimum cover minimises, in that order."""
    terms = list(terms)
    return len(terms), sum(len(term) for term in terms)


def all_terms(names: Sequence[str]) -> Iterable[Term]:
    """Every conjunction of literals over `names` (3**n of them)."""
    for values in itertools.product((True, False, None), repeat=len(names)):
        yield Term(tuple((n, v) for n, v in zip(names, values, strict=True) if v is not None))


def implicants(table: Table) -> list[Term]:
    """Every term covering a positive configuration and no configuration of the off-set."""
    off = table.off()
    positives = table.configs(table.positive)
    return [
        term
        for term in all_terms(table.names)
        if any(map(term.covers, positives)) and not any(map(term.covers, off))
    ]


def without(term: Term, name: str) -> Term:
    """`term` with the literal on `name` dropped."""
    return Term(tuple(literal for literal in term.literals if literal[0] != name))


def least_cost(table: Table, candidates: Sequence[Term]) -> tuple[int, int]:
    """The least cost of a cover of the positive configurations by `candidates`."""
    positives = table.configs(table.positive)
    rows = [sum(1 << i for i, c in enumerate(positives) if t.covers(c)) for t in candidates]
    sizes = [len(term) for term in candidates]

    @functools.cache
    def best(left: int) -> tuple[int, int]:
        if not left:
            return 0, 0
        lowest = left & -left
        return min(
            (terms + 1, literals + size)
            for covered, size in zip(rows, sizes, strict=True)
            if covered & lowest
            for terms, literals in [best(left & ~covered)]
        )

    return best((1 << len(positives)) - 1)


def is_cover(table: Table, terms: Sequence[Term]) -> bool:
    """Whether `terms` cover every positive configuration and nothing of the off-set."""
    return all(any(t.covers(c) for t in terms) for c in table.configs(table.positive)) and (
        not any(t.covers(c) for t in terms for c in table.off())
    )


# The solution covers what it must.


@given(tables())
def test_positives_are_covered_and_negatives_not(table: Table) -> None:
    """Every positive configuration is covered, no negative one."""
    solution = table.solve()
    assert all(solution.covers(c) for c in table.configs(table.positive))
    assert not any(solution.covers(c) for c in table.configs(table.negative))
    assert table.remainders == solution.remainders
    assert table.names == solution.conditions


@given(tables())
def test_the_complex_solution_covers_exactly_the_positives(table: Table) -> None:
    """Without remainders, the union of the terms is the set of positive configurations."""
    solution = attrs.evolve(table, remainders=False).solve()
    covered = [n for n, c in enumerate(everything(table.names)) if solution.covers(c)]
    assert list(table.positive) == covered


@given(tables())
def test_every_term_is_a_prime_implicant(table: Table) -> None:
    """No term covers the off-set, and dropping any one literal makes it cover some of it."""
    solution = table.solve()
    off = table.off()
    positives = table.configs(table.positive)
    assert set(solution.terms) <= set(solution.prime_implicants)
    for term in solution.prime_implicants:
        assert not any(map(term.covers, off))
        assert any(map(term.covers, positives))
        for name in term:
            assert any(map(without(term, name).covers, off)), f"{term} is not prime"


@given(tables())
def test_no_term_can_be_dropped(table: Table) -> None:
    """Each term of each model is the only one covering some positive configuration."""
    solution = table.solve()
    positives = table.configs(table.positive)
    for model in solution.models:
        for term in model:
            rest = [other for other in model if other != term]
            assert not all(any(t.covers(c) for t in rest) for c in positives), f"{term} is spare"


LAGRANGE_FROM = st.sampled_from([1, _LAGRANGE_MIN_ROWS, 10**9])
"""From how many rows the cover search uses Lagrangian bounds: always, as shipped, never."""


@given(tables(most=4), LAGRANGE_FROM)
def test_no_cover_is_cheaper(table: Table, lagrange_from: int) -> None:
    """Brute force over every implicant, prime or not: no cheaper cover exists.

    Cheaper is fewer terms, or as many terms and fewer literals.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_minimize, "_LAGRANGE_MIN_ROWS", lagrange_from)
        solution = table.solve()
    if not table.positive:
        assert () == solution.terms
        return
    assert least_cost(table, implicants(table)) == cost(solution.terms)


@given(tables())
def test_the_bounds_change_no_answer(table: Table) -> None:
    """The search finds the same minimum covers with and without the Lagrangian bounds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_minimize, "_LAGRANGE_MIN_ROWS", 1)
        bounded = table.solve()
        patch.setattr(_minimize, "_LAGRANGE_MIN_ROWS", 10**9)
        plain = table.solve()
    assert cost(bounded.terms) == cost(plain.terms)
    if len(plain.models) < MAX_MODELS:
        assert plain.models == bounded.models


@given(tables(most=4))
def test_the_primes_are_all_the_primes(table: Table) -> None:
    """`prime_implicants` is every maximal implicant covering a positive configuration."""
    candidates = implicants(table)
    maximal = {
        term for term in candidates if not any(without(term, name) in candidates for name in term)
    }
    assert maximal == set(table.solve().prime_implicants)


@given(tables())
def test_every_model_is_a_minimum_cover(table: Table) -> None:
    """The models are distinct valid covers of one cost; the first is `terms`."""
    solution = table.solve()
    assert 1 <= len(solution.models) <= MAX_MODELS
    assert solution.terms == solution.models[0]
    assert len(set(solution.models)) == len(solution.models)
    assert sorted(solution.models, key=keys(table.names)) == list(solution.models)
    for model in solution.models:
        assert cost(solution.terms) == cost(model)
        assert is_cover(table, model)
        assert sorted(model, key=key(table.names)) == list(model)


@given(tables(most=4), LAGRANGE_FROM)
def test_the_models_are_every_minimum_cover(table: Table, lagrange_from: int) -> None:
    """Brute force over sets of primes: every minimum cover is listed, up to the cap."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_minimize, "_LAGRANGE_MIN_ROWS", lagrange_from)
        solution = table.solve()
    primes = solution.prime_implicants
    size = len(solution.terms)
    if math.comb(len(primes), size) > 20_000:
        return
    best = cost(solution.terms)
    expected = {
        frozenset(chosen)
        for chosen in itertools.combinations(primes, size)
        if cost(chosen) == best and is_cover(table, chosen)
    }
    found = {frozenset(model) for model in solution.models}
    if len(expected) <= MAX_MODELS:
        assert expected == found
    else:
        assert found < expected
        assert MAX_MODELS == len(found)


def key(names: Sequence[str]) -> functools.partial[tuple[tuple[int, bool], ...]]:
    """The order of terms: literal by literal, by condition, a presence before an absence."""
    return functools.partial(term_key, names)


def term_key(names: Sequence[str], term: Term) -> tuple[tuple[int, bool], ...]:
    """See `key`."""
    return tuple((names.index(name), not value) for name, value in term.literals)


def keys(names: Sequence[str]) -> functools.partial[list[tuple[tuple[int, bool], ...]]]:
    """The order of models: term by term."""
    return functools.partial(model_key, names)


def model_key(names: Sequence[str], model: Sequence[Term]) -> list[tuple[tuple[int, bool], ...]]:
    """See `keys`."""
    return [term_key(names, term) for term in model]


@given(tables(), st.randoms(use_true_random=False))
def test_renaming_and_reordering_conditions_changes_nothing(
    table: Table, rng: random.Random
) -> None:
    """The same table under other names, in another order, has the same primes and models."""
    order = list(table.names)
    rng.shuffle(order)
    renamed = {name: f"X{name.lower()}" for name in table.names}
    back = {new: old for old, new in renamed.items()}

    def translate(numbers: Iterable[int]) -> list[Config]:
        return [{renamed[k]: v for k, v in c.items()} for c in table.configs(numbers)]

    def original(term: Term) -> Term:
        literals = sorted(((back[n], v) for n, v in term.literals), key=key_of_literal(table))
        return Term(tuple(literals))

    solution = table.solve()
    other = minimize(
        [renamed[name] for name in order],
        translate(table.positive),
        translate(table.negative),
        remainders=table.remainders,
    )
    assert cost(solution.terms) == cost(other.terms)
    assert set(solution.prime_implicants) == set(map(original, other.prime_implicants))
    models = {frozenset(map(original, model)) for model in other.models}
    if len(solution.models) < MAX_MODELS:
        assert {frozenset(model) for model in solution.models} == models
    every = range(2 ** len(table.names))
    covered = covered_by(other.terms, translate(every))
    if not table.remainders:
        assert covered_by(solution.terms, table.configs(every)) == covered
    elif len(solution.models) < MAX_MODELS:
        assert covered in {covered_by(model, table.configs(every)) for model in solution.models}


def covered_by(terms: Sequence[Term], configs: Sequence[Config]) -> tuple[bool, ...]:
    """Which of `configs` the sum of `terms` covers."""
    return tuple(any(term.covers(c) for term in terms) for c in configs)


def key_of_literal(table: Table) -> functools.partial[int]:
    """Literals in the order of the conditions of `table`."""
    return functools.partial(position_of_literal, table.names)


def position_of_literal(names: Sequence[str], literal: tuple[str, bool]) -> int:
    """See `key_of_literal`."""
    return names.index(literal[0])


@given(tables(), st.randoms(use_true_random=False))
def test_the_order_of_the_configurations_does_not_matter(table: Table, rng: random.Random) -> None:
    """Shuffled and repeated configurations give the very same solution."""
    positive = list(table.positive) * 2
    negative = list(table.negative)
    rng.shuffle(positive)
    rng.shuffle(negative)
    shuffled = minimize(
        table.names, table.configs(positive), table.configs(negative), remainders=table.remainders
    )
    assert table.solve() == shuffled


@given(tables())
def test_dense_and_sparse_primes_agree(table: Table) -> None:
    """The dense ternary array, Quine-McCluskey merging and hitting sets find the same primes."""
    width = len(table.names)
    positive = list(table.positive)
    negative = list(table.negative)
    if not positive:
        return
    others = [n for n in range(2**width) if n not in table.positive]
    off = negative if table.remainders else others
    dense = _primes_dense(width, positive, negative, complex_solution=not table.remainders)
    assert sorted(dense) == sorted(_primes_hitting(width, positive, off))
    if not table.remainders:
        assert sorted(dense) == sorted(_primes_merging(width, positive))


# Known answers.

AB = ("A", "B")
ABC = ("A", "B", "C")
ABCD = ("A", "B", "C", "D")


def minterms(names: Sequence[str], numbers: Iterable[int]) -> list[Config]:
    """The configurations numbered `numbers`, the first condition the most significant bit."""
    return [config(names, number) for number in numbers]


def test_the_textbook_example() -> None:
    """f(A,B,C,D) = m(4,8,10,11,12,15) + d(9,14): two minimal sums, A*~B or A*~D with A*C."""
    positive = minterms(ABCD, [4, 8, 10, 11, 12, 15])
    negative = minterms(ABCD, [0, 1, 2, 3, 5, 6, 7, 13])
    solution = minimize(ABCD, positive, negative)
    assert "A*~B + A*C + B*~C*~D" == str(solution)
    assert ["A*~B + A*C + B*~C*~D", "A*C + A*~D + B*~C*~D"] == [
        " + ".join(map(str, model)) for model in solution.models
    ]
    assert ["A*~B", "A*C", "A*~D", "B*~C*~D"] == list(map(str, solution.prime_implicants))
    complex_solution = minimize(ABCD, positive, negative, remainders=False)
    assert "A*~B*~D + A*C*D + B*~C*~D" == str(complex_solution)
    assert 1 == len(complex_solution.models)


def test_the_cyclic_core_has_two_minimal_sums() -> None:
    """f(A,B,C) = m(0,1,2,5,6,7): six primes in a cycle, two covers of three terms each."""
    solution = minimize(ABC, minterms(ABC, [0, 1, 2, 5, 6, 7]), remainders=False)
    assert ["A*B + ~A*~C + ~B*C", "A*C + ~A*~B + B*~C"] == [
        " + ".join(map(str, model)) for model in solution.models
    ]
    assert 6 == len(solution.prime_implicants)


def test_fewer_terms_beat_fewer_literals() -> None:
    """Two terms of five literals in all are preferred to three terms of one literal each."""
    names = tuple("ABCDEFG")
    positive = minterms(names, [21, 60, 84, 85, 91, 104])
    negative = minterms(names, [0, 2, 4, 6, 16, 18, 22, 32, 34, 36, 38, 48, 50, 52, 54])
    solution = minimize(names, positive, negative)
    assert "~B*C*E*~F + D" == str(solution)
    assert ["A", "~B*C*E*~F", "D", "G"] == list(map(str, solution.prime_implicants))
    shorter = [Term({name: True}) for name in "ADG"]
    assert all(any(term.covers(c) for term in shorter) for c in positive)


def test_remainders_make_the_parsimonious_solution_simpler() -> None:
    """The complex solution keeps to the observed cases; the parsimonious one uses remainders."""
    positive = [{"A": True, "B": True, "C": False}, {"A": True, "B": True, "C": True}]
    negative = [{"A": False, "B": True, "C": True}, {"A": False, "B": False, "C": False}]
    complex_solution = minimize(["A", "B", "C"], positive, negative, remainders=False)
    parsimonious = minimize(["A", "B", "C"], positive, negative, remainders=True)
    assert "A*B" == str(complex_solution)
    assert "A" == str(parsimonious)
    assert not complex_solution.remainders
    assert parsimonious.remainders
    assert parsimonious.covers({"A": True, "B": False, "C": False})
    assert not complex_solution.covers({"A": True, "B": False, "C": False})


def test_no_positive_configuration_gives_zero() -> None:
    """Nothing to explain: no term, one empty model, printed `0`."""
    solution = minimize(["A", "B"], [], [{"A": True, "B": False}])
    assert () == solution.terms
    assert ((),) == solution.models
    assert () == solution.prime_implicants
    assert "0" == str(solution)
    assert not solution.covers({"A": True, "B": True})


def test_nothing_to_avoid_gives_one() -> None:
    """Every configuration positive: the empty term, printed `1`, covering everything."""
    for remainders in (True, False):
        solution = minimize(AB, minterms(AB, range(4)), remainders=remainders)
        assert "1" == str(solution)
        assert (Term(),) == solution.terms
        assert solution.covers({"A": False, "B": True})


def test_no_negative_with_remainders_gives_one() -> None:
    """With remainders free and no negative case, the constant true explains everything."""
    assert "1" == str(minimize(ABC, [config(ABC, 5)]))
    assert "A*~B*C" == str(minimize(ABC, [config(ABC, 5)], remainders=False))


def test_no_conditions() -> None:
    """With no condition there is one configuration, the empty one."""
    assert "1" == str(minimize([], [{}]))
    assert "0" == str(minimize([], [], [{}]))
    assert "0" == str(minimize([], []))
    with pytest.raises(ValueError, match="both positive and negative"):
        minimize([], [{}], [{}])


def test_the_models_are_capped() -> None:
    """A noisy table with many tied minimum covers lists the first `MAX_MODELS` of them."""
    rng = random.Random(7)  # noqa: S311 - reproducible test data
    names = [f"C{i}" for i in range(8)]
    observed = rng.sample(range(256), 128)
    positive = [n for n in observed if rng.random() < 0.5]
    negative = [n for n in observed if n not in positive]
    solution = minimize(names, minterms(names, positive), minterms(names, negative))
    assert MAX_MODELS == len(solution.models)
    assert 1 == len({cost(model) for model in solution.models})
    assert " + ".join(map(str, solution.models[0])) == str(solution)


def test_larger_tables_use_the_sparse_prime_generators() -> None:
    """Beyond the dense array, both solutions still cover exactly what they must."""
    width = _DENSE_MAX_CONDITIONS + 2
    names = [f"C{i}" for i in range(width)]
    rng = random.Random(3)  # noqa: S311 - reproducible test data
    observed = rng.sample(range(2**width), 40)
    positive = minterms(names, observed[:20])
    negative = minterms(names, observed[20:])
    for remainders in (False, True):
        solution = minimize(names, positive, negative, remainders=remainders)
        assert all(map(solution.covers, positive))
        assert not any(map(solution.covers, negative))
    assert 20 == len(minimize(names, positive, negative, remainders=False).terms)


# Terms and solutions.


def test_a_term_is_a_mapping() -> None:
    """A term maps its conditions to the values it requires, and prints in QCA notation."""
    term = Term((("A", True), ("B", False)))
    assert {"A": True, "B": False} == dict(term)
    assert term["A"]
    assert not term["B"]
    assert "A" in term
    assert "C" not in term
    assert 2 == len(term)
    assert ["A", "B"] == list(term)
    assert "A*~B" == str(term)
    assert term == Term({"A": True, "B": False})
    assert hash(term) == hash(Term({"A": True, "B": False}))
    assert term != Term({"B": False, "A": True})
    assert term.covers({"A": True, "B": False, "C": True})
    assert not term.covers({"A": True, "B": True, "C": True})
    assert Term().covers({})
    assert "1" == str(Term())
    with pytest.raises(KeyError, match="C"):
        term["C"]


def test_a_term_refuses_bad_literals() -> None:
    """One literal per condition, each `True` or `False`."""
    with pytest.raises(ValueError, match="repeated: A"):
        Term((("A", True), ("A", False)))
    with pytest.raises(TypeError, match="must be True or False"):
        Term((("A", 1),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="non-empty string"):
        Term((("", True),))


def test_a_solution_shows_its_first_model() -> None:
    """`str` joins the terms with ` + `; tied models are not shown."""
    solution = minimize(ABC, minterms(ABC, [0, 1, 2, 5, 6, 7]), remainders=False)
    assert 2 == len(solution.models)
    assert "A*B + ~A*~C + ~B*C" == str(solution)
    assert solution == minimize(ABC, minterms(ABC, [7, 6, 5, 2, 1, 0]), remainders=False)


# Errors.


def test_a_contradiction_is_refused() -> None:
    """A configuration both positive and negative is named in QCA notation."""
    with pytest.raises(ValueError, match=r"configuration A\*~B is both positive and negative$"):
        minimize(AB, [config(AB, 2), config(AB, 3)], [config(AB, 2)])
    with pytest.raises(ValueError, match=r"~A\*~B is both .* \(and 1 more\)"):
        minimize(AB, minterms(AB, [0, 1]), minterms(AB, [0, 1]))


@pytest.mark.parametrize(
    ("configuration", "message"),
    [
        ({"A": True}, "lacks 'B'"),
        ({"A": True, "B": True, "C": True}, "has unknown 'C'"),
        ({"A": True, "C": True}, "lacks 'B' and has unknown 'C'"),
    ],
)
def test_a_configuration_has_exactly_the_conditions(
    configuration: Mapping[str, bool], message: str
) -> None:
    """Missing and unknown conditions are named."""
    with pytest.raises(ValueError, match=message):
        minimize(AB, [configuration])
    with pytest.raises(ValueError, match=message):
        minimize(AB, [], [configuration])


@pytest.mark.parametrize("value", [1, 0, None, "yes"])
def test_values_must_be_bools(value: object) -> None:
    """`0` and `1` are not accepted for `False` and `True`."""
    with pytest.raises(TypeError, match="must be True or False"):
        minimize(AB, [{"A": True, "B": value}])  # type: ignore[dict-item]


def test_a_configuration_must_be_a_mapping() -> None:
    """A list of values is not a configuration."""
    with pytest.raises(TypeError, match="must be a mapping"):
        minimize(AB, [[True, False]])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("conditions", "error", "message"),
    [
        (["A", "B", "A"], ValueError, "duplicate condition names: 'A'"),
        (["A", ""], ValueError, "must be non-empty"),
        (["A", "B*C"], ValueError, "without whitespace"),
        (["A", "not B"], ValueError, "without whitespace"),
        (["A", 2], TypeError, "must be a string"),
        ("AB", TypeError, "not one string"),
        ([f"C{i}" for i in range(31)], ValueError, "at most 30 conditions"),
    ],
)
def test_condition_names_are_checked(
    conditions: Sequence[str], error: type[Exception], message: str
) -> None:
    """Names are distinct non-empty strings without notation characters, at most 30 of them."""
    with pytest.raises(error, match=message):
        minimize(conditions, [])
