"""Build one edition in this process and print its figures as JSON (run by benchmarks/run.py).

Usage: build_once.py DATE [--publish]
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prokopim.settings")

import django  # noqa: E402

django.setup()

from editions import building  # noqa: E402
from editions.models import Build, Edition  # noqa: E402


def main(day: str, publish: bool) -> None:
    edition = Edition.objects.get(date=day)
    build = Build.objects.create(edition=edition, publish_when_done=publish)
    started = time.monotonic()
    building.run_build(build.pk)
    wall = time.monotonic() - started
    build.refresh_from_db()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "status": build.status,
        "error": build.error,
        "wall_s": round(wall, 1),
        "peak_mib": round(peak_kib / 1024),
        "pdf_bytes": build.pdf_size,
        "pages": build.page_count,
        "timings_ms": build.timings,
        "warnings": len(build.warnings),
    }))


if __name__ == "__main__":
    main(sys.argv[1], publish="--publish" in sys.argv[2:])
