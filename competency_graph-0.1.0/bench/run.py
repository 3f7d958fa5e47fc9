"""Run every benchmark in this folder (``bench_*.py``) and print one table of the figures.

``make bench`` calls this. Each benchmark runs in a fresh interpreter (so one's caches do
not help another) and prints its own report; those that write their figures to the file
named by ``BENCH_JSON`` (``bench_esco.py``, ``bench_esco_check.py``, ``bench_heavy.py``,
``bench_web.py``) also appear in the summary table at the end, each figure beside the
reference engines that answered the same question in the same run, with the ratio
reference/ours. Exit 1 if any benchmark fails.

Run:  python bench/run.py [--only NAME] [-- ARGS for every benchmark]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def summary(results: list[dict[str, Any]]) -> str:
    """The table of every figure written by the benchmarks."""
    header = f"{'bench':6} {'figure':52} {'ours':>14}  references (ratio = reference / ours)"
    lines = [header, "-" * len(header)]
    for result in results:
        for row in result["rows"]:
            unit = row["unit"]
            ours = _value(row["ours"], row.get("p99", {}).get("ours"), unit)
            references = []
            for name, value in row["references"].items():
                ratio = value / row["ours"] if row["ours"] else float("inf")
                shown = _value(value, row.get("p99", {}).get(name), unit)
                references.append(f"{name} {shown} ({ratio:.1f}x)")
            lines.append(
                f"{result['bench']:6} {row['figure']:52} {ours:>14}  {'; '.join(references)}"
            )
    return "\n".join(lines)


def _value(value: float, p99: float | None, unit: str) -> str:
    text = _num(value) if p99 is None else f"{_num(value)}/{_num(p99)}"
    return f"{text} {unit}"


def _num(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description="run every benchmark")
    parser.add_argument("--only", action="append", default=[], help="run only bench_NAME.py")
    args = parser.parse_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    failed = []
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for script in scripts:
            print(f"== {script.name}", flush=True)
            figures = Path(scratch) / f"{script.stem}.json"
            env = {**os.environ, "BENCH_JSON": str(figures)}
            if subprocess.run([sys.executable, str(script)], check=False, env=env).returncode:
                failed.append(script.name)
            elif figures.is_file():
                results.append(json.loads(figures.read_text(encoding="utf-8")))
            print(flush=True)
    print(
        f"== summary ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; p50/p99 where two values)"
    )
    print(summary(results) if results else "(no benchmark wrote figures)")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
