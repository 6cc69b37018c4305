"""Loading the offline mapping engine (Norwegian text → SDG targets): one way for the pages and the command.

The engine (``core.mapping.TargetSuggester``) is trained from the data bundle and cached on disk under
``VAR_DIR/cache/mapping``. Both the plan pages (``plans.suggestions``, which keep one per process) and
``lokalagenda suggest-targets`` load it here, so they read the same bundle and share the same cache: the model
``make demo`` trains once is the one the pages use. It lives in ``framework`` because the engine suggests
framework targets and ``plans`` sits above ``framework`` in the dependency order.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from lokalagenda.core.datadir import DataDirectory

if TYPE_CHECKING:
    from lokalagenda.core.mapping import TargetSuggester


def mapping_cache_dir() -> Path:
    """Where the trained model and the embedded texts are cached: ``VAR_DIR/cache/mapping``."""
    return Path(settings.VAR_DIR) / "cache" / "mapping"


def load_suggester(data_dir: Path | None = None) -> TargetSuggester:
    """The engine trained from ``data_dir``, else the bundle of the setting ``LOKALAGENDA_DATA_DIR``, else of the
    environment variable (which raises ``DataDirectoryError`` saying what to set when it is unset).

    The engine's modules (numpy, the embedding model) are imported here, not at module level: serving a plan
    page must not load them until a suggestion is asked for.
    """
    from lokalagenda.core.mapping import TargetSuggester

    if data_dir is not None:
        data = DataDirectory(data_dir)
    elif settings.LOKALAGENDA_DATA_DIR:
        data = DataDirectory(Path(settings.LOKALAGENDA_DATA_DIR))
    else:
        data = DataDirectory.from_environment()
    return TargetSuggester.load(data.root, mapping_cache_dir())
