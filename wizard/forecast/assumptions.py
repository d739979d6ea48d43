"""The default rates the funnel forecast starts from, read from the shipped data file.

``data/assumptions.yaml`` gives, per channel kind (``forecast:`` on a bank's channel choice)
and region, the figures the funnel needs (cost per click or per organic visit, click rate of an
own list, conversion, close rate, platform commission), each as low / base / high with its unit,
source, year and whether it was checked against that source. Figures a kind does not give in a
region fall back on its global ones, then on the common ones.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum, auto
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Self, TypeGuard, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wizard.i18n import current

__all__ = [
    "Assumptions",
    "ExchangeRate",
    "ExchangeRates",
    "Figure",
    "KindAssumptions",
    "Metrics",
    "Outcome",
    "Reach",
    "Source",
    "load_assumptions",
    "load_exchange_rates",
    "parse_assumptions",
    "parse_exchange_rates",
]

GLOBAL = "global"
"""The region every kind may give and every other region falls back on."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Reach(StrEnum):
    """How a channel's spend becomes visits."""

    PAID_CLICK = auto()
    """Spend divided by the cost per click."""
    ORGANIC = auto()
    """Spend divided by the cost per organic visit, ramping up from near zero."""
    AUDIENCE = auto()
    """An own list or following times the mailings a month times the click rate."""
    PAID_IMPRESSION = auto()
    """Spend divided by the cost per thousand views, times a thousand, times the click rate."""
    PAID_LEAD = auto()
    """Spend divided by the cost per lead: leads directly, without counted visits."""


class Outcome(StrEnum):
    """What a converted visit is."""

    LEADS = auto()
    """An enquiry, which becomes a customer at the close rate."""
    ORDERS = auto()
    """A first order: the visitor is a customer."""


class Source(_Strict):
    """Where a figure comes from."""

    publisher: Annotated[str, Field(min_length=1)]
    title: Annotated[str, Field(min_length=1)]
    titles: dict[str, Annotated[str, Field(min_length=1)]] = Field(default_factory=dict)
    """The title in other languages, by language tag: only for our own words (a model
    assumption); a published source is cited by its own title, in its own language."""
    url: str | None = None

    def shown_title(self) -> str:
        """The title in the language in force (the original when not translated)."""
        return self.titles.get(current(), self.title)


class Figure(_Strict):
    """One default rate or amount: its range, unit and source."""

    low: Annotated[float, Field(ge=0)]
    base: Annotated[float, Field(ge=0)]
    high: Annotated[float, Field(ge=0)]
    unit: Annotated[str, Field(pattern=r"^(share|[A-Z]{3})$")]
    source: Source
    year: Annotated[int, Field(ge=1990, le=2100)]
    verified: bool
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.base <= self.high:
            raise ValueError(
                f"low, base and high must be in order (got {self.low}, {self.base}, {self.high})"
            )
        if self.unit == "share" and self.high > 1:
            raise ValueError("a share cannot be more than 1")
        return self

    @property
    def is_share(self) -> bool:
        return self.unit == "share"


class Metrics(_Strict):
    """The figures a region gives for a kind (or in common); all optional."""

    cpc: Figure | None = None
    cpm: Figure | None = None
    cost_per_visit: Figure | None = None
    click_rate: Figure | None = None
    conversion: Figure | None = None
    close_rate: Figure | None = None
    commission: Figure | None = None
    ctr: Figure | None = None
    cost_per_lead: Figure | None = None
    top10_within_year: Figure | None = None
    organic_reach: Figure | None = None

    def figures(self) -> dict[str, Figure]:
        """The figures given, by metric name."""
        return {name: fig for name in type(self).model_fields if (fig := getattr(self, name))}


class KindAssumptions(_Strict):
    """One channel kind: how it reaches people, what it yields, and its figures by region."""

    label: Annotated[str, Field(min_length=1)]
    labels: dict[str, Annotated[str, Field(min_length=1)]] = Field(default_factory=dict)
    """The label in other languages, by language tag (``zh-CN``); English is ``label``."""
    reach: Reach
    outcome: Outcome
    own_conversion: bool = Field(
        description="Whether the business's own conversion rate replaces the default here "
        "(true where visitors convert on the business's own site or shop)."
    )
    ramp_months: Annotated[int, Field(ge=0)] = 0
    regions: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], Metrics]

    def shown_label(self) -> str:
        """The label in the language in force (the English one when not translated)."""
        return self.labels.get(current(), self.label)


