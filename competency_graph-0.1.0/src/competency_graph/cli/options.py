"""What every command shares: input files, ``--ontology``/``--no-ontology``, ``--lang``,
``--format``/``-o``, the store options, and how errors become exit codes.

The convention (written down for users at the top of ``docs/cli.md``):

- input files are positional arguments, after the command's own id argument if it has one;
  RDF files and YAML/JSON job descriptions are accepted alike
  (:func:`~competency_graph.importers.inputs.load_inputs`);
- every command that loads a graph takes ``--ontology DIR`` (that ontology folder instead of
  the shipped one) and ``--no-ontology`` (only the given files);
- ``--lang`` is ``ru`` by default everywhere: Russian is the language of the documents and
  the seeds the graph was built from;
- ``--format`` picks what is written and ``-o/--output FILE`` where (``-`` or nothing:
  standard output);
- exit code 0 success, 1 violations (``check``), 2 usage or input error, printed as one
  ``error: FILE:LINE:COLUMN: message`` line, never a traceback.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from competency_graph.atomic import write_atomically
from competency_graph.errors import InputError
from competency_graph.graph.files import LoadedGraph
from competency_graph.graph.ontology import set_ontology_dir
from competency_graph.graph.source import Source
from competency_graph.graph.stores import GraphStore, open_store
from competency_graph.redaction import redact_text

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2

#: the languages of labels, messages and fixed words
LANGUAGES = ("ru", "en")
#: Russian: the language of the job descriptions and seeds the graph is built from
DEFAULT_LANG = "ru"
#: ``-o -`` (the default) writes to standard output
STDOUT = "-"
#: where ``--sparql-user``'s password is read from (never from the command line)
PASSWORD_VARIABLE = "COMPETENCY_GRAPH_SPARQL_PASSWORD"

F = TypeVar("F", bound=Callable[..., Any])


class Group(click.Group):
    """A command group that turns library errors into located lines and exit code 2, and
    lists its commands in the order they were added (not alphabetically)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            # redacted: a URL in a message never shows its password or token
            click.echo(f"error: {redact_text(str(exc))}", err=True)
            for more in exc.more:
                click.echo(f"error: {redact_text(str(more))}", err=True)
            ctx.exit(EXIT_USAGE)


def apply(command: F, *decorators: Callable[[F], F]) -> F:
    """``command`` with ``decorators`` applied as if written top to bottom above it."""
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


# -- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphInputs:
    """The files a command loads, and whether the ontology comes with them."""

    paths: tuple[Path, ...] = ()
    include_shipped: bool = True

    def load(self) -> LoadedGraph:
        """The ontology (unless ``--no-ontology``) plus every RDF file and job description.

        What loading did that the user should know (a job description file that replaces an
        older edition of a position's description) is printed to stderr as ``note:`` lines.
        """
        from competency_graph.importers.inputs import load_inputs

        loaded = load_inputs(self.paths, include_shipped=self.include_shipped)
        for note in loaded.notes:
            click.echo(f"note: {note}", err=True)
        return loaded

    def source(self, store: GraphStore | None = None) -> Source:
        """These inputs, and ``store`` beside them, as the library's
        :class:`~competency_graph.graph.source.Source` (read like :meth:`load`; with a store,
        no files at all is fine)."""
        from competency_graph.importers.inputs import load_inputs

        return Source(self.paths, self.include_shipped, store, reader=load_inputs)


def _use_ontology(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    # Set while the command runs (serve: while it serves), put back when it ends, so that
    # commands run one after another in one process (tests) do not see each other's folder.
    if value is not None:
        previous = set_ontology_dir(value)
        ctx.call_on_close(lambda: set_ontology_dir(previous))
    return value


ontology_option = click.option(
    "--ontology",
    metavar="DIR",
    type=click.Path(path_type=Path),
    callback=_use_ontology,
    help="Read the ontology in folder DIR instead of the shipped one.",
)


def graph_inputs(command: F) -> F:
    """Add the input options of a command that loads a graph and pass them as ``inputs``.

    PATHS (positional, any number), ``--ontology DIR``, ``--no-ontology``, and ``--data/-d``,
    the old spelling of PATHS kept hidden for scripts written before 0.2.
    """

    @functools.wraps(command)
    def with_inputs(
        *args: Any,
        paths: tuple[Path, ...],
        data: tuple[Path, ...],
        ontology: Path | None,
        no_ontology: bool,
        **kwargs: Any,
    ) -> Any:
        if ontology is not None and no_ontology:
            raise click.UsageError("give --ontology DIR or --no-ontology, not both")
        if data:
            click.echo(
                "note: --data/-d is deprecated: give input files as arguments, as every "
                "command takes them",
                err=True,
            )
        inputs = GraphInputs(tuple(paths) + tuple(data), include_shipped=not no_ontology)
        return command(*args, inputs=inputs, **kwargs)

    return cast(
        F,
        apply(
            with_inputs,
            click.argument("paths", nargs=-1, type=click.Path(path_type=Path, dir_okay=False)),
            ontology_option,
            click.option(
                "--no-ontology",
                is_flag=True,
                help="Read only PATHS, without the ontology.",
            ),
            click.option(
                "--data",
                "-d",
                "data",
                multiple=True,
                hidden=True,
                type=click.Path(path_type=Path, dir_okay=False),
            ),
        ),
    )


# -- language, format, output ------------------------------------------------------------------

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=DEFAULT_LANG,
    show_default=True,
    help="Language of labels, messages and fixed words.",
)


