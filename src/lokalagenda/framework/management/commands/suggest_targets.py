"""``lokalagenda suggest-targets``: SDG targets for Norwegian text, one text, a file of texts or a plan document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.mapping import DocumentProfile, TargetSuggester
from lokalagenda.core.mapping.documents import read_document
from lokalagenda.framework.suggester import load_suggester


class Command(BaseCommand):
    help = (
        "Suggest SDG targets for Norwegian text (bokmål or nynorsk), offline: each text gets its best targets "
        "with a score in [0, 1] and the evidence (matched terms, similar KS indicator texts). Give one text with "
        "--text, a UTF-8 file with one text per line with --input (printed in input order), or a plan document "
        "(.pdf, .docx, .txt, .md) with --document to print its per-goal profile and top passages per goal. "
        "The model is cached in VAR_DIR/cache/mapping and rebuilt when the data or term lists change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--text", help="one text to map")
        source.add_argument("--input", type=Path, help="a UTF-8 text file with one text per line")
        source.add_argument("--document", type=Path, help="a plan document: .pdf, .docx, .txt or .md")
        parser.add_argument("--top", type=int, default=5, help="suggestions per text (default 5)")
        parser.add_argument("--format", choices=("json", "jsonl", "text"),
                            help="json (default for texts), jsonl (one object per line), text (default for --document)")
        parser.add_argument("--passages", type=int, default=3, help="top passages shown per goal with --document")
        parser.add_argument("--data-dir", type=Path, help="the data bundle folder (default: LOKALAGENDA_DATA_DIR)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        try:
            if options["document"] is not None:
                self._document(options)
            else:
                self._texts(options)
        except LokalagendaError as error:
            raise CommandError(str(error)) from error

    def _suggester(self, options: dict[str, Any]) -> TargetSuggester:
        return load_suggester(options["data_dir"])

    def _texts(self, options: dict[str, Any]) -> None:
        texts = [options["text"]] if options["text"] is not None else _read_lines(options["input"])
        if options["text"] is not None and not options["text"].strip():
            raise CommandError("--text: the text is empty")
        results = self._suggester(options).suggest_many(texts, top=options["top"])
        objects = [
            {"text": text, "suggestions": [s.as_dict() for s in suggestions]}
            for text, suggestions in zip(texts, results, strict=True)
        ]
        if options["format"] == "jsonl":
            for item in objects:
                self.stdout.write(json.dumps(item, ensure_ascii=False))
        elif options["format"] == "text":
            for item in objects:
                self.stdout.write(item["text"])
                for s in item["suggestions"]:
                    self.stdout.write(f"  {s['target']:>6}  {s['score']:.2f}  " + "; ".join(s["evidence"]))
        else:
            data = objects[0] if options["text"] is not None else objects
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def _document(self, options: dict[str, Any]) -> None:
        path: Path = options["document"]
        read = read_document(path)  # in a child process within a CPU and memory budget: the file may be anyone's
        for note in read.notes():
            self.stderr.write(f"{path.name}: {note}")
        text = read.text
        if not text.strip():
            raise CommandError(f"{path.name}: the document has no text to map (a scanned PDF needs OCR first)")
        profile = self._suggester(options).profile_document(text, top_passages=options["passages"])
        if options["format"] in ("json", "jsonl"):
            self.stdout.write(json.dumps({"document": path.name, **profile.as_dict()}, ensure_ascii=False,
                                         indent=2 if options["format"] == "json" else None))
        else:
            self.stdout.write(_profile_text(path.name, profile))


def _read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file; blank lines stay (with no suggestions) so output lines match input lines."""
    if not path.is_file():
        raise CommandError(f"{path}: file not found")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from error
    if not any(line.strip() for line in lines):
        raise CommandError(f"{path}: the file has no text to map")
    return lines


def _profile_text(name: str, profile: DocumentProfile) -> str:
    """The profile as a readable report: a bar per goal, then each goal's top passages with their targets."""
    lines = [f"{name}: {len(profile.passages)} passages", "", "goal  share"]
    for goal, share in profile.goals.items():
        lines.append(f"{goal:>4}  {share:5.1%}  {'█' * round(share * 50)}")
    for goal, passages in sorted(profile.top_passages.items(), key=lambda item: -profile.goals[item[0]]):
        lines += ["", f"Goal {goal} ({profile.goals[goal]:.1%}): top passages"]
        for number, (passage, suggestions) in enumerate(passages, start=1):
            targets = ", ".join(f"{s.target} ({s.score:.2f})" for s in suggestions if s.goal == goal)
            excerpt = passage if len(passage) <= 240 else passage[:240].rsplit(" ", 1)[0] + " …"
            lines.append(f"  {number}. [{targets}] {excerpt}")
    return "\n".join(lines)