class Assumptions(_Strict):
    """The whole data file."""

    version: int
    currency_regions: dict[
        Annotated[str, Field(pattern=r"^[A-Z]{3}$")],
        Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")],
    ] = Field(default_factory=dict)
    common: dict[str, Metrics] = Field(default_factory=dict)
    kinds: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], KindAssumptions]

    def region_for(self, currency: str) -> str:
        """The region whose figures a plan in this currency takes (global when none is named)."""
        return self.currency_regions.get(currency.upper(), GLOBAL)

    def figure(
        self, kind: str, metric: Callable[[Metrics], Figure | None], region: str
    ) -> Figure | None:
        """The figure for a kind's metric (``metric`` picks it from a region's figures) in a
        region, else its global one, else the common one."""
        spec = self.kinds.get(kind)
        chain: list[Metrics | None] = []
        if spec is not None:
            chain += [spec.regions.get(region), spec.regions.get(GLOBAL)]
        chain += [self.common.get(region), self.common.get(GLOBAL)]
        for metrics in chain:
            if metrics is not None and (found := metric(metrics)) is not None:
                return found
        return None

    def all_figures(self) -> list[tuple[str, str, str, Figure]]:
        """Every figure as (kind or "common", region, metric, figure)."""
        rows: list[tuple[str, str, str, Figure]] = []
        for region, metrics in self.common.items():
            rows += [("common", region, name, fig) for name, fig in metrics.figures().items()]
        for kind, spec in self.kinds.items():
            for region, metrics in spec.regions.items():
                rows += [(kind, region, name, fig) for name, fig in metrics.figures().items()]
        return rows


class ExchangeRate(_Strict):
    """One currency against the US dollar, as its source publishes it (exactly one of
    ``per_usd`` and ``usd_per_unit``)."""

    per_usd: Annotated[float, Field(gt=0)] | None = None
    """Units of the currency for one US dollar."""
    usd_per_unit: Annotated[float, Field(gt=0)] | None = None
    """US dollars for one unit of the currency."""
    source: Source
    year: Annotated[int, Field(ge=1990, le=2100)]
    verified: bool
    note: str | None = None

    @model_validator(mode="after")
    def _one_quote(self) -> Self:
        if (self.per_usd is None) == (self.usd_per_unit is None):
            raise ValueError("give exactly one of per_usd and usd_per_unit")
        return self

    @property
    def in_usd(self) -> float:
        """US dollars for one unit of the currency."""
        return self.usd_per_unit if self.usd_per_unit is not None else 1.0 / (self.per_usd or 1.0)


class ExchangeRates(_Strict):
    """The whole exchange-rate file."""

    version: int
    sources: dict[str, Source] = Field(default_factory=dict)
    """Named sources (the file refers to them with YAML anchors)."""
    rates: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], ExchangeRate]

    def rate(self, into: str, unit: str) -> float | None:
        """Units of ``into`` for one unit of ``unit`` (None when either is not given; the US
        dollar is always given)."""
        target, given = self._in_usd(into), self._in_usd(unit)
        if target is None or given is None:
            return None
        return given / target

    def _in_usd(self, code: str) -> float | None:
        found = self.rates.get(code.upper())
        if found is not None:
            return found.in_usd
        return 1.0 if code.upper() == "USD" else None

    def cited(self, into: str, unit: str) -> tuple[ExchangeRate, ...]:
        """The rates behind ``rate(into, unit)``: the currencies other than the US dollar."""
        pair = {into.upper(), unit.upper()} - {"USD"}
        return tuple(self.rates[c] for c in sorted(pair) if c in self.rates)


def parse_exchange_rates(text: str) -> ExchangeRates:
    """Read exchange rates from YAML text.

    Raises:
        pydantic.ValidationError: when the data does not fit the model.
    """
    return ExchangeRates.model_validate(_yaml(text))


def parse_assumptions(text: str) -> Assumptions:
    """Read assumptions from YAML text.

    Raises:
        pydantic.ValidationError: when the data does not fit the model.
    """
    return Assumptions.model_validate(_yaml(text))


def _yaml(text: str) -> object:
    """YAML read with the C loader when PyYAML has it (several times faster than the
    pure-Python one; the same safe subset)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


M = TypeVar("M", bound=BaseModel)


def _shipped(name: str, model: type[M], parse: Callable[[str], M]) -> M:
    """A shipped data file read into ``model``: from the disk cache (:mod:`wizard.disk_cache`,
    keyed by the file's content) when it holds it, else read and checked."""
    data = resources.files(__package__).joinpath("data", name)

    def load() -> M:
        return parse(data.read_text("utf-8"))

    if not isinstance(data, Path):  # inside a zip: no file to key the cache by
        return load()
    from wizard.disk_cache import cached

    def accept(value: object) -> TypeGuard[M]:
        return isinstance(value, model)

    return cached(f"forecast {name}", [data], load, accept)


@cache
def load_exchange_rates() -> ExchangeRates:
    """The shipped exchange rates."""
    return _shipped("exchange_rates.yaml", ExchangeRates, parse_exchange_rates)


@cache
def load_assumptions() -> Assumptions:
    """The shipped default rates."""
    return _shipped("assumptions.yaml", Assumptions, parse_assumptions)
