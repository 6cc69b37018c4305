"""Benchmark: `load-reference` on an empty database versus a second, idempotent run, in one process.

Run with `make bench`. Prints the wall time of each run and the ratio of the second run to the first, which
is what benchmarks/README.md records (absolute seconds depend on the machine).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    with tempfile.TemporaryDirectory() as var:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.test")
        os.environ["LOKALAGENDA_VAR_DIR"] = var
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        from lokalagenda.core.datadir import DataDirectory
        from lokalagenda.reference.services import load_reference

        call_command("migrate", verbosity=0)
        data = DataDirectory.from_environment()
        timings = []
        for _run in range(2):
            start = time.perf_counter()
            load_reference(data)
            timings.append(time.perf_counter() - start)
        first, second = timings
        print(f"first load (empty database): {first:.2f} s")
        print(f"second load (nothing changes): {second:.2f} s")
        print(f"ratio second/first: {second / first:.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
