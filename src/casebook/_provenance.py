"""Where sources come from: each source's independent origins, through what it relays."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["claim_origins", "resolve_origins"]


def resolve_origins(
    derived_from: Mapping[str, tuple[str, ...]],
) -> tuple[dict[str, frozenset[str]], list[tuple[str, ...]]]:
    """Every source's origins, and the cycles that keep some from having any.

    A source that relays nothing registered is its own origin; a source that relays others has
    their origins. A digest of a wire story that relays an opinion piece has one origin, the
    opinion piece. Ids that are not keys of `derived_from` are ignored (the loader reports
    them). The walk uses no recursion, so a chain of any length is safe.

    Args:
        derived_from: Source id → the ids of the sources it relays.

    Returns:
        Source id → its origins (ids of sources that relay nothing); and each cycle found, as
        the ids along it, starting from its smallest id.
    """
    origins: dict[str, frozenset[str]] = {}
    cycles: list[tuple[str, ...]] = []
    on_path: dict[str, int] = {}
    for start in derived_from:
        if start in origins:
            continue
        path: list[str] = [start]
        pending: list[list[str]] = [_parents(derived_from, start)]
        on_path[start] = 0
        while path:
            node = path[-1]
            if pending[-1]:
                parent = pending[-1].pop()
                if parent in origins:
                    continue
                if parent in on_path:
                    cycle = path[on_path[parent] :]
                    smallest = cycle.index(min(cycle))
                    cycles.append(tuple(cycle[smallest:] + cycle[:smallest]))
                    continue
                on_path[parent] = len(path)
                path.append(parent)
                pending.append(_parents(derived_from, parent))
                continue
            parents = [p for p in derived_from[node] if p in derived_from]
            found: set[str] = set()
            for parent in parents:
                found |= origins.get(parent, frozenset())
            origins[node] = frozenset(found) if parents else frozenset({node})
            del on_path[node]
            path.pop()
            pending.pop()
    return origins, sorted(set(cycles))


def _parents(derived_from: Mapping[str, tuple[str, ...]], node: str) -> list[str]:
    return [parent for parent in derived_from[node] if parent in derived_from]


def claim_origins(
    sources: Iterable[str], origins: Mapping[str, frozenset[str]] | None
) -> frozenset[str]:
    """The origins of the sources a claim quotes; without a table, each source is its own."""
    found: set[str] = set()
    for source in sources:
        found |= origins.get(source, frozenset({source})) if origins is not None else {source}
    return frozenset(found)
