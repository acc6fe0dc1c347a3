"""Any two cases compared in the browser: the data the page needs, and the page itself.

A pair of cases without a page of its own is compared by `docs/assets/javascripts/anypair.js`
from one JSON file: for each case, its answers to the structured, focused comparison, its
evidence for every code (the strongest claim quoted, with the editors' verdict) and the sets the
similarity compares; and, once for all cases, the similarity weights and the names, codes and
sources the cases refer to. Nothing in it is computed per pair, so it grows with the cases, not
with their pairs. The script shows every string of it as text, never as markup.
"""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any, Final

from casebook._compare import QUESTIONS, _answers
from casebook._evidence_base import evidence_base
from casebook._presence import DEFAULT_POLICY, Presence
from casebook._profile import COMPONENTS, DEFAULT_WEIGHTS, component_sets, entity_claims
from casebook._render_compare import evidence_base_rows
from casebook._text import inert_json
from casebook.models.vocab import Accuracy
from casebook.site._claims import STATUS_MEANING
from casebook.site._comparisons import MEANING
from casebook.site._context import Site
from casebook.site._links import (
    ANY_PAIR,
    CODEBOOK,
    COMPARISONS,
    case_page,
    heading,
    link,
    party_page,
    precedent_page,
    source_page,
)

if TYPE_CHECKING:
    from casebook._library import Casebook
    from casebook._presence import CaseEvidence, PresencePolicy
    from casebook._profile import SimilarityWeights
    from casebook.models import Case

__all__ = ["ANYPAIR_DATA", "FORMAT", "anypair_data", "anypair_markdown", "page_url"]

ANYPAIR_DATA: Final = "assets/casebook/compare.json"
"""Where the build writes the data of the any-pair page, in the docs folder. The script finds
the site's root two folders above it."""

FORMAT: Final = 1
"""The version of the data's layout, written into it as `format`."""

_DATA_ID: Final = "cb-anypair-data"
"""The id of the page's link to the data, which the script follows."""


def page_url(path: str, anchor: str | None = None) -> str:
    """A page's address relative to the site's root, as MkDocs publishes it.

    `cases/x.md` is published as `cases/x/` and `comparisons/index.md` as `comparisons/`.
    """
    stem = path.removesuffix(".md")
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    url = f"{folder}/" if folder else ""
    return f"{url}#{anchor}" if anchor else url


def _claim_entry(site: Site, case: Case, claim_id: str) -> dict[str, str | None]:
    """What a citation of the claim shows: its status, verdict and note, and where it is.

    The address is left out where the claim is on the case's own page, and is null where the
    claim is shown on no page.
    """
    book = site.book
    entry: dict[str, str | None] = {}
    page = site.claim_pages.get(claim_id)
    if page is None:
        entry["url"] = None
    elif page != case_page(case.id):
        entry["url"] = page_url(page, claim_id)
    try:
        claim = book.claim(claim_id)
    except KeyError:
        return entry
    entry["status"] = claim.status.value
    if claim.accuracy is not Accuracy.NOT_ASSESSED:
        entry["verdict"] = claim.accuracy.value
        if claim.note:
            entry["note"] = claim.note
    return entry


def _evidence(site: Site, evidence: CaseEvidence) -> dict[str, Any]:
    """A case's evidence for a code: its kind, its strongest claim's first quote, the rest."""
    first, *rest = evidence.claims
    quoted = site.book.claim(first.claim).evidence[0]
    entry: dict[str, Any] = {
        "presence": evidence.presence.value,
        "claim": first.claim,
        "quote": quoted.quote,
        "source": quoted.source,
        "origins": evidence.independent_origins,
    }
    if evidence.single_origin:
        entry["origin"] = next(iter(evidence.origins))
    also = [
        *([c.claim, c.presence.value] for c in rest),
        *([c, "not counted"] for c in evidence.uncounted),
        *([c, "set aside"] for c in evidence.set_aside),
        *([c, "later development"] for c in evidence.later),
    ]
    if also:
        entry["also"] = also
    return entry


def _case(site: Site, case: Case) -> dict[str, Any]:
    """One case: what the page shows of it, and the sets its similarity compares."""
    policy = site.policy
    evidence = site.evidence[case.id]
    answers = [
        [
            {
                "label": answer.label,
                "text": answer.text,
                "about": list(answer.about),
                "claims": list(answer.claims),
            }
            for answer in _answers(case, key, policy)
        ]
        for key, _ in QUESTIONS
    ]
    sets = [sorted(found) for found in component_sets(case, policy)]
    entities = sorted({e for found in sets[1:] for e in found})
    entity_claims_of = {entity: list(entity_claims(case, entity)) for entity in entities}
    codes = {code: _evidence(site, evidence[code]) for code in sorted(evidence)}
    cited: set[str] = set()
    for question in answers:
        for answer in question:
            cited.update(answer["claims"])
    for found in codes.values():
        cited.add(found["claim"])
        cited.update(claim for claim, _ in found.get("also", ()))
    for claims in entity_claims_of.values():
        cited.update(claims)
    return {
        "id": case.id,
        "title": case.title,
        "url": page_url(case_page(case.id)),
        "sets": sets,
        "answers": answers,
        "evidence": codes,
        "entityClaims": entity_claims_of,
        "claims": {claim: _claim_entry(site, case, claim) for claim in sorted(cited)},
        # The rows of the pair pages' evidence-base table that this case has (a kind of source
        # or a status it has none of is left out, and shown as 0 beside a case that has some).
        "evidenceBase": {
            name: value
            for name, (value,) in evidence_base_rows([evidence_base(site.book, case.id)])
        },
    }


