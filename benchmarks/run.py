"""`make bench`: build and serving figures for Koran Digital, printed as a table.

Runs in a throw-away data folder (its own SQLite database and media), so it
never touches the development data:

1. the corpus edition (../shared/corpus, 8 pages) when the corpus is present;
2. a generated 24-page edition with 40 phone photos of about 4 MB each,
   checked against PDF_BUDGET_BYTES;
3. the reader site's page weights and Lighthouse scores, served from the
   published corpus edition.

Each build runs in a child process so its peak memory is its own.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PYTHON = sys.executable
# Size budget for the 24-page edition with 40 photos. Photos are embedded at
# 150 dpi of their placed size, about 0.3 MB each as JPEG at most, and text
# with subset fonts adds well under 1 MB. So 40 x 0.3 MB + 1 MB, rounded up to
# 15 MB, which a slow 3G connection (about 1 Mbit/s) downloads in two minutes.
PDF_BUDGET_BYTES = 15 * 1024 * 1024


def run(args, env, capture=False):
    result = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout or "")
        sys.stderr.write(result.stderr or "")
        raise SystemExit(f"benchmark step failed: {' '.join(args)}")
    return result.stdout


def build(day, env, publish=False):
    output = run(["benchmarks/build_once.py", day, *(["--publish"] if publish else [])], env, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def row(name, figures, budget=None):
    timings = figures["timings_ms"]
    size_mb = figures["pdf_bytes"] / 1_048_576
    verdict = ""
    if budget:
        verdict = "within budget" if figures["pdf_bytes"] <= budget else "OVER BUDGET"
    return [
        name, str(figures["pages"]), f"{figures['wall_s']:.1f}", f"{timings.get('layout', 0) / 1000:.1f}",
        f"{timings.get('pdf', 0) / 1000:.1f}", f"{timings.get('images', 0) / 1000:.1f}", str(figures["peak_mib"]),
        f"{size_mb:.1f}", verdict,
    ]


def table(header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths))]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)) for line in rows]
    return "\n".join(lines)


def main():
    rows = []
    with tempfile.TemporaryDirectory(prefix="koran-bench-") as folder:
        env = {
            **os.environ,
            "KORAN_ENV": "development",
            "KORAN_VAR_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "REDIS_URL": "",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "prokopim.settings",
        }
        run(["manage.py", "migrate", "--no-input", "--verbosity", "0"], env)
        if CORPUS.is_dir():
            run(["manage.py", "import_ninjs", *map(str, sorted((CORPUS / "articles").glob("*.json")))], env, capture=True)
            run(["manage.py", "compose_edition", "2026-12-07", "--plan", str(CORPUS / "edition-plan.json")], env, capture=True)
            rows.append(row("corpus edition (8 pages)", build("2026-12-07", env, publish=True)))
        else:
            print(f"corpus not found at {CORPUS}; skipping the corpus edition")
        run(["benchmarks/generate.py", "2027-01-04"], env, capture=True)
        rows.append(row("generated, 40 photos of ~4 MB", build("2027-01-04", env), PDF_BUDGET_BYTES))

        header = ["edition", "pages", "wall s", "layout s", "pdf s", "images s", "peak MiB", "PDF MB", "budget"]
        print()
        print("Edition builds (one process, measured on this machine)")
        print(table(header, rows))
        print(f"PDF budget for the generated edition: {PDF_BUDGET_BYTES / 1_048_576:.0f} MB")

        if CORPUS.is_dir():
            # The reader site is measured on the corpus edition published above.
            os.environ.update(env)
            sys.path.insert(0, str(ROOT))
            from benchmarks import reader as reader_bench

            header, rows = reader_bench.rows()
            print()
            print("Reader site (360 px wide, Lighthouse mobile settings, median of three runs)")
            print(table(header, rows))


if __name__ == "__main__":
    main()
