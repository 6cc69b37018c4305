"""Benchmark: full-text search over 10,000 practices, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

For each database the script makes a fresh database (a SQLite file in a temporary folder; on PostgreSQL the
database ``bench_practices`` on the server of ``--database-url``, dropped at the end), migrates it, loads the
reference data and generates 10,000 published practices (seed 20261126) from the bokmål SDG target texts of
the bundle (``sdg/targets.csv``) mixed with sentences that use compounds and nynorsk forms, each practice with
1–3 kommuner and 1–4 targets. It then runs the same ≥ 200 queries (single words from the texts, other
inflections, compounds, nynorsk forms and two-word queries) three ways and prints p50/p95 per way:

1. ``search``: the practice library's search (``practices.search.search``, without facets): the matching ids,
   ranked, as the page and the API use them;
2. ``search + facets``: the same with the six facet counts the search page shows;
3. the baseline in the same run: a plain ``LIKE`` scan (``icontains`` on title, summary and description) for
   the query's first word, which finds far less (no inflections, compounds or nynorsk) and reads every row.

Each database runs in its own process (Django is configured once per process). Run with
``LOKALAGENDA_DATA_DIR`` set. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 20261126
PRACTICES = 10_000
EXTRA_SENTENCES = [
    "Kommunen har halvert klimagassutslippene fra egne bygg og kjøretøy.",
    "Utsleppa frå transport gjekk ned etter at bussane vart elektriske.",
    "Matsvinnet i skolekantinene ble redusert med en tredjedel.",
    "Folkehelsearbeidet er forankret i kommuneplanens samfunnsdel.",
    "Vi har ikkje nådd målet, men berekraftsmåla er ein del av planlegginga.",
    "Ladestasjoner for elbiler er bygget ved alle kommunale parkeringsplasser.",
    "Frivillige lag og foreninger var viktige samarbeidspartnere i prosjektet.",
    "Barnehagene bruker lokal mat og mindre plastemballasje.",
    "Sykkelveiene ble utvidet, og flere barn sykler til skolen.",
    "Energieffektiviseringen av skolebyggene sparte kommunen for mye strøm.",
    "Innbyggerne deltok i medvirkningsmøter om arealplanen.",
    "Flomsikringen av sentrum er et samarbeid med fylkeskommunen.",
]
QUERY_FORMS = ["klimagasser", "klimagassutslepp", "utslipp", "utsleppa", "matsvinnet", "folkehelse", "skolekantine",
               "berekraftsmål", "ladestasjonane", "elbilar", "sykkelvei barn", "flomsikring", "plastemballasjen",
               "energieffektivisering", "medverknad", "fattigdommen", "vannforsyning", "likestillinga"]


def _sentences(data_dir: Path) -> list[str]:
    with (data_dir / "sdg" / "targets.csv").open(encoding="utf-8") as file:
        texts = [row["title_nb"] for row in csv.DictReader(file) if row["title_nb"]]
    return texts + EXTRA_SENTENCES


def _queries(sentences: list[str], rng: random.Random, count: int) -> list[str]:
    from lokalagenda.core.search.norwegian import words

    vocabulary = sorted({w for s in sentences for w in words(s) if len(w) >= 5})
    queries = list(QUERY_FORMS)
    while len(queries) < count:
        word = rng.choice(vocabulary)
        shape = rng.random()
        if shape < 0.3:
            word = word + rng.choice(["ene", "en", "er", "ane", "a"])
        elif shape < 0.5:
            word = word + " " + rng.choice(vocabulary)
        queries.append(word)
    return queries


def _generate(sentences: list[str], rng: random.Random) -> int:
    """10,000 published practices with kommuner, targets and search documents, written in bulk."""
    from django.db import connection, transaction

    from lokalagenda.accounts.models import Organisation
    from lokalagenda.core.search.norwegian import index_terms
    from lokalagenda.framework.models import Target
    from lokalagenda.places.models import Kommune
    from lokalagenda.practices.models import Practice, SearchDocument
    from lokalagenda.practices.search import document_text

    organisations = {o.kommune_id: o for o in Organisation.objects.filter(kind="kommune")}
    kommuner = sorted(organisations)
    targets = list(Target.objects.values_list("code", flat=True))
    with transaction.atomic():
        practices = []
        for _ in range(PRACTICES):
            chosen = rng.sample(sentences, 8)
            title = " ".join(chosen[0].split()[: rng.randint(4, 9)]).rstrip(",.")
            practices.append(Practice(
                organisation=organisations[rng.choice(kommuner)], title=title[:200], summary=" ".join(chosen[1:3]),
                body="\n\n".join(chosen[3:]), start_year=rng.randint(2012, 2025), status="published",
                themes=rng.sample(["klima", "transport", "helse", "skole", "natur", "energi", "mat"], 2)))
        Practice.objects.bulk_create(practices, batch_size=1000)
        through_k, through_t = Practice.kommuner.through, Practice.targets.through
        through_k.objects.bulk_create([through_k(practice_id=p.pk, kommune_id=k) for p in practices
                                       for k in {p.organisation.kommune_id, *rng.sample(kommuner, rng.randint(0, 2))}],
                                      batch_size=5000)
        through_t.objects.bulk_create([through_t(practice_id=p.pk, target_id=t) for p in practices
                                       for t in rng.sample(targets, rng.randint(1, 4))], batch_size=5000)
        documents = [SearchDocument(practice=p, document=" ".join(index_terms(document_text(p))),
                                    text=document_text(p)) for p in practices]
        SearchDocument.objects.bulk_create(documents, batch_size=1000)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany("INSERT INTO practices_fts (rowid, document) VALUES (%s, %s)",
                                   [(d.practice_id, d.document) for d in documents])
    assert Kommune.objects.exists()
    return len(practices)


def _time(function, queries: list[str]) -> tuple[list[float], int]:
    latencies, hits = [], 0
    for query in queries:
        start = time.perf_counter()
        hits += function(query)
        latencies.append(time.perf_counter() - start)
    return latencies, hits


def _summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {"p50": statistics.median(ordered) * 1000, "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000}


def worker(data_dir: Path, queries_count: int) -> dict:
    """Runs in a process whose DATABASE_URL names the database to measure."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.test")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from lokalagenda.core.datadir import DataDirectory
    from lokalagenda.practices.models import Practice
    from lokalagenda.practices.search import search
    from lokalagenda.reference.services import load_reference

    call_command("migrate", verbosity=0)
    load_reference(DataDirectory(data_dir))
    rng = random.Random(SEED)
    sentences = _sentences(data_dir)
    start = time.perf_counter()
    generated = _generate(sentences, rng)
    generate_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    queries = _queries(sentences, rng, queries_count)
    published = Practice.objects.published()

    def like(query: str) -> int:
        word = query.split()[0]
        return len(published.filter(Q(title__icontains=word) | Q(summary__icontains=word)
                                    | Q(body__icontains=word)).values_list("id", flat=True))

    _time(lambda q: len(search(published, q, with_facets=False).ids), queries[:20])  # warm-up
    results = {}
    for name, function in (("search", lambda q: len(search(published, q, with_facets=False).ids)),
                           ("search + facets", lambda q: len(search(published, q).ids)),
                           ("LIKE scan (baseline)", like)):
        latencies, hits = _time(function, queries)
        results[name] = {**_summary(latencies), "mean_hits": hits / len(queries)}
    return {"vendor": connection.vendor, "practices": generated, "queries": len(queries),
            "generate_seconds": generate_seconds, "results": results}