def _entity(site: Site, entity_id: str) -> dict[str, str]:
    """An entity's name, and its page where it has one (as on the pair pages)."""
    book = site.book
    entry = {"name": book.name_of(entity_id)}
    if entity_id in book.parties:
        if site.has_party_page(entity_id):
            entry["url"] = page_url(party_page(entity_id))
    elif entity_id in book.precedents:
        entry["url"] = page_url(precedent_page(entity_id))
    return entry


def _referred(cases: list[dict[str, Any]]) -> tuple[set[str], set[str], set[str]]:
    """The entities, codes and sources the cases' data refers to."""
    entities: set[str] = set()
    codes: set[str] = set()
    sources: set[str] = set()
    for case in cases:
        entities.update(e for found in case["sets"][1:] for e in found)
        for question in case["answers"]:
            for answer in question:
                entities.update(answer["about"])
                if answer["about"] == [answer["text"]]:
                    entities.add(answer["text"])
        codes.update(case["evidence"])
        for found in case["evidence"].values():
            sources.add(found["source"])
            if "origin" in found:
                sources.add(found["origin"])
    return entities, codes, sources


def anypair_data(
    book: Casebook,
    *,
    policy: PresencePolicy = DEFAULT_POLICY,
    weights: SimilarityWeights = DEFAULT_WEIGHTS,
) -> bytes:
    """The data the any-pair page compares cases from, as compact UTF-8 JSON.

    Each case gives its id, title and page; its answers to the questions of the structured,
    focused comparison; for every code it holds counted evidence for, the kind of presence and
    the strongest claim's first quote with its source; the status, the editors' verdict and
    note, and the page of every claim it cites; the sets of codes, parties, commodities,
    places and precedents its similarity compares; and its evidence base, as the pair pages
    count it. Once for all cases: the components' weights, the questions, the kinds of
    presence, the rows of the evidence-base table, and the names of the entities, codes and
    sources the cases refer to. Addresses are relative to the site's root. The size grows
    linearly with the cases.

    Args:
        book: The loaded casebook.
        policy: How claims count as evidence of a code, as for the pair pages.
        weights: The weights of the similarity components.
    """
    site = Site.of(book, policy)
    cases = [
        _case(site, case)
        for case in sorted(book.cases.values(), key=lambda c: (c.title.casefold(), c.id))
    ]
    entities, codes, sources = _referred(cases)
    # Every row an evidence-base table can have, in the pair pages' order.
    bases = [evidence_base(book, case.id) for case in book.cases.values()]
    rows = [name for name, _ in evidence_base_rows(bases)] if bases else []
    data = {
        "format": FORMAT,
        "policy": policy.describe(),
        "components": [
            {"name": name, "weight": weight, "shown": f"{weight:g}"}
            for name, weight in zip(COMPONENTS, weights.as_tuple(), strict=True)
        ],
        "presence": [{"kind": kind.value, "meaning": MEANING[kind]} for kind in Presence],
        "presentFrom": policy.present_from.value,
        "questions": [{"key": key, "question": text} for key, text in QUESTIONS],
        "statuses": {status.value: meaning for status, meaning in STATUS_MEANING.items()},
        "entities": {entity: _entity(site, entity) for entity in sorted(entities)},
        "codes": {
            code: (
                {
                    "label": book.codebook[code].label,
                    "definition": book.codebook[code].definition,
                    "url": page_url(CODEBOOK, code),
                }
                if code in book.codebook
                else {"label": code}
            )
            for code in sorted(codes)
        },
        "sources": {
            source: {"title": book.sources[source].title, "url": page_url(source_page(source))}
            for source in sorted(sources)
            if source in book.sources
        },
        "evidenceRows": rows,
        "cases": cases,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (inert_json(text) + "\n").encode()


def anypair_markdown(site: Site) -> str:
    """The page that compares any two cases: two menus, and the comparison the script draws."""
    here = ANY_PAIR
    lines = [
        *heading(
            "Compare any two cases",
            "Any two cases side by side: similarity, answers and shared codes with their quotes.",
        ),
        (
            "Choose two cases to see them side by side as on a pair page: their similarity and "
            "its components, their answers to the same questions, and the codes they share and "
            "those only one of them has, each with the case's strongest quote and the editors' "
            f"verdict. The [comparisons]({link(here, COMPARISONS)}) page lists the pairs that "
            f"have a page of their own. There are {len(site.book.cases)} cases to choose from."
        ),
        "",
        '<div class="grid cb-anypair-choice">',
        *(
            (
                f'<p><label for="cb-anypair-{key}">{name}</label><br>'
                f'<select id="cb-anypair-{key}" name="{key}" style="width: 100%"></select></p>'
            )
            for key, name in (("a", "First case"), ("b", "Second case"))
        ),
        "</div>",
        "",
        '<div id="cb-anypair" class="cb-anypair" aria-live="polite"></div>',
        "",
        '<noscript markdown="1">',
        "",
        (
            "*This page compares the cases in your browser, and needs JavaScript to. Without it, "
            f"the [comparisons]({link(here, COMPARISONS)}) page lists every pair that has a page "
            "of its own, and the `casebook` command compares any two: "
            "`casebook compare FIRST-CASE SECOND-CASE --format markdown`.*"
        ),
        "",
        "</noscript>",
        "",
        (
            "The comparison is worked out in your browser, with nothing sent anywhere, from "
            f"[the cases' comparison data]({link(here, ANYPAIR_DATA)}){{ #{_DATA_ID} }} (JSON) "
            "that this site publishes."
        ),
        "",
    ]
    return "\n".join(lines)
