"""What every page generator needs to know about the casebook, worked out once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from casebook._markdown import escape
from casebook._presence import code_evidence
from casebook.models.vocab import Accuracy
from casebook.site._links import (
    CODEBOOK,
    attribute,
    case_page,
    href,
    link,
    party_page,
    precedent_page,
    source_page,
    text_attribute,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from casebook._library import Casebook
    from casebook._presence import CaseEvidence, PresencePolicy
    from casebook.models import Case

__all__ = ["Site", "case_parties", "deal_parties"]


def case_parties(case: Case, known: Mapping[str, object]) -> frozenset[str]:
    """Every registered party a case names: in its deal, trade-offs, impacts or claims."""
    named = set(deal_parties(case))
    named.update(i.population for i in case.local_impacts if i.population is not None)
    for claim in case.claims:
        named.update(claim.attributed_to)
        named.update(claim.about)
    return frozenset(p for p in named if p in known)


def deal_parties(case: Case) -> frozenset[str]:
    """The parties with a part in a case's deal: its host, roles, offers and trade-offs."""
    named: set[str] = {case.host}
    named.update(p.party for p in case.deal.parties)
    for offer in case.deal.offers:
        named.update((offer.from_party, offer.to_party))
    named.update(t.party for t in case.trade_offs)
    return frozenset(named)


