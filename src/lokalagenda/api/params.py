"""The bounded values the API takes, in paths, queries and bodies: out of bounds is a 422 that names the field,
never a 500 and never a stored row.

PostgreSQL refuses an integer beyond its column's range (SQLite one beyond 64 bits, Python an int made from a float
like 1e30) with an error, so an id, a year or a goal number must be bounded before it reaches a query. A float must
be finite: JSON has no Infinity or NaN, yet Python's parser reads them, and a stored one breaks every JSON answer
that holds it. Text is bounded by the same limit as the form or column it ends up in (``max_length_of``).
"""

from __future__ import annotations

from typing import Annotated

from django.db.models import Model
from ninja import Field, Path, Query

from lokalagenda.core.framework import FIRST_GOAL, LAST_GOAL
from lokalagenda.core.observations import FIRST_YEAR, LAST_YEAR
from lokalagenda.practices.forms import SEARCH_MAX_LENGTH

#: The largest id a ``BigAutoField`` holds.
LARGEST_ID = 2**63 - 1
#: The largest number a ``SmallIntegerField`` holds (PostgreSQL ``smallint``).
LARGEST_SMALL_INTEGER = 2**15 - 1
GOALS = f"SDG goal, {FIRST_GOAL}–{LAST_GOAL}"
YEARS = f"year, {FIRST_YEAR}–{LAST_YEAR}"


def max_length_of(model: type[Model], column: str) -> int:
    """The ``max_length`` of a model's text column, so the API refuses what the form and the database would."""
    length = model._meta.get_field(column).max_length
    if length is None:
        raise ValueError(f"{model.__name__}.{column} has no max_length")
    return length


# In bodies
FiniteFloat = Annotated[float, Field(allow_inf_nan=False, description="A finite number (no NaN or Infinity).")]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description=f"A {YEARS}.")]
GoalNumber = Annotated[int, Field(ge=FIRST_GOAL, le=LAST_GOAL, description=f"An {GOALS}.")]

# In paths
RowId = Annotated[int, Path(ge=1, le=LARGEST_ID, description="The id of the row.")]
#: A goal to look up: 404 when there is no such goal, bounded only by the column.
GoalPath = Annotated[int, Path(ge=0, le=LARGEST_SMALL_INTEGER, description=f"The goal's number (an {GOALS}).")]

# In queries
GoalFilter = Annotated[int | None, Query(ge=FIRST_GOAL, le=LAST_GOAL, description=f"An {GOALS}.")]
YearFilter = Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR, description=f"A {YEARS}.")]
RunFilter = Annotated[int | None, Query(ge=1, le=LARGEST_ID, description="A measurement run's id (default: the "
                                                                         "latest finished complete run).")]
#: A count or offset that a query clamps itself: only bounded to what the database can take.
Bounded = Annotated[int, Query(ge=-LARGEST_ID, le=LARGEST_ID)]
PracticeSearch = Annotated[str, Query(max_length=SEARCH_MAX_LENGTH, description="Words to search for.")]
