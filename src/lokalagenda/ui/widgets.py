"""The picker: one searchable select for every choice among many (targets, kommuner, partners, actions).

The widgets render a plain ``<select>`` marked ``data-picker``; ``static/lokalagenda/picker.js`` turns it into a
WAI-ARIA combobox with a listbox (a multiple select also shows the chosen items as removable tags). Without
JavaScript the select stays as it is: a multiple one is tall (``size``) and carries a hint saying how to choose
more than one. The texts the script shows come from ``picker_texts`` (one JSON block per page, ``web/base.html``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, ngettext

#: Rows a multiple picker shows without JavaScript.
DEFAULT_ROWS = 10


def _picker_attrs(attrs: dict[str, Any] | None) -> dict[str, Any]:
    return {"class": "ds-input", **(attrs or {}), "data-picker": True}


class PickerSelect(forms.Select):
    """A single choice: a searchable combobox with JavaScript, a plain ``<select>`` without."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(_picker_attrs(attrs), choices)


class PickerSelectMultiple(forms.SelectMultiple):
    """Several choices: a searchable combobox with the chosen items as removable tags; without JavaScript a
    tall ``<select multiple>`` with a hint (``{id}_pickerhint``, added to its ``aria-describedby``).

    ``max_chosen`` (optional) is how many may be chosen; the script offers no more once that many are.
    """

    template_name = "ui/widgets/picker_select_multiple.html"

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = (), *, rows: int = DEFAULT_ROWS,
                 max_chosen: int | None = None) -> None:
        attrs = {"size": rows, **_picker_attrs(attrs)}
        if max_chosen is not None:
            attrs["data-picker-max"] = max_chosen
        super().__init__(attrs, choices)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            hint = f"{widget_attrs['id']}_pickerhint"
            described = widget_attrs.get("aria-describedby", "")
            widget_attrs["aria-describedby"] = f"{described} {hint}".strip()
            context["widget"]["hint_id"] = hint
        return context


def picker_texts() -> dict[str, str]:
    """What picker.js says, in the active language: ``{label}`` and ``{count}`` are filled in by the script.
    Norwegian and English both have one singular form, so a count picks ``*_one`` for 1 and ``*_other`` else."""
    return {
        "remove": gettext("Remove {label}"),
        "added": gettext("{label} added."),
        "removed": gettext("{label} removed."),
        "chosen_one": ngettext("{count} chosen", "{count} chosen", 1),
        "chosen_other": ngettext("{count} chosen", "{count} chosen", 2),
        "results_one": ngettext("{count} match", "{count} matches", 1),
        "results_other": ngettext("{count} match", "{count} matches", 2),
        "no_results": gettext("No matches."),
        "chosen_list": gettext("Chosen: {label}"),
        "search": gettext("Type to search, arrow down to browse."),
        "at_most": gettext("You have chosen as many as you can ({count}). Remove one to choose another."),
        "required": gettext("Choose at least one."),
    }
