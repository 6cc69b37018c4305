"""Equal content has an equal fingerprint, whatever the order of its keys; other content another one."""

import datetime

from lokalagenda.core.digest import content_digest


def test_the_order_of_keys_does_not_change_the_digest_and_the_content_does():
    first = content_digest({"statement": "Klima", "goals": [13], "decided": datetime.date(2024, 6, 20)})
    assert first == content_digest({"decided": datetime.date(2024, 6, 20), "goals": [13], "statement": "Klima"})
    assert first != content_digest({"statement": "Klima og natur", "goals": [13], "decided": "2024-06-20x"})
    assert len(first) == 64
