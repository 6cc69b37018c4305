"""Bounded path and query parameters: a number the database cannot hold is a 422 that says so, never a 500.

PostgreSQL refuses an integer beyond its column's range (and SQLite one beyond 64 bits) with an error, so an id
or a goal number straight from the URL must be bounded before it reaches a query.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Path, Query

#: The largest id a ``BigAutoField`` holds.
LARGEST_ID = 2**63 - 1

RowId = Annotated[int, Path(ge=1, le=LARGEST_ID, description="The id of the row.")]
GoalFilter = Annotated[int | None, Query(ge=1, le=17, description="An SDG goal, 1–17.")]
YearFilter = Annotated[int | None, Query(ge=1, le=9999, description="A year.")]
#: A count or offset that a query clamps itself: only bounded to what the database can take.
Bounded = Annotated[int, Query(ge=-LARGEST_ID, le=LARGEST_ID)]
