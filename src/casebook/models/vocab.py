"""Closed vocabularies: the values that carry the model's meaning.

Open vocabularies that contributors extend (parties, places, commodities, precedents and
analytic codes) are data in `cases/`; the sets here change only with the code.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Accuracy",
    "CommodityGroup",
    "Confidence",
    "DealKind",
    "DealStatus",
    "EpistemicStatus",
    "ExclusionReason",
    "ImpactKind",
    "OfferKind",
    "PartyKind",
    "PlaceKind",
    "PrecedentKind",
    "PrecedentRelation",
    "Role",
    "SourceKind",
]


class EpistemicStatus(StrEnum):
    """What kind of statement a source makes: the difference between a fact and a warning."""

    FACT = "fact"
    """Stated by the source as established, without hedging or attribution."""
    REPORTED = "reported"
    """Passed on as reported ("reportedly", "reports indicate", "sources say")."""
    OFFICIAL = "official"
    """Stated by an official body or office holder in that capacity (ISPR, a ministry)."""
    ALLEGED = "alleged"
    """An accusation that the accused party has not accepted."""
    DENIED = "denied"
    """A party's denial of an allegation."""
    ASSESSMENT = "assessment"
    """An analyst's or observer's reading of the situation as it stands."""
    FORECAST = "forecast"
    """A prediction or warning about what could or will happen."""
    OPINION = "opinion"
    """A judgement of value or a recommendation."""
    SPECULATION = "speculation"
    """An unattributed conjecture ("many speculate")."""


class Accuracy(StrEnum):
    """The editors' verdict on a claim, checked against sources beyond the one that makes it."""

    NOT_ASSESSED = "not-assessed"
    """Not checked against other sources (the default)."""
    CONFIRMED = "confirmed"
    """Another registered source confirms it."""
    INACCURATE = "inaccurate"
    """Another registered source contradicts it."""
    DATED = "dated"
    """It was true once, or of an earlier time, but is not true at the source's own date."""
    DISPUTED = "disputed"
    """Sources disagree, or the figure has no traceable origin."""


class Confidence(StrEnum):
    """How sure the editors are of an inference."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class SourceKind(StrEnum):
    """What kind of document a source is."""

    NEWS_ARTICLE = "news-article"
    """A news report written by a journalist or outlet."""
    NEWS_DIGEST = "news-digest"
    """A summary or rewrite of other outlets' reporting."""
    ANALYSIS = "analysis"
    """Commentary or analysis by a named author."""
    REFERENCE = "reference"
    """An encyclopaedia or reference work."""
    OFFICIAL = "official"
    """A document issued by a government, court or organisation."""
    AGGREGATOR = "aggregator"
    """A site that republishes or condenses others' reports; weak as a source."""
    FACT_CHECK = "fact-check"
    """A fact-checking article."""


class ExclusionReason(StrEnum):
    """Why a passage of a source's text is not evidence."""

    READER_COMMENTS = "reader-comments"
    LINK = "link"
    """A link to other content ("READ MORE: …")."""
    BOILERPLATE = "boilerplate"
    """Site furniture ("Find out more:", "Original Source: …")."""
    BYLINE = "byline"
    """The author line; recorded as metadata instead."""


class PartyKind(StrEnum):
    """What kind of actor a party is."""

    STATE = "state"
    GOVERNMENT_BODY = "government-body"
    ARMED_FORCES = "armed-forces"
    PERSON = "person"
    NON_STATE_ARMED_GROUP = "non-state-armed-group"
    COMPANY = "company"
    INTERNATIONAL_ORGANISATION = "international-organisation"
    LOCAL_POPULATION = "local-population"
    ANALYSTS = "analysts"
    """Analysts, experts or observers as a group."""
    UNNAMED_SOURCES = "unnamed-sources"
    """Anonymous sources, insiders or officials the source does not name."""
    MEDIA = "media"
    POLITICAL_MOVEMENT = "political-movement"


class PlaceKind(StrEnum):
    """What kind of place a place is."""

    COUNTRY = "country"
    PROVINCE = "province"
    REGION = "region"
    DISTRICT = "district"
    CITY = "city"
    SITE = "site"


class CommodityGroup(StrEnum):
    """Broad groups of traded resources."""

    CRITICAL_MINERAL = "critical-mineral"
    PRECIOUS_METAL = "precious-metal"
    BASE_METAL = "base-metal"
    ENERGY = "energy"
    INDUSTRIAL_MINERAL = "industrial-mineral"
    GEMSTONE = "gemstone"
    DIMENSION_STONE = "dimension-stone"


