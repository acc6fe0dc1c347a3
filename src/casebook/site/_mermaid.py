"""The deal as a Mermaid flowchart: who offers what to whom."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casebook._library import Casebook
    from casebook.models import Case

__all__ = ["deal_diagram", "label"]


def label(text: str) -> str:
    """Text for a quoted Mermaid label, safe whatever the text holds.

    Every character but ASCII letters, digits and spaces is written as a Mermaid entity code
    (`#35;`), so no text can end the label, the diagram or the fence around it.
    """
    flat = " ".join(text.split())
    return "".join(c if (c.isalnum() and c.isascii()) or c == " " else f"#{ord(c)};" for c in flat)


def deal_diagram(book: Casebook, case: Case) -> list[str]:
    """A fenced Mermaid flowchart: a node per party, an arrow per offer, labelled by its kind."""
    nodes: dict[str, str] = {}

    def node(party: str) -> str:
        if party not in nodes:
            nodes[party] = f"p{len(nodes)}"
        return nodes[party]

    arrows = []
    for offer in case.deal.offers:
        what = offer.kind.value.replace("-", " ")
        if offer.commodities:
            what += ": " + ", ".join(book.name_of(c) for c in offer.commodities)
        arrows.append(f'    {node(offer.from_party)} -->|"{label(what)}"| {node(offer.to_party)}')
    lines = ["```mermaid", "flowchart LR"]
    lines.extend(f'    {key}["{label(book.name_of(party))}"]' for party, key in nodes.items())
    lines += [*arrows, "```", ""]
    return lines