def _run(database_url: str, data_dir: Path, queries: int) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "LOKALAGENDA_DATA_DIR": str(data_dir)}
    output = subprocess.run([sys.executable, __file__, "--worker", "--queries", str(queries)], env=env,
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _report(report: dict) -> None:
    print(f"\n{report['vendor']}: {report['practices']:,} practices (generated in {report['generate_seconds']:.1f} s),"
          f" {report['queries']} queries")
    baseline = report["results"]["LIKE scan (baseline)"]["p95"]
    for name, row in report["results"].items():
        print(f"  {name:22} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms  ({row['p95'] / baseline:.2f}× the "
              f"baseline p95)  mean hits {row['mean_hits']:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL; bench_practices is made there and dropped")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    data_dir = Path(os.environ["LOKALAGENDA_DATA_DIR"])
    if arguments.worker:
        print(json.dumps(worker(data_dir, arguments.queries)))
        return
    with tempfile.TemporaryDirectory() as folder:
        _report(_run(f"sqlite:///{folder}/bench.sqlite3", data_dir, arguments.queries))
    if arguments.database_url:
        import psycopg

        url = arguments.database_url.rsplit("/", 1)[0] + "/bench_practices"
        with psycopg.connect(arguments.database_url, autocommit=True) as connection:
            connection.execute('DROP DATABASE IF EXISTS "bench_practices" WITH (FORCE)')
            connection.execute('CREATE DATABASE "bench_practices"')
        try:
            _report(_run(url, data_dir, arguments.queries))
        finally:
            with psycopg.connect(arguments.database_url, autocommit=True) as connection:
                connection.execute('DROP DATABASE IF EXISTS "bench_practices" WITH (FORCE)')


if __name__ == "__main__":
    main()
