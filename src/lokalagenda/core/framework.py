"""The global SDG framework as typed values: goal, target and indicator codes, and multilingual titles.

Codes are hierarchical (goal → target → indicator) in the manner of SDMX item ids: a target code knows its
goal, an indicator code knows its target. Parse codes once at the edge with ``parse``; never split strings
ad hoc elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import total_ordering
from types import MappingProxyType

from lokalagenda.core.errors import InvalidCode

#: The interface languages, in fallback order: nynorsk falls back to bokmål, bokmål to English.
LANGUAGES = ("nb", "nn", "en")
FALLBACKS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"nb": ("nb", "en"), "nn": ("nn", "nb", "en"), "en": ("en", "nb")}
)

#: The SDG goals are numbered FIRST_GOAL to LAST_GOAL.
FIRST_GOAL, LAST_GOAL = 1, 17

_TARGET_RE = re.compile(r"^(\d{1,2})\.([1-9]\d?|[a-z])$")
_INDICATOR_RE = re.compile(r"^(\d{1,2})\.([1-9]\d?|[a-z])\.(\d{1,2})$")


@total_ordering
@dataclass(frozen=True)
class GoalCode:
    """One of the 17 Sustainable Development Goals."""

    number: int

    def __post_init__(self) -> None:
        if not FIRST_GOAL <= self.number <= LAST_GOAL:
            raise InvalidCode(f"SDG goal must be {FIRST_GOAL}–{LAST_GOAL}, not {self.number}")

    @classmethod
    def parse(cls, text: str) -> GoalCode:
        """Read a goal code such as ``"7"``."""
        if not text.strip().isdigit():
            raise InvalidCode(f"not an SDG goal number: {text!r}")
        return cls(int(text))

    def __str__(self) -> str:
        return str(self.number)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, GoalCode):
            return NotImplemented
        return self.number < other.number


def _target_sort_key(suffix: str) -> tuple[int, int | str]:
    # Numbered targets (outcomes) come before lettered ones (means of implementation), as the UN lists them.
    return (0, int(suffix)) if suffix.isdigit() else (1, suffix)


@total_ordering
@dataclass(frozen=True)
class TargetCode:
    """An SDG target, e.g. ``11.6`` (an outcome target) or ``11.a`` (a means of implementation)."""

    goal: GoalCode
    suffix: str

    @classmethod
    def parse(cls, text: str) -> TargetCode:
        """Read a target code such as ``"11.6"`` or ``"1.a"``."""
        match = _TARGET_RE.match(text.strip())
        if not match:
            raise InvalidCode(f"not an SDG target code: {text!r} (expected e.g. 11.6 or 1.a)")
        return cls(GoalCode(int(match.group(1))), match.group(2))

    @property
    def is_means_of_implementation(self) -> bool:
        """True for the lettered targets (``x.a``, ``x.b`` …)."""
        return not self.suffix.isdigit()

    def __str__(self) -> str:
        return f"{self.goal}.{self.suffix}"

    def sort_key(self) -> tuple[int, tuple[int, int | str]]:
        """A key that sorts targets as the UN lists them (1.1 … 1.5, 1.a, 1.b, 2.1 …)."""
        return (self.goal.number, _target_sort_key(self.suffix))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TargetCode):
            return NotImplemented
        return self.sort_key() < other.sort_key()


@total_ordering
@dataclass(frozen=True)
class IndicatorCode:
    """A global SDG indicator, e.g. ``11.6.1``."""

    target: TargetCode
    number: int

    @classmethod
    def parse(cls, text: str) -> IndicatorCode:
        """Read an indicator code such as ``"11.6.1"``."""
        match = _INDICATOR_RE.match(text.strip())
        if not match:
            raise InvalidCode(f"not an SDG indicator code: {text!r} (expected e.g. 11.6.1)")
        target = TargetCode(GoalCode(int(match.group(1))), match.group(2))
        return cls(target, int(match.group(3)))

    @property
    def goal(self) -> GoalCode:
        return self.target.goal

    def __str__(self) -> str:
        return f"{self.target}.{self.number}"

    def sort_key(self) -> tuple[int, tuple[int, int | str], int]:
        """A key that sorts indicators in the UN order."""
        return (*self.target.sort_key(), self.number)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, IndicatorCode):
            return NotImplemented
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class MultilingualText:
    """A text in several languages; ``get`` falls back along ``FALLBACKS`` when a language is missing."""

    texts: Mapping[str, str] = field(default_factory=dict)

    def get(self, language: str) -> str:
        """The text in ``language``, else in the first fallback language that has one, else ``""``."""
        for candidate in FALLBACKS.get(language, (language, "en")):
            value = self.texts.get(candidate, "")
            if value:
                return value
        return ""

    def language_of(self, language: str) -> str | None:
        """Which language ``get(language)`` actually returns, or ``None`` when there is no text at all."""
        for candidate in FALLBACKS.get(language, (language, "en")):
            if self.texts.get(candidate):
                return candidate
        return None


#: The official colours of the 17 goals (UN SDG communication guidelines).
GOAL_COLOURS: Mapping[int, str] = MappingProxyType({
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
})
