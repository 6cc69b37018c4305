"""``make bench`` runs every benchmark or says why it does not, and benchmarks/README.md describes each one: a new
script in benchmarks/ that neither names fails here, so no benchmark is forgotten."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = sorted(path.name for path in (ROOT / "benchmarks").glob("*.py"))


def _bench_recipe() -> str:
    """The ``bench`` target's recipe: its tab-indented lines up to the next rule or blank line."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^bench:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert match, "the Makefile has no bench target"
    return match.group(1)


def test_make_bench_names_every_benchmark_script():
    recipe = _bench_recipe()
    assert BENCHMARKS, "no scripts in benchmarks/"
    assert [name for name in BENCHMARKS if name not in recipe] == []


def test_every_benchmark_script_is_described_in_the_benchmarks_readme():
    readme = (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert [name for name in BENCHMARKS if name not in readme] == []
