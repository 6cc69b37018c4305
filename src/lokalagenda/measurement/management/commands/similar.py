"""``lokalagenda similar --kommune NR [--top K] [--weight VAR=W …] [--format json|text]``: the kommuner most like
a kommune on the structural variables (method ``similar-kommuner/1``), nearest first."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.measure import similarity as method
from lokalagenda.measurement.similar.service import Twins, twins

#: The errors that are about a ``--weight`` argument.
WEIGHT_ERRORS = ("bad_weight", "unknown_variable", "negative_weight", "no_weight")


class Command(BaseCommand):
    help = (
        "List the kommuner most like a kommune: a weighted distance on standardised structural variables "
        f"({', '.join(method.KEYS)}; population and density as logarithms), each kommune's latest value, "
        "compared on the variables both have. Prints JSON {kommune, variables, weights, similar: [{kommune, name, "
        "distance}]} nearest first (or a table with --format text); never the kommune itself."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ", ".join(f"{key}={weight:g}" for key, weight in method.default_weights().items())
        parser.add_argument("--kommune", required=True, metavar="NR", help="the kommunenummer, e.g. 4601")
        parser.add_argument("--top", type=int, default=method.TOP, metavar="K",
                            help=f"how many kommuner to list (default {method.TOP})")
        parser.add_argument("--weight", action="append", default=[], metavar="VAR=W",
                            help=f"a variable's weight, 0 or more (repeatable; 0 leaves it out). Defaults: {defaults}")
        parser.add_argument("--format", choices=("json", "text"), default="json",
                            help="json (default) or text: one line per kommune")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            overrides = dict(method.parse_weight(text) for text in options["weight"])
            answer = twins(options["kommune"], top=options["top"], overrides=overrides)
        except method.SimilarityError as error:
            where = "--weight: " if error.reason in WEIGHT_ERRORS else ""
            raise CommandError(where + str(error)) from error
        if options["verbosity"] >= 1 and answer.missing:
            self.stderr.write(f"note: kommune {answer.kommune.number} has no value for {', '.join(answer.missing)}; "
                              "its distances use the variables it has")
        if options["format"] == "text":
            self.stdout.write(_text(answer), ending="")
        else:
            self.stdout.write(json.dumps(answer.as_json(), indent=2, ensure_ascii=False))


def _text(answer: Twins) -> str:
    """A heading with the weights, then rank, kommunenummer, name and distance, one kommune a line."""
    weights = ", ".join(f"{key}={weight:g}" for key, weight in answer.weights.items())
    lines = [f"Kommuner most like {answer.kommune.number} {answer.kommune.name} ({method.VERSION}; {weights})"]
    lines += [f"{rank:>3}  {twin.number}  {twin.name:<30} {twin.distance:.3f}"
              for rank, twin in enumerate(answer.twins, start=1)]
    return "\n".join(lines) + "\n"