def _with_pages(book: Casebook, party_cases: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The parties with a page: a part in a deal, a claim of their own, or several cases."""
    actors = {party for case in book.cases.values() for party in deal_parties(case)}
    actors.update(party for _holder, claim in book.claims() for party in claim.attributed_to)
    return frozenset(
        party for party in book.parties if party in actors or len(party_cases.get(party, ())) > 1
    )


@attrs.frozen(eq=False)
class Site:
    """The casebook with the look-ups the pages share: who holds each claim, who has a page."""

    book: Casebook
    """The casebook the site shows."""
    policy: PresencePolicy
    """How claims count as evidence of a code."""
    claim_pages: Mapping[str, str]
    """Claim id → the page that shows the claim in full."""
    party_cases: Mapping[str, tuple[str, ...]]
    """Party id → the cases that name it."""
    party_pages: frozenset[str]
    """The parties that have a page of their own."""
    evidence: Mapping[str, Mapping[str, CaseEvidence]]
    """Case id → code id → the case's evidence for the code."""

    @classmethod
    def of(cls, book: Casebook, policy: PresencePolicy) -> Site:
        """Work out the look-ups for a casebook."""
        claim_pages = {
            claim.id: case_page(case.id) for case in book.cases.values() for claim in case.claims
        }
        claim_pages.update(
            (claim.id, precedent_page(precedent.id))
            for precedent in book.precedents.values()
            for claim in precedent.claims
        )
        party_cases: dict[str, list[str]] = {}
        for case in book.cases.values():
            for party in sorted(case_parties(case, book.parties)):
                party_cases.setdefault(party, []).append(case.id)
        return cls(
            book=book,
            policy=policy,
            claim_pages=claim_pages,
            party_cases={party: tuple(cases) for party, cases in party_cases.items()},
            party_pages=_with_pages(book, party_cases),
            evidence={
                case.id: code_evidence(case, policy, origins=book.origins)
                for case in book.cases.values()
            },
        )

    def has_party_page(self, party_id: str) -> bool:
        """Whether the party has a page of its own.

        A party has a page when it takes part in a case's deal (as host, in a role, giving or
        receiving an offer, weighing a trade-off), when a claim is attributed to it, or when
        more than one case names it.
        """
        return party_id in self.party_pages

    def claim(self, origin: str, claim_id: str) -> str:
        """A link to a claim, shown by its id, its text as a tooltip, the editors' verdict beside.

        A claim the editors judged (inaccurate, dated, disputed or confirmed) carries a badge
        naming the verdict, wherever it is cited; the note is its tooltip, and shown in full
        where the claim is.
        """
        page = self.claim_pages.get(claim_id)
        if page is None:
            return f"`{claim_id}`"
        text = text_attribute(self.book.claim(claim_id).text)
        target = link(origin, page, claim_id)
        return f'[`{claim_id}`]({target} "{text}")' + self.verdict(claim_id)

    def verdict(self, claim_id: str) -> str:
        """The editors' verdict on a claim as a badge, the note as its tooltip; or nothing."""
        try:
            claim = self.book.claim(claim_id)
        except KeyError:
            return ""
        if claim.accuracy is Accuracy.NOT_ASSESSED:
            return ""
        note = text_attribute(claim.note or "")
        value = claim.accuracy.value
        return f' <span class="cb-verdict cb-verdict-{value}" title="{note}">{value}</span>'

    def claims(self, origin: str, claim_ids: Iterable[str]) -> str:
        """Links to claims, separated by commas."""
        return ", ".join(self.claim(origin, claim_id) for claim_id in claim_ids)

    def party(self, origin: str, party_id: str) -> str:
        """A party's name, linked to its page where it has one."""
        name = escape(self.book.name_of(party_id))
        if self.has_party_page(party_id) and party_page(party_id) != origin:
            return f"[{name}]({link(origin, party_page(party_id))})"
        return name

    def precedent(self, origin: str, precedent_id: str) -> str:
        """A precedent's name, linked to its page."""
        name = escape(self.book.name_of(precedent_id))
        if precedent_id not in self.book.precedents:
            return name
        return f"[{name}]({link(origin, precedent_page(precedent_id))})"

    def entity_page(self, entity_id: str) -> str | None:
        """The page of a party or precedent, which lists the claims naming it; else None."""
        if self.has_party_page(entity_id):
            return party_page(entity_id)
        if entity_id in self.book.precedents:
            return precedent_page(entity_id)
        return None

    def source(self, origin: str, source_id: str) -> str:
        """A source's title, linked to its page."""
        source = self.book.sources.get(source_id)
        if source is None:
            return f"`{source_id}`"
        return f"[{escape(source.title)}]({link(origin, source_page(source_id))})"

    def case(self, origin: str, case_id: str) -> str:
        """A case's title, linked to its page."""
        return f"[{escape(self.book.cases[case_id].title)}]({link(origin, case_page(case_id))})"

    def code(self, origin: str, code_id: str) -> str:
        """A code's label linked to the codebook, its definition as a tooltip."""
        code = self.book.codebook.get(code_id)
        if code is None:
            return f"`{code_id}`"
        target = link(origin, CODEBOOK, code_id)
        return f'[{escape(code.label)}]({target} "{attribute(code.definition)}")'

    def entity(self, origin: str, entity_id: str) -> str:
        """Any entity by name: parties and precedents linked where they have pages."""
        if entity_id in self.book.parties:
            return self.party(origin, entity_id)
        if entity_id in self.book.precedents:
            return self.precedent(origin, entity_id)
        return escape(self.book.name_of(entity_id))

    # The same links written as HTML, for tables a page writes as raw HTML (see `href`).

    def claim_html(self, origin: str, claim_id: str) -> str:
        """`claim` as HTML: the claim's id linked to it, its text as a tooltip, the verdict."""
        page = self.claim_pages.get(claim_id)
        code = f"<code>{escape(claim_id)}</code>"
        if page is None:
            return code
        text = text_attribute(self.book.claim(claim_id).text)
        target = attribute(href(origin, page, claim_id))
        return f'<a href="{target}" title="{text}">{code}</a>' + self.verdict(claim_id)

    def claims_html(self, origin: str, claim_ids: Iterable[str]) -> str:
        """`claims` as HTML: links to claims, separated by commas."""
        return ", ".join(self.claim_html(origin, claim_id) for claim_id in claim_ids)

    def source_html(self, origin: str, source_id: str) -> str:
        """`source` as HTML: a source's title linked to its page."""
        source = self.book.sources.get(source_id)
        if source is None:
            return f"<code>{escape(source_id)}</code>"
        target = attribute(href(origin, source_page(source_id)))
        return f'<a href="{target}">{escape(source.title)}</a>'

    def code_html(self, origin: str, code_id: str) -> str:
        """`code` as HTML: a code's label linked to the codebook, its definition as a tooltip."""
        code = self.book.codebook.get(code_id)
        if code is None:
            return f"<code>{escape(code_id)}</code>"
        target = attribute(href(origin, CODEBOOK, code_id))
        tip = text_attribute(code.definition)
        return f'<a href="{target}" title="{tip}">{escape(code.label)}</a>'

    def case_html(self, origin: str, case_id: str) -> str:
        """`case` as HTML: a case's title linked to its page."""
        target = attribute(href(origin, case_page(case_id)))
        return f'<a href="{target}">{escape(self.book.cases[case_id].title)}</a>'

    def entity_html(self, origin: str, entity_id: str) -> str:
        """`entity` as HTML: any entity by name, linked to its page where it has one."""
        name = escape(self.book.name_of(entity_id))
        page = self.entity_page(entity_id)
        if page is None or page == origin:
            return name
        return f'<a href="{attribute(href(origin, page))}">{name}</a>'
