"""Benchmark: Norwegian text → SDG targets (``lokalagenda.core.mapping``) against a char n-gram baseline.

Sections, in the order they print (``--skip`` leaves any out):

1. ``terms``: how far ``core/mapping/data/terms.yaml`` copies the bundle's KS titles (``terms.title_overlap``):
   entries that are a whole title, entries of three words or more found inside a title, entries found in a
   title linked to their own target, and the share of titles holding a term of one of their targets, beside
   the same measures on the bokmål UN target and indicator texts.
2. ``topics``, leave-one-topic-out (the primary measure): the bundle's KS schemes share topics (two sewage sets,
   two child-welfare sets, public health and Ungdata, OECD and JRC), so one fold per KS topic
   (``development_sector``, ``examples.leave_one_topic_out``) tests every text whose first topic it is, from
   every scheme, and trains on the texts that do not list the topic at all, less the near-duplicates and the
   siblings (character n-gram cosine ≥ 0.7) of the test texts. Three methods per fold: the engine; the engine
   again without the term entries the test texts evidence (``terms.evidenced_terms``), in case the lists were
   written with those titles in view; and the baseline, a character (2–4)-gram TF-IDF nearest-neighbour
   search over the same training texts. Reported per fold, and as micro (over texts) and macro (over topics)
   averages, then as micro averages over the Norwegian texts and over the English ones (the international
   sets). Measures: target top-1 (the first suggestion is one of the text's targets), target top-5 (one of the
   first five is) and goal top-1 (the first suggestion's goal is one of the text's goals). Then the
   calibration of the engine's scores (``core.mapping.calibration``): the share of its suggestions for the
   held-out texts that were right, by score band; ``--write-calibration`` writes it to the package's
   ``data/calibration.json``, which the web pages read.
3. ``schemes``, leave-one-scheme-out (an extra line): one fold per KS scheme with at least 20 labelled texts,
   trained on every other scheme less near-duplicates of the test texts. It flatters: a scheme's topic is
   still in training through its sibling schemes.
4. ``random``: a random split of the labelled KS texts (20 % of the distinct wordings, seed 2030). It flatters
   most: a scheme's near-identical titles land on both sides.
5. An outside labelled file, with ``--held-back FILE`` (``examples.read_labelled_file``: a UTF-8 CSV with the
   columns ``text`` and ``targets``, or a KS taxonomy export; of a whole taxonomy export only the scheme
   De-norske-målepunktene is used). The KS held-back set is kept outside the project. Both methods then use
   every labelled text of the bundle; the engine is also run without the terms the file's texts evidence.
6. The time to map a generated 25,000-word Norwegian plan in a fresh process, model loading included (the cache
   in ``--cache-dir`` is built first if needed, as the CLI's first run would).

Run: ``LOKALAGENDA_DATA_DIR=../shared/data .venv/bin/python benchmarks/text_mapping.py``.
Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
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


class CharNgramNearestNeighbour:
    """The baseline: TF-IDF over character 2–4-grams, cosine similarity, targets of the nearest texts in order."""

    def __init__(self, texts: Sequence[str], targets: Sequence[Sequence[str]]) -> None:
        from lokalagenda.core.mapping.examples import inverse_document_frequencies

        self.targets = [list(t) for t in targets]
        self.idf = inverse_document_frequencies(texts)
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for row, vector in enumerate(self._vectors(texts)):
            for gram, value in vector.items():
                self.postings.setdefault(gram, []).append((row, value))

    def _vectors(self, texts: Sequence[str]) -> list[dict[str, float]]:
        from lokalagenda.core.mapping.examples import tfidf_vectors

        return tfidf_vectors(texts, self.idf)

    def rank(self, texts: Sequence[str]) -> list[list[str]]:
        ranked = []
        for vector in self._vectors(texts):
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


def hits(rank: Ranker, texts: Sequence[tuple[str, tuple[str, ...]]]) -> list[tuple[int, int, int]]:
    """Per text, whether it is a hit by each of :data:`MEASURES` (1 or 0)."""
    ranked = rank([text for text, _ in texts])
    rows = []
    for (_, gold), suggestions in zip(texts, ranked, strict=True):
        gold_goals = {t.split(".")[0] for t in gold}
        rows.append((int(bool(suggestions) and suggestions[0] in gold), int(any(s in gold for s in suggestions[:5])),
                     int(bool(suggestions) and suggestions[0].split(".")[0] in gold_goals)))
    return rows


def summed(rows: Sequence[tuple[int, int, int]]) -> list[int]:
    """How many texts are hits by each of :data:`MEASURES`."""
    return [sum(column) for column in zip(*rows, strict=True)] if rows else [0, 0, 0]


def rates(counts: Sequence[float], n: int) -> dict[str, float]:
    return {measure: count / n for measure, count in zip(MEASURES, counts, strict=True)}


def engine_ranker(suggester, suggested: list | None = None) -> Ranker:  # type: ignore[no-untyped-def]
    """The engine's five best targets per text; with ``suggested``, each text's suggestions are also kept there."""

    def rank(texts: Sequence[str]) -> list[list[str]]:
        results = suggester.suggest_many(list(texts), top=5)
        if suggested is not None:
            suggested.extend(results)
        return [[s.target for s in result] for result in results]

    return rank


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


ENGINE_PRUNED = "engine less evidenced terms"  # the terms the test texts evidence are out


def methods(  # type: ignore[no-untyped-def]
    data_dir: Path, train, test, *, cache_dir: Path | None, encoder, siblings: bool = False, pruned: bool = False,
    outcomes: list[tuple[float, bool]] | None = None,
) -> dict[str, list[tuple[int, int, int]]]:
    """Train the engine and the baseline on ``train`` (less near-duplicates of ``test``, and with ``siblings``
    their siblings too) and find their hits on each text of ``test`` (:func:`hits`).

    With ``pruned`` the engine is also trained and tested a second time without the term entries that the test
    texts evidence (``terms.evidenced_terms``: a term found in a test text linked to the term's target), from
    the term index and from the classifier's training texts: what the terms could have learned from the test
    texts if they were written with them in view is then out. With ``outcomes``, each of the engine's suggestions
    for a test text is added there as its score and whether it is one of the text's targets (the calibration).
    """
    from lokalagenda.core.mapping import TargetSuggester
    from lokalagenda.core.mapping.examples import read_target_texts, without_near_duplicates, without_siblings
    from lokalagenda.core.mapping.terms import TermIndex, evidenced_terms

    held_out = [t.text for t in test]
    pairs = [(t.text, t.targets) for t in test]
    load = {"examples": train, "held_out": held_out, "siblings": siblings, "encoder": encoder}
    suggested: list = []
    counts = {ENGINE: hits(engine_ranker(TargetSuggester.load(data_dir, cache_dir, **load), suggested), pairs)}
    if outcomes is not None:
        outcomes.extend((s.score, s.target in gold) for result, (_, gold) in zip(suggested, pairs, strict=True)
                        for s in result)
    if pruned:
        terms = TermIndex.load()
        terms = terms.without(evidenced_terms(terms, pairs))
        suggester = TargetSuggester.load(data_dir, cache_dir, terms=terms, **load)
        counts[ENGINE_PRUNED] = hits(engine_ranker(suggester), pairs)
    exclude = without_siblings if siblings else without_near_duplicates
    known = exclude([*train, *read_target_texts(data_dir / "sdg" / "targets.csv")], held_out)
    baseline = CharNgramNearestNeighbour([t.text for t in known], [t.targets for t in known])
    counts[BASELINE] = hits(baseline.rank, pairs)
    return counts


def compare(data_dir: Path, cache_dir: Path, train, test, title: str, *, pruned: bool = False) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    counts = methods(data_dir, train, test, cache_dir=cache_dir, encoder=None, pruned=pruned)
    print(f"trained and evaluated in {time.perf_counter() - start:.1f} s")
    print_table(title, len(test), {name: rates(summed(rows), len(test)) for name, rows in counts.items()})


def evaluate_folds(  # type: ignore[no-untyped-def]
    data_dir: Path, cache_dir: Path, folds, title: str, *, siblings: bool, pruned: bool,
    outcomes: list[tuple[float, bool]] | None = None,
) -> None:
    """Every fold's rates, then the micro and macro averages of each method (``outcomes``: see :func:`methods`),
    then the micro averages of the Norwegian texts and of the English ones (:func:`in_english`): a user writes
    Norwegian, and the international sets' English titles are a third of the labelled texts."""
    encoder = StoredEncoder(cache_dir)
    start = time.perf_counter()
    names = [ENGINE, *([ENGINE_PRUNED] if pruned else []), BASELINE]
    print(f"{'test group':<44} {'texts':>5} {'train':>5}   " + "   ".join(
        f"{name.split(':')[0]} top-1/top-5/goal-1" for name in names))
    every: dict[str, list[tuple[int, int, int]]] = {name: [] for name in names}
    english: list[bool] = []
    per_fold: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for fold in folds:
        counts = methods(data_dir, fold.train, fold.test, cache_dir=None, encoder=encoder, siblings=siblings,
                         pruned=pruned, outcomes=outcomes)
        english += [in_english(text) for text in fold.test]
        line = f"{fold.name.removeprefix('KS: ')[:44]:<44} {len(fold.test):>5} {len(fold.train):>5}"
        for name in names:
            every[name] += counts[name]
            per_fold[name].append(rates(summed(counts[name]), len(fold.test)))
            line += "   " + " / ".join(f"{c / len(fold.test):.3f}" for c in summed(counts[name]))
        print(line, flush=True)
    n = len(english)
    print(f"({len(folds)} folds in {time.perf_counter() - start:.0f} s)")
    results = {}
    for name in names:
        results[f"{name}, micro"] = rates(summed(every[name]), n)
        results[f"{name}, macro"] = {m: sum(r[m] for r in per_fold[name]) / len(folds) for m in MEASURES}
    print_table(title, n, results)
    for language, wanted in (("Norwegian", False), ("English", True)):
        chosen = sum(1 for flag in english if flag == wanted)
        by_language = {f"{name}, micro": rates(summed([row for row, flag in zip(every[name], english, strict=True)
                                                        if flag == wanted]), chosen) for name in names}
        print_table(f"{title}, the {language} texts", chosen, by_language)


def leave_one_topic_out(data_dir: Path, cache_dir: Path, labelled, calibration: Path | None = None) -> None:  # type: ignore[no-untyped-def]
    """The primary measure: whole KS topics held out, siblings and the terms the topic evidences left out.

    The engine's suggestions for the held-out texts give the calibration of its scores (``core.mapping.calibration``):
    its bands are printed, and with ``calibration`` written to that file.
    """
    from lokalagenda.core.mapping.calibration import Calibration, fit
    from lokalagenda.core.mapping.examples import MIN_FOLD_TEXTS
    from lokalagenda.core.mapping.examples import leave_one_topic_out as folds_of
    from lokalagenda.core.mapping.model import MODEL_VERSION

    folds = folds_of(labelled)
    print(f"\nleave-one-topic-out: {len(folds)} KS topics (development_sector) that are the first topic of at least "
          f"{MIN_FOLD_TEXTS} labelled texts")
    outcomes: list[tuple[float, bool]] = []
    evaluate_folds(data_dir, cache_dir, folds, "leave-one-topic-out", siblings=True, pruned=True, outcomes=outcomes)
    measured = Calibration(MODEL_VERSION, f"leave-one-topic-out, {len(folds)} KS topics, {len(outcomes)} suggestions "
                           f"for {sum(len(f.test) for f in folds)} texts", fit(outcomes))
    print(f"\ncalibration: {measured.measured_on}")
    print(f"{'score from':>10} {'right':>6} {'suggestions':>11}")
    for band in measured.bands:
        print(f"{band.low:>10.3f} {band.right:>6.3f} {band.suggestions:>11}")
    if calibration is not None:
        measured.write(calibration)
        print(f"written to {calibration}")


def leave_one_scheme_out(data_dir: Path, cache_dir: Path, labelled) -> None:  # type: ignore[no-untyped-def]
    """An extra line: one KS scheme held out at a time (its topic's other schemes stay in training)."""
    from lokalagenda.core.mapping.examples import MIN_FOLD_TEXTS
    from lokalagenda.core.mapping.examples import leave_one_scheme_out as folds_of

    folds = folds_of(labelled)
    print(f"\nleave-one-scheme-out: {len(folds)} KS schemes with at least {MIN_FOLD_TEXTS} labelled texts")
    evaluate_folds(data_dir, cache_dir, folds, "leave-one-scheme-out", siblings=False, pruned=False)


#: The bundle's international KS schemes, titled in English (the data bundle's README lists them).
INTERNATIONAL_SCHEMES = ("UN SDG indicators", "OECD", "JRC", "U4SSC")


def in_english(text) -> bool:  # type: ignore[no-untyped-def]
    """Whether a labelled KS text is an English title: one of an international scheme."""
    return any(scheme in text.source for scheme in INTERNATIONAL_SCHEMES)


def terms_against_titles(data_dir: Path, labelled) -> None:  # type: ignore[no-untyped-def]
    """How far ``terms.yaml`` copies the bundle's KS titles, beside the bokmål UN texts as a yardstick."""
    import csv

    from lokalagenda.core.mapping.terms import TermIndex, title_overlap

    terms = TermIndex.load()
    norwegian = [(t.text, t.targets) for t in labelled if not in_english(t)]
    ks = title_overlap(terms, norwegian)
    un: list[tuple[str, tuple[str, ...]]] = []
    for name, column in (("targets.csv", "code"), ("indicators.csv", "target")):
        with (data_dir / "sdg" / name).open(encoding="utf-8") as handle:
            un += [(row["title_nb"], (row[column],)) for row in csv.DictReader(handle) if row["title_nb"].strip()]
    yardstick = title_overlap(terms, un)
    print(f"\nterms.yaml ({ks.entries} entries) against the {ks.titles} Norwegian KS titles of the bundle")
    print(f"entries that are a whole title (words equal or >= 80 per cent shared): {len(ks.copies)}")
    for target, term, title in ks.copies:
        print(f"  {target:<5} {term!r} = {title!r}")
    print(f"entries of 3+ words found word for word inside a title: {len(ks.phrases)}")
    for target, term, title in ks.phrases:
        print(f"  {target:<5} {term!r} in {title!r}")
    print(f"entries found in a title linked to their target: {len(ks.evidenced)} "
          f"(in a bokmål UN target or indicator text linked to it: {len(yardstick.evidenced)}; "
          f"in both: {len(ks.evidenced & yardstick.evidenced)})")
    kinds = {(target, term.text): term.source or "(none)" for target, terms_ in terms.terms.items() for term in terms_}
    for kind in sorted(set(kinds.values())):
        entries = [key for key, value in kinds.items() if value == kind]
        found = sum(1 for key in entries if key in ks.evidenced)
        print(f"  source kind {kind}: {len(entries)} entries, {found} of them in a KS title linked to their target")
    print(f"texts holding a term of one of their targets: Norwegian KS titles {ks.covered / ks.titles:.3f} "
          f"({ks.covered} of {ks.titles}); bokmål UN target and indicator texts "
          f"{yardstick.covered / yardstick.titles:.3f} ({yardstick.covered} of {yardstick.titles})")


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


def read_held_back(data_dir: Path, path: Path):  # type: ignore[no-untyped-def]
    """The outside labelled file's texts (``examples.read_labelled_file``); exits naming every problem."""
    import csv

    from lokalagenda.core.errors import SourceDataError
    from lokalagenda.core.mapping.examples import HELD_BACK_SCHEME, read_labelled_file, scheme_label

    with (data_dir / "sdg" / "targets.csv").open(encoding="utf-8") as handle:
        known = [row["code"] for row in csv.DictReader(handle)]
    try:
        held = read_labelled_file(path, known_targets=known)
    except SourceDataError as error:
        sys.exit(f"--held-back: {error}")
    wanted = f"KS: {scheme_label(HELD_BACK_SCHEME)}"
    if any(t.source == wanted for t in held):  # a whole taxonomy export: evaluate the held-back scheme only
        held = [t for t in held if t.source == wanted]
    if not held:
        sys.exit(f"--held-back: {path}: no row links a text to a target")
    return held


SECTIONS = ("terms", "topics", "schemes", "random")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "var" / "cache" / "mapping")
    parser.add_argument("--held-back", type=Path, metavar="FILE",
                        help="an outside labelled CSV: columns text and targets, or a KS taxonomy export")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the 25,000-word plan (0: none)")
    parser.add_argument("--skip", nargs="+", choices=SECTIONS, default=[], metavar="SECTION",
                        help=f"sections to leave out, of {', '.join(SECTIONS)}")
    parser.add_argument("--no-folds", action="store_true", help="skip both held-out-group evaluations")
    parser.add_argument("--write-calibration", action="store_true",
                        help="write the leave-one-topic-out calibration to core/mapping/data/calibration.json")
    args = parser.parse_args()
    skip = set(args.skip) | ({"topics", "schemes"} if args.no_folds else set())
    data_dir = Path(os.environ.get("LOKALAGENDA_DATA_DIR") or ROOT.parent / "shared" / "data")
    from lokalagenda.core.mapping.examples import HELD_BACK_SCHEME, read_ks_texts

    labelled = read_ks_texts(data_dir / "frameworks" / "ks_sdg_taxonomy_indicators.csv")
    held = read_held_back(data_dir, args.held_back) if args.held_back else None  # a bad file stops here, not later
    if args.write_calibration and ("topics" in skip):
        sys.exit("--write-calibration needs the topics section")
    from lokalagenda.core.mapping.calibration import default_calibration_path

    calibration = default_calibration_path() if args.write_calibration else None
    sections = {
        "terms": lambda: terms_against_titles(data_dir, labelled),
        "topics": lambda: leave_one_topic_out(data_dir, args.cache_dir, labelled, calibration),
        "schemes": lambda: leave_one_scheme_out(data_dir, args.cache_dir, labelled),
        "random": lambda: random_split(data_dir, args.cache_dir, labelled),
    }
    for name in SECTIONS:
        if name not in skip:
            sections[name]()
    if args.held_back is None:
        print(f"\nheld-back set {HELD_BACK_SCHEME}: not in the data bundle, not evaluated (pass --held-back FILE)")
    else:
        compare(data_dir, args.cache_dir, labelled, held, f"held back: {args.held_back.name}", pruned=True)
    if args.repeat > 0:
        time_plan(data_dir, args.cache_dir, args.repeat)


def random_split(data_dir: Path, cache_dir: Path, labelled) -> None:  # type: ignore[no-untyped-def]
    """The last extra line: a random split by wording, which flatters most (siblings land on both sides)."""
    from lokalagenda.core.mapping.examples import split_texts

    train, test = split_texts(labelled)
    print(f"\nlabelled KS texts: {len(labelled)}; train {len(train)}, test {len(test)} (seed 2030, 20 % of wordings)")
    compare(data_dir, cache_dir, train, test, "random split: held-out KS texts")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
