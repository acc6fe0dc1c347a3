"""The case model: pydantic models of sources, parties, claims, deals and cases."""

from casebook.models._base import (
    ID_PATTERN,
    Id,
    Model,
    PartialDate,
    check_partial_date,
    date_span,
)
from casebook.models.cases import Case
from casebook.models.claims import Claim, Evidence, Supported
from casebook.models.codebook import Code, CodeCategory
from casebook.models.deals import (
    Deal,
    DealParty,
    Event,
    Offer,
    PrecedentLink,
    StatusEntry,
    TradeOff,
)
from casebook.models.entities import Commodity, Location, Party, Place
from casebook.models.impacts import LocalImpact, NegativeImpact
from casebook.models.markers import StatusMarker
from casebook.models.precedents import Period, Precedent
from casebook.models.registry import RegistryFile
from casebook.models.sources import DateInference, ExcludedSpan, Source
from casebook.models.vocab import (
    Accuracy,
    CommodityGroup,
    Confidence,
    DealKind,
    DealStatus,
    EpistemicStatus,
    ExclusionReason,
    ImpactKind,
    OfferKind,
    PartyKind,
    PlaceKind,
    PrecedentKind,
    PrecedentRelation,
    Role,
    SourceKind,
)

__all__ = [
    "ID_PATTERN",
    "Accuracy",
    "Case",
    "Claim",
    "Code",
    "CodeCategory",
    "Commodity",
    "CommodityGroup",
    "Confidence",
    "DateInference",
    "Deal",
    "DealKind",
    "DealParty",
    "DealStatus",
    "EpistemicStatus",
    "Event",
    "Evidence",
    "ExcludedSpan",
    "ExclusionReason",
    "Id",
    "ImpactKind",
    "LocalImpact",
    "Location",
    "Model",
    "NegativeImpact",
    "Offer",
    "OfferKind",
    "PartialDate",
    "Party",
    "PartyKind",
    "Period",
    "Place",
    "PlaceKind",
    "Precedent",
    "PrecedentKind",
    "PrecedentLink",
    "PrecedentRelation",
    "RegistryFile",
    "Role",
    "Source",
    "SourceKind",
    "StatusEntry",
    "StatusMarker",
    "Supported",
    "TradeOff",
    "check_partial_date",
    "date_span",
]
