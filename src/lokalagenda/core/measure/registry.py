"""Measurement methods by name: each method module registers its entry points, callers pick one by name.

>>> from lokalagenda.core.measure import registry
>>> sorted(method.name for method in registry.methods())[:2]
['key_result_progress', 'oecd_goal_distance']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from lokalagenda.core.measure.results import MeasurementError, MethodResult

#: The modules whose methods register themselves when first imported.
BUILTIN_MODULES = (
    "lokalagenda.core.measure.progress",
    "lokalagenda.core.measure.normalise",
    "lokalagenda.core.measure.freshness",
    "lokalagenda.core.measure.distance",
    "lokalagenda.core.measure.keyresults",
    "lokalagenda.core.measure.peers",
    "lokalagenda.core.measure.areas",
    "lokalagenda.core.measure.noise",
    "lokalagenda.core.measure.similarity",
)


@dataclass(frozen=True)
class Method:
    """A registered method: its name, version, a one-line summary, the function that runs it and its display
    name (``title``, English, marked with :func:`~lokalagenda.core.i18n.gettext_noop`; pages translate it)."""

    name: str
    version: str
    summary: str
    function: Callable[..., MethodResult]
    title: str = ""

    def __call__(self, *args: Any, **kwargs: Any) -> MethodResult:
        return self.function(*args, **kwargs)


@dataclass(frozen=True)
class Step:
    """A step of a measurement run that is not called through the registry (peer percentiles, the values of
    fylker and the country) but is recorded in a run's methods like one: its name, version, summary and title."""

    name: str
    version: str
    summary: str
    title: str


_METHODS: dict[str, Method] = {}
_STEPS: dict[str, Step] = {}
F = TypeVar("F", bound=Callable[..., MethodResult])


def register(name: str, version: str, summary: str, *, title: str = "") -> Callable[[F], F]:
    """Function decorator: make ``function`` available as the method ``name`` (at ``version``), shown to
    people as ``title``.

    Raises
    ------
    MeasurementError
        If another function already registered the same name.
    """

    def decorate(function: F) -> F:
        existing = _METHODS.get(name)
        if existing is not None and existing.function is not function:
            raise MeasurementError(f"two measurement methods are named {name!r}")
        _METHODS[name] = Method(name, version, summary, function, title)
        return function

    return decorate


def describe(name: str, version: str, summary: str, *, title: str) -> Step:
    """Record a run step that is not a registered method, so its name has a display title like a method's."""
    return _STEPS.setdefault(name, Step(name, version, summary, title))


def steps() -> list[Step]:
    """Every described run step, sorted by name."""
    _load_builtin_methods()
    return [_STEPS[name] for name in sorted(_STEPS)]


def title(name: str) -> str:
    """The display name (English) of the method or run step ``name``; the name itself when it has none."""
    _load_builtin_methods()
    found = _METHODS.get(name) or _STEPS.get(name)
    return found.title if found is not None and found.title else name


def _load_builtin_methods() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def methods() -> list[Method]:
    """Every registered method, sorted by name."""
    _load_builtin_methods()
    return [_METHODS[name] for name in sorted(_METHODS)]


def method(name: str) -> Method:
    """The method registered as ``name``.

    Raises
    ------
    MeasurementError
        If no method has that name; the message lists the names there are.
    """
    _load_builtin_methods()
    if name not in _METHODS:
        raise MeasurementError(f"unknown measurement method {name!r}; known: {', '.join(sorted(_METHODS))}")
    return _METHODS[name]


def run(name: str, *args: Any, **kwargs: Any) -> MethodResult:
    """Run the method ``name`` with the given arguments."""
    return method(name)(*args, **kwargs)
