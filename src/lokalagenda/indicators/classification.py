"""Human labels for the codes of the KS SDG taxonomy's classification of indicators, in nb, nn and en.

The catalogue stores the codes as the KS/Arkitektum taxonomy gives them (``Class_1``, ``City-level``,
``3-Output``, ``People;Planet``): the concept schemes published by KS on data.norge.no
(``https://data.norge.no/vocabulary/indicator/quality``, ``…/Levelofgeography``, ``…/Evaluation``,
``…/triplebottomline``, ``…/developmentsector``), read from Arkitektum/b-rekraftsindikatorer. The schemes label
the codes in English only, and quality class only as "Class 1"/"Klasse 1"; the words here follow their labels
and definitions (quality: "how well suited or usable the indicator is for the stated targets", class 1 a close
match of the UN's tier I, classes 2 and 3 related to tiers II and III). A value can hold several codes separated
by ``;``; a code not listed here is shown with its underscores as spaces.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

LABELS: dict[str, dict[str, Promise]] = {
    "quality_class": {
        "Class_1": _("Class 1: well suited (like the UN's tier I)"),
        "Class_2": _("Class 2: partly suited (like the UN's tier II)"),
        "Class_3": _("Class 3: less suited (like the UN's tiers II–III)"),
    },
    "level_of_geography": {
        "National-level": _("National level"),
        "county-level": _("Fylke (regional) level"),
        "City-level": _("Kommune or city level"),
        "Municipal-level": _("Kommune level"),
        "District-level": _("District level (part of a kommune)"),
    },
    "evaluation_level": {
        "1-Input": _("Input (resources)"),
        "2-Process": _("Activities"),
        "3-Output": _("Output (services delivered)"),
        "4-Outcome": _("Outcome (effect for users)"),
        "5-Impact": _("Impact (effect on society)"),
    },
    "triple_bottom_line": {
        "People": _("People"),
        "Planet": _("Planet"),
        "Prosperity": _("Prosperity"),
    },
    "development_sector": {
        "Built_environment": _("Built environment"),
        "Childhood_and_education": _("Childhood and education"),
        "Culture": _("Culture"),
        "Digitalisation": _("Digitalisation"),
        "Economy": _("Economy"),
        "Energy": _("Energy"),
        "Governance_and_citizen_engagement": _("Governance and citizen engagement"),
        "Health_and_social_services_and_welfare": _("Health, social services and welfare"),
        "Industry": _("Industry"),
        "Natural_environment": _("Natural environment"),
        "Safety_and_preparedness": _("Safety and preparedness"),
        "Transport": _("Transport"),
        "Water_and_waste": _("Water and waste"),
        "Work_and_employment": _("Work and employment"),
    },
    "periodicity": {
        "Daily": _("Daily"),
        "Monthly": _("Monthly"),
        "Quarterly": _("Quarterly"),
        "Half year": _("Every half year"),
        "Yearly": _("Yearly"),
        "Every other year": _("Every other year"),
        "Other": _("Other"),
    },
}


def _code_label(field: str, code: str) -> str:
    known = LABELS.get(field, {}).get(code)
    if known is not None:
        return str(known)
    if field == "periodicity" and code.isdigit():  # KS gives some periodicities in months
        months = int(code)
        return ngettext("Every %(months)s month", "Every %(months)s months", months) % {"months": months}
    return code.replace("_", " ")


def label(field: str, value: str) -> str:
    """The label of a stored classification value in the active language; several codes are joined by commas."""
    return ", ".join(_code_label(field, code.strip()) for code in value.split(";") if code.strip())


def choices(field: str, values: list[str]) -> list[tuple[str, str]]:
    """Filter choices for stored values of ``field``: each value with its label, in the values' order."""
    return [(value, label(field, value)) for value in values]
