"""``competency-graph rules``: the consistency rules the checker runs."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from competency_graph.cli.options import lang_option, ontology_option, table_format_option
from competency_graph.graph.files import load_graph
from competency_graph.model.rules import read_rules
from competency_graph.namespaces import compact_id


@click.command()
@ontology_option
@lang_option
@table_format_option
def rules(ontology: Path | None, lang: str, output_format: str) -> None:
    """List the consistency rules: id, severity, title and source.

    The rules are data (ontology/rules.ttl), implemented by the SHACL shapes in
    ontology/shapes/ and, for owl-consistency, by the HermiT reasoner. With --ontology DIR,
    the rules of that ontology.
    """
    del ontology  # in use already: its option's callback set it
    catalogue = read_rules(load_graph().graph)
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": rule.id,
                        "severity": rule.severity.value,
                        "title": rule.title.get(lang),
                        "fix": rule.fix.get(lang),
                        "source": rule.source_label(lang),
                        "sourceNorms": [compact_id(n) for n in rule.source_norms],
                    }
                    for rule in catalogue.values()
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{len(catalogue)} rules", title_justify="left")
    table.add_column("Rule")
    table.add_column("Severity")
    table.add_column("Title")
    table.add_column("Legal norms")
    for rule in catalogue.values():
        norms = ", ".join(compact_id(n) for n in rule.source_norms)
        table.add_row(rule.id, rule.severity.value, rule.title.get(lang), norms)
    Console(width=120).print(table)
