"""One fingerprint of plain content: equal content (whatever the order of its keys), equal fingerprint. The
materiality assessment's versions and the decisions that adopt a subject compare content with it."""

from __future__ import annotations

import hashlib
import json


def content_digest(content: object) -> str:
    """The SHA-256 of ``content`` written as JSON with sorted keys; values JSON cannot write (dates) as text."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
