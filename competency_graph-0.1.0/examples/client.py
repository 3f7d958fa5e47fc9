"""A small GraphQL client for competency-graph, using httpx.

Start the server, then run a query file, or every example and compare with its answer:

    competency-graph serve &
    python examples/client.py examples/queries/skills-supporting.graphql
    python examples/client.py examples/queries/skill-gap.graphql --var 'have=["skill:crm"]'
    python examples/client.py --all                  # compare with *.expected.json
    python examples/client.py --all --write-expected # regenerate the answers

Exit code: 0 when every answer has no errors (and, with --all, matches), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import httpx

QUERIES = Path(__file__).resolve().parent / "queries"


def run_query(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """POST one query; return the decoded answer (``data`` and/or ``errors``)."""
    response = httpx.post(
        url,
        json={"query": query, "variables": variables},
        headers={"Accept": "application/graphql-response+json, application/json"},
        timeout=60,
    )
    answer: dict[str, Any] = response.json()
    return answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="a .graphql file")
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--var", action="append", default=[], help="name=JSON value")
    parser.add_argument("--all", action="store_true", help="run every example query")
    parser.add_argument("--write-expected", action="store_true", help="with --all: save answers")
    args = parser.parse_args()
    if args.all:
        failures = 0
        for path in sorted(QUERIES.glob("*.graphql")):
            answer = run_query(args.url, path.read_text(encoding="utf-8"))
            expected_file = path.with_suffix(".expected.json")
            if args.write_expected:
                text = json.dumps(answer, ensure_ascii=False, indent=2) + "\n"
                expected_file.write_text(text, encoding="utf-8")
                status = "written"
            else:
                same = json.loads(expected_file.read_text(encoding="utf-8")) == answer
                status = "ok" if same else "DIFFERENT"
                failures += not same
            print(f"{path.name:32} {status}")
        return 1 if failures else 0
    if args.file is None:
        parser.error("give a .graphql file or --all")
    variables = {}
    for item in args.var:
        name, _, value = item.partition("=")
        variables[name] = json.loads(value)
    answer = run_query(args.url, args.file.read_text(encoding="utf-8"), variables or None)
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 1 if "errors" in answer else 0


if __name__ == "__main__":
    sys.exit(main())
