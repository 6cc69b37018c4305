"""Full-text search of practices with facets, the same on SQLite (FTS5) and PostgreSQL (tsvector).

The shared normaliser (``lokalagenda.core.search.norwegian``) makes the terms of every practice and the
patterns of every query; each database only matches terms against patterns, so both return the same
practices. Ranking uses each database's own measure (FTS5's bm25, PostgreSQL's ts_rank with its
``norwegian`` configuration); only the order of equally good hits may differ between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, Max, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lokalagenda.core.search.norwegian import Pattern, Query, highlight, index_terms, parse_query
from lokalagenda.measurement.peers import SIZE_CLASSES, size_class
from lokalagenda.places.models import Kommune, KommunePopulation
from lokalagenda.practices.models import Practice, SearchDocument


@dataclass(frozen=True)
class Filters:
    """The facet values a search is narrowed to; None means any."""

    goal: int | None = None
    target: str | None = None
    fylke: str | None = None
    size: str | None = None
    partner_kind: str | None = None
    year: int | None = None


@dataclass
class SearchResult:
    query: Query
    ids: list[int]
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.ids)


# --- the index -------------------------------------------------------------------------------------------

def document_text(practice: Practice) -> str:
    """What is searched: title, summary, description and themes."""
    return "\n".join([practice.title, practice.summary, practice.body, " ".join(practice.themes or [])])


def index(practice: Practice) -> None:
    """Writes the practice's search terms (and, on SQLite, its FTS5 row). Called by every service that
    saves a practice."""
    text = document_text(practice)
    document = " ".join(index_terms(text))
    SearchDocument.objects.update_or_create(practice=practice, defaults={"document": document, "text": text})
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice.pk])
            cursor.execute("INSERT INTO practices_fts (rowid, document) VALUES (%s, %s)", [practice.pk, document])


def unindex(practice_id: int) -> None:
    """Removes a deleted practice from the FTS5 table (the search document goes with the practice)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice_id])


# --- queries per database --------------------------------------------------------------------------------

def _fts5(pattern: Pattern) -> str:
    return f'"{pattern.term}"' + ("*" if pattern.prefix else "")


def _tsquery(pattern: Pattern) -> str:
    return f"'{pattern.term}'" + (":*" if pattern.prefix else "")


def match_expression(query: Query, vendor: str) -> str:
    """The query in the database's syntax: terms AND-ed, each an OR of its alternatives.

    Terms are letters only (the normaliser makes them), so quoting them is enough.
    """
    single, conj, disj = (_fts5, " AND ", " OR ") if vendor == "sqlite" else (_tsquery, " & ", " | ")
    terms = []
    for term in query.terms:
        alternatives = ["(" + conj.join(single(p) for p in group) + ")" for group in term.alternatives]
        terms.append("(" + disj.join(alternatives) + ")")
    return conj.join(terms)


