"""Benchmark: Norwegian text → SDG targets (``lokalagenda.core.mapping``) against a char n-gram baseline.

1. Leave-one-scheme-out (the measure the engine is tuned on): for each KS scheme with at least 20 labelled
   texts (``leave_one_scheme_out``), the engine is trained on every other scheme (plus the target texts, the UN
   indicator titles and the term lists) and tested on that scheme; every training text that is a near-duplicate
   of a test text (the same title in another scheme, or its translation) is left out. Reported per scheme, and
   as micro averages (over all test texts) and macro averages (over schemes). The baseline, a character n-gram
   (2–4) TF-IDF nearest-neighbour search, is computed on the same folds from the same training texts.
   Measures: target top-1 (the first suggestion is one of the text's targets), target top-5 (one of the first
   five is) and goal top-1 (the first suggestion's goal is one of the text's goals).
2. A random split of the labelled KS texts (``split_texts``: 20 % of the distinct wordings, seed 2030), the
   second line: it flatters, because a scheme's near-identical titles land on both sides.
3. The held-back KS set De-norske-målepunktene, when a file is given with ``--held-back FILE`` (same columns as
   ``frameworks/ks_sdg_taxonomy_indicators.csv``); it is not in the data bundle. Both methods then use all
   labelled texts of the bundle.
4. The time to map a generated 25,000-word Norwegian plan in a fresh process, model loading included (the cache
   in ``--cache-dir`` is built first if needed, as the CLI's first run would).

Run: ``LOKALAGENDA_DATA_DIR=../shared/data .venv/bin/python benchmarks/text_mapping.py``.
Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN_WORDS = 25_000

Ranker = Callable[[Sequence[str]], list[list[str]]]


def char_ngrams(text: str) -> Counter[str]:
    from lokalagenda.core.mapping.text import tokens

    grams: Counter[str] = Counter()
    for word in tokens(text):
        padded = f" {word} "
        for size in (2, 3, 4):
            grams.update(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


class CharNgramNearestNeighbour:
    """The baseline: TF-IDF over character 2–4-grams, cosine similarity, targets of the nearest texts in order."""

    def __init__(self, texts: Sequence[str], targets: Sequence[Sequence[str]]) -> None:
        self.targets = [list(t) for t in targets]
        counts = [char_ngrams(text) for text in texts]
        document_frequency: Counter[str] = Counter(gram for c in counts for gram in c)
        self.idf = {gram: math.log((1 + len(texts)) / (1 + df)) + 1 for gram, df in document_frequency.items()}
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for row, vector in enumerate(self._vectors(counts)):
            for gram, value in vector.items():
                self.postings.setdefault(gram, []).append((row, value))

    def _vectors(self, counts: list[Counter[str]]) -> list[dict[str, float]]:
        vectors = []
        for c in counts:
            vector = {g: (1 + math.log(n)) * self.idf[g] for g, n in c.items() if g in self.idf}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            vectors.append({g: v / norm for g, v in vector.items()})
        return vectors

    def rank(self, texts: Sequence[str]) -> list[list[str]]:
        ranked = []
        for vector in self._vectors([char_ngrams(text) for text in texts]):
            similarity: Counter[int] = Counter()
            for gram, value in vector.items():
                for row, weight in self.postings.get(gram, ()):
                    similarity[row] += value * weight
            order: list[str] = []
            for row, _ in similarity.most_common():
                order.extend(t for t in self.targets[row] if t not in order)
                if len(order) >= 5:
                    break
            ranked.append(order[:5])
        return ranked


MEASURES = ("target top-1", "target top-5", "goal top-1")
ENGINE = "engine"
BASELINE = "baseline: char 2-4-gram TF-IDF 1-NN"


def hits(rank: Ranker, texts: Sequence[tuple[str, tuple[str, ...]]]) -> list[int]:
    """How many texts are hits by each of :data:`MEASURES`."""
    ranked = rank([text for text, _ in texts])
    top1 = top5 = goal1 = 0
    for (_, gold), suggestions in zip(texts, ranked, strict=True):
        gold_goals = {t.split(".")[0] for t in gold}
        top1 += bool(suggestions) and suggestions[0] in gold
        top5 += any(s in gold for s in suggestions[:5])
        goal1 += bool(suggestions) and suggestions[0].split(".")[0] in gold_goals
    return [top1, top5, goal1]


def rates(counts: Sequence[float], n: int) -> dict[str, float]:
    return {measure: count / n for measure, count in zip(MEASURES, counts, strict=True)}


def engine_ranker(suggester) -> Ranker:  # type: ignore[no-untyped-def]
    return lambda texts: [[s.target for s in result] for result in suggester.suggest_many(list(texts), top=5)]


def print_table(title: str, n: int, results: dict[str, dict[str, float]]) -> None:
    print(f"\n{title} ({n} texts)")
    print(f"{'method':<44} {'target top-1':>12} {'target top-5':>12} {'goal top-1':>10}")
    for name, r in results.items():
        print(f"{name:<44} {r['target top-1']:>12.3f} {r['target top-5']:>12.3f} {r['goal top-1']:>10.3f}")


class StoredEncoder:
    """The engine's encoder, each text embedded once and kept in the cache folder's store (the folds share it)."""

    def __init__(self, cache_dir: Path) -> None:
        from lokalagenda.core.mapping.model import E5Encoder, EmbeddingStore

        self.store = EmbeddingStore(E5Encoder(), cache_dir)
        self.name = self.store.encoder.name

    def encode(self, texts: Sequence[str]):  # type: ignore[no-untyped-def]
        return self.store.embed(texts)


def both_methods(data_dir: Path, train, test, *, cache_dir: Path | None, encoder) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    """Train the engine and the baseline on ``train`` (less near-duplicates of ``test``) and count their hits."""
    from lokalagenda.core.mapping import TargetSuggester
    from lokalagenda.core.mapping.examples import read_target_texts, without_near_duplicates

    held_out = [t.text for t in test]
    suggester = TargetSuggester.load(data_dir, cache_dir, examples=train, held_out=held_out, encoder=encoder)
    known = without_near_duplicates([*train, *read_target_texts(data_dir / "sdg" / "targets.csv")], held_out)
    baseline = CharNgramNearestNeighbour([t.text for t in known], [t.targets for t in known])
    pairs = [(t.text, t.targets) for t in test]
    return {ENGINE: hits(engine_ranker(suggester), pairs), BASELINE: hits(baseline.rank, pairs)}


def compare(data_dir: Path, cache_dir: Path, train, test, title: str) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    counts = both_methods(data_dir, train, test, cache_dir=cache_dir, encoder=None)
    print(f"trained and evaluated in {time.perf_counter() - start:.1f} s")
    print_table(title, len(test), {name: rates(c, len(test)) for name, c in counts.items()})


def leave_one_scheme_out(data_dir: Path, cache_dir: Path, labelled) -> None:  # type: ignore[no-untyped-def]
    """Every fold's rates, then the micro and macro averages of both methods."""
    from lokalagenda.core.mapping.examples import MIN_FOLD_TEXTS
    from lokalagenda.core.mapping.examples import leave_one_scheme_out as folds_of

    folds = folds_of(labelled)
    encoder = StoredEncoder(cache_dir)
    start = time.perf_counter()
    print(f"\nleave-one-scheme-out: {len(folds)} KS schemes with at least {MIN_FOLD_TEXTS} labelled texts")
    print(f"{'test scheme':<52} {'texts':>5} {'train':>5}   engine top-1/top-5/goal-1   baseline top-1/top-5/goal-1")
    totals = {ENGINE: [0, 0, 0], BASELINE: [0, 0, 0]}
    per_fold: dict[str, list[dict[str, float]]] = {ENGINE: [], BASELINE: []}
    for fold in folds:
        counts = both_methods(data_dir, fold.train, fold.test, cache_dir=None, encoder=encoder)
        line = f"{fold.scheme.removeprefix('KS: ')[:52]:<52} {len(fold.test):>5} {len(fold.train):>5}"
        for name, fold_counts in counts.items():
            totals[name] = [a + b for a, b in zip(totals[name], fold_counts, strict=True)]
            per_fold[name].append(rates(fold_counts, len(fold.test)))
            line += "   " + " / ".join(f"{c / len(fold.test):.3f}" for c in fold_counts)
        print(line, flush=True)
    n = sum(len(fold.test) for fold in folds)
    print(f"({len(folds)} folds in {time.perf_counter() - start:.0f} s)")
    results = {}
    for name in (ENGINE, BASELINE):
        results[f"{name}, micro"] = rates(totals[name], n)
        results[f"{name}, macro"] = {m: sum(r[m] for r in per_fold[name]) / len(folds) for m in MEASURES}
    print_table("leave-one-scheme-out", n, results)


