"""How the ESCO benchmarks print their rows: figure, ours, each reference and its ratio.

A row is ``{"figure", "unit", "ours", "references": {name: value}}``, with an optional
``"p99": {"ours": value, name: value}`` printed after a bar. Shared by ``bench_esco.py``
and ``bench_esco_check.py`` (each run as a script from this folder).
"""

from __future__ import annotations

from typing import Any


def format_row(row: dict[str, Any]) -> str:
    """One line: figure, ours (| p99), then each reference (| p99) and reference / ours."""
    unit = row["unit"]
    text = f"{row['figure']:52} {number(row['ours'])} {unit}"
    if "p99" in row:
        text += f" | {number(row['p99']['ours'])} {unit}"
    for name, value in row["references"].items():
        ratio = value / row["ours"] if row["ours"] else float("inf")
        text += f"   {name}: {number(value)}"
        if "p99" in row:
            text += f" | {number(row['p99'][name])}"
        text += f" {unit} ({ratio:.1f}x)"
    return text


def format_rows(rows: list[dict[str, Any]]) -> str:
    """Every row, one line each."""
    return "\n".join(format_row(row) for row in rows)


def number(value: float) -> str:
    """Three decimals under 1, one under 100, none above; 'inf' for infinity."""
    if value == float("inf"):
        return "inf"
    return f"{value:.3f}" if value < 1 else f"{value:.1f}" if value < 100 else f"{value:.0f}"