def format_option(choices: Sequence[str], default: str, help: str) -> Callable[[F], F]:
    """``--format`` with these choices, passed as ``output_format``."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help,
    )


#: stats and rules: a table for people or JSON for scripts
table_format_option = format_option(
    ["text", "json"], "text", "text: a table for people; json: for scripts."
)


def output_option(help: str) -> Callable[[F], F]:
    """``-o/--output FILE``; ``-`` (the default) is standard output."""
    return click.option(
        "--output", "-o", metavar="FILE", default=STDOUT, show_default=True, help=help
    )


def write_output(output: str, content: str | bytes) -> None:
    """Write ``content`` to the file ``output``, or text to stdout for ``-``.

    Binary content (DOCX, PNG) is never written to stdout: it needs a file. A file is
    written whole or not at all (:func:`~competency_graph.atomic.write_atomically`: a full
    disk leaves the previous file as it was) and named on stderr with its size, so stdout
    stays clean.
    """
    if output == STDOUT:
        if isinstance(content, bytes):
            raise InputError("binary output needs a file: give -o FILE")
        click.echo(content, nl=not content.endswith("\n") and bool(content))
        return
    path = Path(output)
    write_atomically(path, content)
    size = len(content if isinstance(content, bytes) else content.encode("utf-8"))
    click.echo(f"wrote {path} ({size} bytes)", err=True)


# -- stores ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreOptions:
    """What ``--store`` / ``--sparql-endpoint`` name."""

    store_path: Path | None = None
    sparql_endpoint: str | None = None
    sparql_update_endpoint: str | None = None
    sparql_user: str | None = None

    @property
    def given(self) -> bool:
        """True when a store or an endpoint is named."""
        return self.store_path is not None or self.sparql_endpoint is not None

    def open(self, *, write: str | None = None) -> GraphStore | None:
        """The store the options name, or None; the password comes from the environment.
        ``write`` names the option that will write to the store (``--edits``): a store
        folder is then opened to write, and an endpoint needs an update URL."""
        if self.store_path is not None and self.sparql_endpoint is not None:
            raise InputError("give either --store or --sparql-endpoint, not both")
        if self.store_path is not None:
            return open_store("oxigraph", self.store_path, read_only=write is None)
        if self.sparql_endpoint is not None:
            if write is not None and self.sparql_update_endpoint is None:
                raise InputError(
                    f"{write} writes job descriptions through the store: the endpoint needs "
                    "an update URL (--sparql-update-endpoint URL)",
                    self.sparql_endpoint,
                )
            return open_store(
                "sparql",
                self.sparql_endpoint,
                update_url=self.sparql_update_endpoint,
                user=self.sparql_user,
                password=(
                    os.environ.get(PASSWORD_VARIABLE) if self.sparql_user is not None else None
                ),
            )
        return None


def store_options(command: F) -> F:
    """Add ``--store`` or ``--sparql-endpoint`` (with update URL and user; the password
    comes from :data:`PASSWORD_VARIABLE`) and pass them as ``store``."""

    @functools.wraps(command)
    def with_store(
        *args: Any,
        store_path: Path | None,
        sparql_endpoint: str | None,
        sparql_update_endpoint: str | None,
        sparql_user: str | None,
        **kwargs: Any,
    ) -> Any:
        options = StoreOptions(store_path, sparql_endpoint, sparql_update_endpoint, sparql_user)
        return command(*args, store=options, **kwargs)

    return cast(
        F,
        apply(
            with_store,
            click.option(
                "--store",
                "store_path",
                metavar="DIR",
                type=click.Path(path_type=Path, file_okay=False),
                help="Also read this on-disk store (made by `competency-graph import esco`).",
            ),
            click.option(
                "--sparql-endpoint",
                metavar="URL",
                help="Also read a SPARQL 1.1 endpoint (its query URL).",
            ),
            click.option(
                "--sparql-update-endpoint",
                metavar="URL",
                help="The endpoint's update URL (only needed to write).",
            ),
            click.option(
                "--sparql-user",
                metavar="USER",
                help=f"Basic-auth user for the endpoint (password: ${PASSWORD_VARIABLE}).",
            ),
        ),
    )