def generated_plan(data_dir: Path, words: int = PLAN_WORDS, seed: int = 2030) -> str:
    """A Norwegian 'plan' of real sentences (KS indicator titles and target texts), in paragraphs of six."""
    import csv

    from lokalagenda.core.mapping.examples import read_ks_texts

    ks = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    sentences = [t.text.rstrip(". ") + "." for t in ks]
    with (data_dir / "sdg" / "targets.csv").open(encoding="utf-8") as handle:
        sentences += [row["title_nb"].rstrip(". ") + "." for row in csv.DictReader(handle)]
    rng = random.Random(seed)
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(rng.choice(sentences) for _ in range(6))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


TIMED = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from lokalagenda.core.mapping import TargetSuggester
suggester = TargetSuggester.load(Path(sys.argv[1]), Path(sys.argv[2]))
loaded = time.perf_counter()
profile = suggester.profile_document(Path(sys.argv[3]).read_text(encoding="utf-8"))
done = time.perf_counter()
print(f"{loaded - start:.2f} {done - loaded:.2f} {len(profile.passages)}")
"""


def time_plan(data_dir: Path, cache_dir: Path, repeat: int) -> None:
    from lokalagenda.core.mapping import TargetSuggester

    TargetSuggester.load(data_dir, cache_dir)  # builds the cache once, as the first CLI run would
    text = generated_plan(data_dir)
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        plan.write_text(text, encoding="utf-8")
        _time_runs(data_dir, cache_dir, plan, len(text.split()), repeat)


def _time_runs(data_dir: Path, cache_dir: Path, plan: Path, words: int, repeat: int) -> None:
    print(f"\nmapping a generated plan of {words:,} words in a fresh process (model loading included)")
    for _ in range(repeat):
        start = time.perf_counter()
        output = subprocess.run(
            [sys.executable, "-c", TIMED, str(data_dir), str(cache_dir), str(plan)],
            check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        ).stdout.split()
        total = time.perf_counter() - start
        print(f"total {total:.2f} s (imports + loading {output[0]} s, mapping {output[2]} passages {output[1]} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var" / "cache" / "mapping")
    parser.add_argument("--held-back", type=Path, help="the KS De-norske-målepunktene set as a taxonomy CSV")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the 25,000-word plan (0: none)")
    parser.add_argument("--no-folds", action="store_true", help="skip the leave-one-scheme-out evaluation")
    args = parser.parse_args()
    data_dir = Path(os.environ.get("LOKALAGENDA_DATA_DIR") or ROOT.parent / "shared" / "data")
    from lokalagenda.core.mapping.examples import HELD_BACK_SCHEME, read_ks_texts, scheme_label, split_texts

    labelled = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    if not args.no_folds:
        leave_one_scheme_out(data_dir, args.cache_dir, labelled)
    train, test = split_texts(labelled)
    print(f"\nlabelled KS texts: {len(labelled)}; train {len(train)}, test {len(test)} (seed 2030, 20 % of wordings)")
    compare(data_dir, args.cache_dir, train, test, "random split: held-out KS texts")
    if args.held_back is None:
        print(f"\nheld-back set {HELD_BACK_SCHEME}: not in the data bundle, not evaluated (pass --held-back FILE)")
    elif not args.held_back.is_file():
        sys.exit(f"--held-back: {args.held_back} not found")
    else:
        held = read_ks_texts(args.held_back)
        wanted = f"KS: {scheme_label(HELD_BACK_SCHEME)}"
        if any(t.source == wanted for t in held):  # a whole taxonomy export: evaluate the held-back scheme only
            held = [t for t in held if t.source == wanted]
        if not held:
            sys.exit(f"{args.held_back}: no labelled texts (columns title and sdg_targets_or_indicators are needed)")
        compare(data_dir, args.cache_dir, labelled, held, f"held-back {HELD_BACK_SCHEME} ({args.held_back.name})")
    if args.repeat > 0:
        time_plan(data_dir, args.cache_dir, args.repeat)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
