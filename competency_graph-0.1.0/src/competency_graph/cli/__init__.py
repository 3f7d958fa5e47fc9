"""The command line: every command and its shared options (the only package that imports click)."""

from competency_graph.cli.main import cli, main

__all__ = ["cli", "main"]