def _match_sql(query: Query) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the practices whose terms match ``query``."""
    expression = match_expression(query, connection.vendor)
    if connection.vendor == "sqlite":
        return "SELECT rowid FROM practices_fts WHERE practices_fts MATCH %s", [expression]
    return "SELECT practice_id FROM practices_searchdocument WHERE terms @@ %s::tsquery", [expression]


def _ranked_ids(query: Query, text: str, selected: QuerySet[Practice]) -> list[int]:
    """The ids of the matching practices among ``selected``, best first, in one query."""
    expression = match_expression(query, connection.vendor)
    try:
        among, among_params = selected.order_by().values("id").query.sql_with_params()
    except EmptyResultSet:  # the filters alone rule out every practice (e.g. an out-of-range number)
        return []
    if connection.vendor == "sqlite":
        # The hits first: asked together, SQLite may run the FTS5 match once per visible practice.
        sql = (f"WITH hits AS MATERIALIZED (SELECT rowid AS id, -bm25(practices_fts) AS rank FROM practices_fts"
               f" WHERE practices_fts MATCH %s) SELECT id, rank FROM hits WHERE id IN ({among})")
        params = [expression, *among_params]
    else:
        # The hits first (GIN), then who may see them. PostgreSQL's planner does not count the cost of reading
        # the (TOASTed) tsvector of every row, so left alone it prefers a scan of the whole table: 10× slower.
        sql = (f"WITH hits AS MATERIALIZED (SELECT practice_id, norwegian FROM practices_searchdocument"
               f" WHERE terms @@ %s::tsquery) SELECT practice_id, ts_rank(norwegian, plainto_tsquery('norwegian',"
               f" %s)) FROM hits WHERE practice_id IN ({among})")
        params = [expression, text, *among_params]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if connection.vendor == "postgresql":
            cursor.execute("RESET enable_seqscan")  # the rest of an outer transaction plans as usual
    rows.sort(key=lambda row: (-row[1], row[0]))
    return [row[0] for row in rows]


# --- search and facets -----------------------------------------------------------------------------------

_SIZES: dict[tuple[int, int | None], dict[str, str]] = {}


def size_classes() -> dict[str, str]:
    """Every kommune's size class from its latest population (the peer groups of the measurement app).

    Kept per process while the population table is unchanged (its row count and latest year say so).
    """
    version = KommunePopulation.objects.aggregate(n=Count("id"), year=Max("year"))
    key = (version["n"], version["year"])
    if key not in _SIZES:
        _SIZES.clear()
        _SIZES[key] = _size_classes()
    return _SIZES[key]


def _size_classes() -> dict[str, str]:
    latest: dict[str, tuple[int, int]] = {}
    for kommune, year, total in KommunePopulation.objects.values_list("kommune_id", "year", "total"):
        if kommune not in latest or year > latest[kommune][0]:
            latest[kommune] = (year, total)
    return {number: size_class(latest.get(number, (0, 0))[1]) for number in Kommune.objects.values_list(
        "number", flat=True)}


def filtered(practices: QuerySet[Practice], filters: Filters, sizes: dict[str, str] | None = None
             ) -> QuerySet[Practice]:
    """Narrows ``practices`` to the chosen facet values."""
    lookups: dict[str, Any] = {"targets__goal": filters.goal, "targets": filters.target,
                               "kommuner__fylke": filters.fylke, "partners__kind": filters.partner_kind,
                               "start_year": filters.year}
    for lookup, value in lookups.items():
        if value not in (None, ""):
            practices = practices.filter(**{lookup: value})
    if filters.size:
        sizes = size_classes() if sizes is None else sizes
        practices = practices.filter(kommuner__in=[k for k, s in sizes.items() if s == filters.size])
    return practices


def search(practices: QuerySet[Practice], text: str = "", filters: Filters | None = None, *,
           with_facets: bool = True) -> SearchResult:
    """The practices among ``practices`` (already scoped to what the user may see) that match ``text`` and the
    filters, best first, with facet counts over the matches."""
    query = parse_query(text)
    sizes = size_classes() if with_facets or (filters and filters.size) else {}
    selected = filtered(practices, filters or Filters(), sizes)
    if query:
        ids = _ranked_ids(query, text, selected)
    else:
        ids = list(Practice.objects.filter(id__in=selected.values("id")).values_list("id", flat=True))
    result = SearchResult(query=query, ids=ids)
    if with_facets and ids:
        result.facets = facets(_hits(query, selected, ids), sizes)
    return result


def _hits(query: Query, selected: QuerySet[Practice], ids: list[int]) -> QuerySet[Any]:
    """The ids of the hits as a subquery: the FTS5 match again on SQLite (fast), the ids found as one array
    parameter on PostgreSQL (matching again would read every tsvector, see ``_ranked_ids``)."""
    if not query:
        return selected.order_by().values("id")
    if connection.vendor == "postgresql":
        return Practice.objects.filter(id__in=RawSQL("SELECT unnest(%s::bigint[])", [ids])).values("id")
    sql, params = _match_sql(query)
    return selected.filter(id__in=RawSQL(sql, params)).order_by().values("id")


def facets(hits: QuerySet[Any], sizes: dict[str, str]) -> dict[str, list[tuple[Any, int]]]:
    """How many of the practices ``hits`` (a subquery of ids) have each goal, target, fylke, size class,
    partner kind and start year. Counted in the database, each practice once per value; size classes are
    not stored, so those are counted here from (practice, kommune) pairs."""
    targets = Practice.targets.through.objects.filter(practice_id__in=hits)
    kommuner = Practice.kommuner.through.objects.filter(practice_id__in=hits)
    partners = Practice.partners.through.objects.filter(practice_id__in=hits)
    by_size: dict[str, set[int]] = {}
    for pk, kommune in kommuner.values_list("practice_id", "kommune_id"):
        by_size.setdefault(sizes.get(kommune, ""), set()).add(pk)
    years = Practice.objects.filter(id__in=hits).values_list("start_year").annotate(n=Count("id")).order_by()
    return {
        "goal": _grouped(targets, "target__goal_id"), "target": _grouped(targets, "target_id"),
        "fylke": _grouped(kommuner, "kommune__fylke_id"),
        "size": [(size, len(by_size[size])) for size in SIZE_CLASSES if size in by_size],
        "partner_kind": _grouped(partners, "partner__kind"), "year": sorted(years, reverse=True),
    }


def _grouped(rows: QuerySet[Any], field: str) -> list[tuple[Any, int]]:
    counted = rows.values_list(field).annotate(n=Count("practice_id", distinct=True)).order_by(field)
    return [(value, n) for value, n in counted]


def highlighted(text: str, query: Query) -> SafeString:
    """``text`` escaped, with the words that match the query in ``<mark>``."""
    if not query:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    pieces = [f"<mark>{escape(piece)}</mark>" if marked else escape(piece) for piece, marked in highlight(text, query)]
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped
