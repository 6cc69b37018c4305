"""Which indicators are a share or a rate of a known population, and of which: what the noise method
(:mod:`lokalagenda.core.measure.noise`) needs to put an interval around a value.

The catalogue has no denominator field, so the denominator is named here, per indicator, from the indicator's
own definition (the catalogue's ``definition_en`` or the bundle's catalogue name), and is always a column of the
population table (SSB table 07459, residents on 1 January, as ``places.KommunePopulation`` stores it):
``total``, ``age_0_17``, ``age_67_plus`` or ``age_80_plus``. Where the definition's population is not a column
(one year's cohort of children, persons in private households), the nearest column stands in, scaled by
``factor`` and marked ``estimated``; a value that is an average over several years (``pooled_years``) counts
the events of all of them. Indicators not listed get no interval and their trend stays as the SDSN method says.

Left out on purpose: mortality rates (FHI's standard measure may be age-standardised, whose interval needs the
age-specific counts), election turnout (the electorate is not in the population table), and shares whose
population is not residents (cars, pupils of a grade, the labour force).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

SHARE, RATE = "share", "rate"
#: The population table's columns a denominator can name (``places.KommunePopulation``).
POPULATION_COLUMNS = ("total", "age_0_17", "age_67_plus", "age_80_plus")
#: One year's cohort of children as a share of the residents aged 0–17 (18 cohorts).
ONE_COHORT = 1 / 18


@dataclass(frozen=True)
class Denominator:
    """A value is ``kind`` (``share``: per cent of n; ``rate``: events per ``per`` of n) of the population
    ``n = population × factor × pooled_years``; ``estimated`` says the population stands in for the one the
    definition names."""

    kind: str
    population: str = "total"
    per: float = 100.0
    factor: float = 1.0
    pooled_years: int = 1
    estimated: bool = False

    def as_parameters(self) -> dict[str, Any]:
        """The plain values a run stores."""
        return asdict(self)


_RESIDENTS = Denominator(SHARE)
_CHILDREN = Denominator(SHARE, "age_0_17")
_IN_HOUSEHOLDS = Denominator(SHARE, estimated=True)  # persons in private households ≈ residents
_CHILDREN_IN_HOUSEHOLDS = Denominator(SHARE, "age_0_17", estimated=True)
_VACCINATION_COHORT = Denominator(SHARE, "age_0_17", factor=ONE_COHORT, pooled_years=5, estimated=True)

#: Indicator id → its denominator, each from the indicator's definition (quoted in the comment).
DENOMINATORS: Mapping[str, Denominator] = {
    # Bundle (data/indicators/catalog.csv): "Share of population aged 0-17" and the like, of SSB 07459 itself.
    "POP_SHARE_0_17": _RESIDENTS,
    "POP_SHARE_67PLUS": _RESIDENTS,
    "POP_SHARE_80PLUS": _RESIDENTS,
    # "Vaccination coverage at age 2 / 16 (5-year average)": five cohorts of one year's children.
    "VAX_MEASLES_AGE2": _VACCINATION_COHORT,
    "VAX_DIPHTHERIA_AGE2": _VACCINATION_COHORT,
    "VAX_MEASLES_AGE16": _VACCINATION_COHORT,
    # "HPV vaccination coverage, girls aged 16 (5-year average)": half a cohort.
    "VAX_HPV_GIRLS_AGE16": Denominator(SHARE, "age_0_17", factor=ONE_COHORT / 2, pooled_years=5, estimated=True),
    # Bundle outcomes: "Share of residents in households with persistent low income" (a three-year measure).
    "PERSISTENT_LOW_INCOME_SHARE": _IN_HOUSEHOLDS,
    "CROWDED_HOUSING_SHARE": _IN_HOUSEHOLDS,
    # Core set: "persons in private households …", "persons under 18 …", "… as a percentage of residents aged
    # 0–17", "recipients … per 1,000 inhabitants", "offences … per 1,000 inhabitants, two-year average".
    "LOW_INCOME_PERSISTENT_EU60_PCT": _IN_HOUSEHOLDS,
    "LOW_INCOME_EU60_PCT": _IN_HOUSEHOLDS,
    "LOW_INCOME_PERSISTENT_LOCAL_SHARE": _IN_HOUSEHOLDS,
    "CROWDED_HOUSING_SHARE_ALL_AGES": _IN_HOUSEHOLDS,
    "CHILD_LOW_INCOME_EU60_PCT": _CHILDREN_IN_HOUSEHOLDS,
    "CHILDREN_CROWDED_HOUSING_PCT": _CHILDREN_IN_HOUSEHOLDS,
    "CHILD_WELFARE_MEASURES_SHARE_0_17": _CHILDREN,
    "CHILD_WELFARE_INVESTIGATION_SHARE_0_17": _CHILDREN,
    "CHILD_WELFARE_PLACED_SHARE_0_17": _CHILDREN,
    "SOCIAL_ASSISTANCE_RECIPIENTS_RATE": Denominator(RATE, per=1000.0),
    "CRIME_REPORTED_PER_1000": Denominator(RATE, per=1000.0, pooled_years=2),
}