class PrecedentKind(StrEnum):
    """What kind of thing a precedent is."""

    PROJECT = "project"
    PROGRAMME = "programme"
    AGREEMENT = "agreement"
    LAW = "law"


class PrecedentRelation(StrEnum):
    """How the sources use a precedent when discussing a case."""

    TEMPLATE = "template"
    """A model the deal copies."""
    WARNING = "warning"
    """An example of what can go wrong."""
    ANTECEDENT = "antecedent"
    """Part of the history that leads to the deal."""
    COMPETITOR = "competitor"
    """A rival power's project the deal is measured against."""
    CONTEXT = "context"
    """Background the sources invoke without drawing a lesson."""


class DealKind(StrEnum):
    """What is exchanged for what."""

    MINERALS_FOR_SECURITY = "minerals-for-security"
    MINERALS_FOR_INVESTMENT = "minerals-for-investment"
    RESOURCES_FOR_INFRASTRUCTURE = "resources-for-infrastructure"
    RESOURCES_FOR_POLITICAL_SUPPORT = "resources-for-political-support"


class DealStatus(StrEnum):
    """Where a deal stands, in the order deals usually pass through.

    After the Land Matrix, which records a deal's negotiation status apart from its
    implementation status, each status belongs to one of the two tracks (see `track`): a deal
    is negotiated (rumoured … signed, ratified, in force, or cancelled), then implemented
    (implementing, stalled, suspended).
    """

    RUMOURED = "rumoured"
    """Reported as under consideration; no party has proposed it."""
    PROPOSED = "proposed"
    """A party has put it forward."""
    NEGOTIATING = "negotiating"
    """The parties are in talks."""
    SIGNED = "signed"
    """The parties have signed an agreement."""
    RATIFIED = "ratified"
    """A parliament or other body has ratified the signed agreement."""
    IN_FORCE = "in-force"
    """The agreement has entered into force."""
    IMPLEMENTING = "implementing"
    """What was agreed is being carried out (a fund set up, a mine built…)."""
    STALLED = "stalled"
    """Carrying it out has stopped without a decision to stop."""
    SUSPENDED = "suspended"
    """A party has suspended the agreement or its implementation."""
    CANCELLED = "cancelled"
    """Abandoned or terminated."""

    @property
    def track(self) -> str:
        """`negotiation` or `implementation`: the Land Matrix's two status tracks."""
        implementation = {DealStatus.IMPLEMENTING, DealStatus.STALLED, DealStatus.SUSPENDED}
        return "implementation" if self in implementation else "negotiation"


class Role(StrEnum):
    """The part a party plays in a deal."""

    HOST = "host"
    """Holds the resources on offer."""
    PARTNER = "partner"
    """The counterpart that receives resources and gives something in return."""
    BROKER = "broker"
    """Drives or mediates the deal."""
    ENFORCER = "enforcer"
    """Secures or polices the deal on the ground."""
    INVESTOR = "investor"
    """Puts money or companies into the deal."""
    OPPONENT = "opponent"
    """Fights or resists what the deal is meant to secure."""
    ALLEGED_BACKER = "alleged-backer"
    """Accused of backing an opponent."""
    AFFECTED_POPULATION = "affected-population"
    """Lives where the resources are and bears the consequences."""
    COMPETITOR = "competitor"
    """A rival power whose position the deal is meant to counter."""
    TEMPLATE_PARTY = "template-party"
    """A party to an earlier deal that serves as the model."""


class OfferKind(StrEnum):
    """What one party offers another."""

    RESOURCE_ACCESS = "resource-access"
    INVESTMENT = "investment"
    MILITARY_ASSISTANCE = "military-assistance"
    TRAINING = "training"
    TROOPS = "troops"
    STOCKPILE_CONTROL = "stockpile-control"
    REVENUE_SHARE = "revenue-share"
    DIPLOMATIC_SUPPORT = "diplomatic-support"
    ECONOMIC_SUPPORT = "economic-support"
    SECURITY_GUARANTEE = "security-guarantee"


class ImpactKind(StrEnum):
    """Negative impacts on local communities, after the Land Matrix deal model."""

    DISPLACEMENT = "displacement"
    POLLUTION = "pollution"
    UNREST = "unrest"
    VIOLENCE = "violence"
    REPRESSION = "repression"
    MILITARISATION = "militarisation"
    LOSS_OF_REVENUE = "loss-of-revenue"
    """Royalties or profits withheld from the producing region."""
    RESENTMENT = "resentment"
