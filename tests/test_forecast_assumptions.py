"""The shipped default rates: every figure is cited, in range, and every kind a bank names exists."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from wizard.bank import Question
from wizard.banks import load_bank
from wizard.forecast.assumptions import (
    load_assumptions,
    load_exchange_rates,
    parse_assumptions,
    parse_exchange_rates,
)
from wizard.packs import packs_dir

DATA = Path(__file__).resolve().parent.parent / "wizard" / "forecast" / "data" / "assumptions.yaml"


def test_every_figure_has_a_source_and_a_year() -> None:
    rows = load_assumptions().all_figures()
    assert len(rows) >= 20
    for kind, region, metric, fig in rows:
        where = f"{kind}/{region}/{metric}"
        assert fig.source.publisher.strip(), where
        assert fig.source.title.strip(), where
        assert 1990 <= fig.year <= 2026, where
        if not fig.verified:
            note = fig.note or ""
            assert "No published benchmark" in note or "Could not be confirmed" in note, where


def test_every_exchange_rate_has_a_source_and_a_year() -> None:
    rates = load_exchange_rates().rates
    assert {"USD", "CNY", "EUR", "GBP"} <= set(rates)
    for code, rate in rates.items():
        assert rate.source.publisher.strip(), code
        assert rate.source.title.strip(), code
        assert rate.source.url, code
        assert 1990 <= rate.year <= 2026, code
        assert rate.in_usd > 0, code
    # As the Federal Reserve's G.5A table for 2023 gives them.
    assert rates["CNY"].per_usd == 7.0809
    assert rates["EUR"].usd_per_unit == 1.0817


def test_an_exchange_rate_gives_exactly_one_quote() -> None:
    text = """
version: 1
rates:
  EUR: {per_usd: 0.9, usd_per_unit: 1.1, source: {publisher: P, title: T}, year: 2024, verified: true}
"""
    with pytest.raises(pydantic.ValidationError, match="exactly one"):
        parse_exchange_rates(text)
    rates = parse_exchange_rates(text.replace("per_usd: 0.9, ", ""))
    assert rates.rate("USD", "EUR") == 1.1
    assert rates.rate("EUR", "USD") == pytest.approx(1 / 1.1)
    assert rates.rate("EUR", "CNY") is None


def test_a_plan_currency_picks_its_region() -> None:
    data = load_assumptions()
    assert data.region_for("CNY") == "china"
    assert data.region_for("cny") == "china"
    assert data.region_for("EUR") == "global"


def test_the_issues_figures_are_shipped_as_published() -> None:
    """The figures the issue quotes, as their sources give them (base scenario)."""
    data = load_assumptions()
    search = data.kinds["search_ads"].regions["global"]
    assert search.cpc is not None
    assert search.cpc.base == 5.26
    assert search.conversion is not None
    assert search.conversion.base == 0.0752
    assert search.ctr is not None
    assert search.ctr.base == 0.0666
    assert search.cost_per_lead is not None
    assert search.cost_per_lead.base == 70.11
    meta = data.kinds["social_ads"].regions["global"]
    assert meta.cpc is not None
    assert meta.cpc.base == 1.88
    assert meta.conversion is not None
    assert meta.conversion.base == 0.0878
    assert meta.cost_per_lead is not None
    assert meta.cost_per_lead.base == 21.98


def test_a_region_falls_back_on_the_global_figures() -> None:
    data = load_assumptions()
    china = data.figure("search_ads", lambda f: f.cpc, "china")
    assert china is not None
    assert china.unit == "CNY"
    conversion = data.figure("search_ads", lambda f: f.conversion, "china")
    assert conversion is not None
    assert conversion.base == 0.0752
    close = data.figure("search_ads", lambda f: f.close_rate, "china")
    assert close is not None
    assert close.base == 0.05
    assert data.figure("no_such_kind", lambda f: f.cpc, "global") is None


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        (
            "{low: 3, base: 2, high: 4, unit: USD, source: {publisher: P, title: T}, year: 2024, verified: true}",
            "in order",
        ),
        (
            "{low: 0.5, base: 1, high: 2, unit: share, source: {publisher: P, title: T}, year: 2024, verified: true}",
            "more than 1",
        ),
        ("{low: 1, base: 2, high: 4, unit: USD, year: 2024, verified: true}", "source"),
        (
            "{low: 1, base: 2, high: 4, unit: USD, source: {publisher: P, title: T}, verified: true}",
            "year",
        ),
    ],
)
def test_a_bad_figure_is_refused(figure: str, message: str) -> None:
    text = f"""
version: 1
kinds:
  k:
    label: K
    reach: paid_click
    outcome: orders
    own_conversion: false
    regions: {{global: {{cpc: {figure}}}}}
"""
    with pytest.raises(pydantic.ValidationError, match=message):
        parse_assumptions(text)


def test_the_data_file_ships_inside_the_package() -> None:
    """hatch's wheel target packs the whole wizard/ folder, data files included."""
    assert DATA.is_file()
    pyproject = (DATA.parents[3] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["wizard"]' in pyproject


def _channel_choices() -> list[tuple[str, str, str | None]]:
    banks = [("core", load_bank())]
    banks += [(p.name, load_bank(pack=p)) for p in sorted(packs_dir().iterdir()) if p.is_dir()]
    found: list[tuple[str, str, str | None]] = []
    for name, bank in banks:
        questions: list[Question] = [q for s in bank.stages for q in s.questions]
        lists = [q for q in questions if q.role == "channel.list"]
        assert len(lists) == 1, name
        found += [(name, c.value, c.forecast) for c in getattr(lists[0], "choices", [])]
    return found


def test_every_forecast_kind_named_by_a_bank_has_figures() -> None:
    kinds = load_assumptions().kinds
    choices = _channel_choices()
    named = [(bank, value, kind) for bank, value, kind in choices if kind]
    assert len(named) >= 23
    assert [(b, v, k) for b, v, k in named if k not in kinds] == []
    # Each bank's channel list names at least three kinds.
    for bank in {b for b, _v, _k in choices}:
        assert len({k for b, _v, k in named if b == bank}) >= 3, bank


def test_the_new_kinds_are_named_by_the_packs() -> None:
    """Events, referrals, review sites, group-buy, messaging and creators each serve a choice."""
    named = {k for _b, _v, k in _channel_choices() if k}
    assert {"events", "referral", "review_listing", "group_buy", "messaging", "influencer"} <= named
