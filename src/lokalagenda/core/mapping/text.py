"""Norwegian text normalisation and passage splitting shared by the term matcher and the engine.

Both bokmål and nynorsk are written with the same letters; normalising means lower case, Unicode NFC, hyphens
and punctuation turned into spaces (so "glass- og metallemballasje" and "ee-avfall" become plain words), and
nothing else: inflection and compounds are handled by the term matcher, not by rewriting the text.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")

#: A plan is split into passages of at most this many words (paragraphs are merged or split to fit).
PASSAGE_WORDS = 300
#: A heading starts a new passage when the current one has at least this many words.
MIN_PASSAGE_WORDS = 20
#: A line of at most this many words without closing punctuation is taken as a heading.
HEADING_WORDS = 10


def tokens(text: str) -> list[str]:
    """The lower-cased words of ``text`` (letters and digits; punctuation and hyphens separate words)."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text).lower())


def clip_words(text: str, limit: int) -> str:
    """The first ``limit`` words of ``text``, for the embedding model whose cost grows with the length."""
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit])


def _pieces(paragraph: str) -> list[str]:
    """A paragraph, or its sentences grouped into pieces of at most ``PASSAGE_WORDS`` words when it is longer."""
    if len(paragraph.split()) <= PASSAGE_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_RE.split(paragraph):
        if current and len(" ".join([*current, sentence]).split()) > PASSAGE_WORDS:
            pieces.append(" ".join(current))
            current = []
        words = sentence.split()
        while len(words) > PASSAGE_WORDS:  # a "sentence" without full stops, e.g. a table dump
            pieces.append(" ".join(words[:PASSAGE_WORDS]))
            words = words[PASSAGE_WORDS:]
        current.append(" ".join(words))
    if current:
        pieces.append(" ".join(current))
    return pieces


def _is_heading(line: str, following: str) -> bool:
    """A Markdown heading, or a short line without closing punctuation ("Klima og miljø", "3.2 Oppvekst")
    that is not continued on the next line (a line wrapped inside a sentence goes on in lower case)."""
    if line.startswith("#"):
        return True
    short = 0 < len(line.split()) <= HEADING_WORDS and line[-1] not in ".,;:!?-"
    return short and (line[0].isupper() or line[0].isdigit()) and not following[:1].islower()


def _blocks(text: str) -> list[tuple[bool, str]]:
    """Paragraphs (lines up to a blank line or a heading), each marked whether it starts with a heading."""
    blocks: list[tuple[bool, str]] = []
    current: list[str] = []
    starts_with_heading = False

    def close() -> None:
        if current:
            head, body = (current[0], current[1:]) if starts_with_heading else ("", current)
            blocks.append((starts_with_heading, "\n".join(part for part in (head, " ".join(body)) if part)))

    lines = [" ".join(line.split()) for line in text.splitlines()]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not line or _is_heading(line, following):
            close()
            current, starts_with_heading = ([line], True) if line else ([], False)
        else:
            current.append(line)
    close()
    return blocks


def split_passages(text: str) -> list[str]:
    """Split a document into passages of at most ``PASSAGE_WORDS`` words along headings, paragraphs and sentences.

    A heading starts a new passage once the current one has ``MIN_PASSAGE_WORDS`` words, so that a plan's sections
    are mapped one by one; short paragraphs are otherwise merged with what follows so that each passage says
    enough to be mapped on its own, and long paragraphs are split between sentences.
    """
    passages: list[str] = []
    current = ""
    for heading, block in _blocks(text):
        for number, piece in enumerate(_pieces(block)):
            size = len(current.split())
            new_section = heading and number == 0 and size >= MIN_PASSAGE_WORDS
            if current and (new_section or size + len(piece.split()) > PASSAGE_WORDS):
                passages.append(current)
                current = ""
            current = f"{current}\n{piece}" if current else piece
    if current:
        passages.append(current)
    return passages
