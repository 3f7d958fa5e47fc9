"""Violations and the report that collects them; renderers live in :mod:`.formats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib.term import Node

from competency_graph.errors import InputError
from competency_graph.model.rules import Severity


@dataclass(frozen=True)
class Location:
    """Where to fix a violation: file and 1-based line (column when known), and for a YAML or
    JSON job description the field path there (``duties[3]``, ``agreements``)."""

    path: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class ShaclResult:
    """A violation as SHACL reports it: the RDF terms, not their display text.

    ``source_shape`` is the shape the result comes from (the node shape of a SPARQL-based
    constraint, the property shape of a property constraint); ``source_constraint`` the
    ``sh:sparql`` node of a SPARQL-based constraint; ``value`` the term from the data (the
    focus node when a SPARQL constraint binds no ``?value``, as SHACL 5.3.2 says);
    ``messages`` the message in every language; ``shapes`` the triples describing the blank
    nodes among the shape and constraint, which a report copies (a blank node means nothing
    outside its graph).
    """

    focus: Node
    source_shape: Node
    component: Node
    source_constraint: Node | None = None
    value: Node | None = None
    messages: tuple[tuple[str, str], ...] = ()
    shapes: tuple[tuple[Node, Node, Node], ...] = ()


@dataclass(frozen=True)
class Consequence:
    """A violation named by another one: its rule, focus, value and where it is. A root cause
    (a reference to an undefined entity) names the violations it causes; each of those names
    it back."""

    rule_id: str
    focus: str
    value: str | None = None
    location: Location | None = None

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.location})" if self.location else self.rule_id


@dataclass(frozen=True)
class Violation:
    """One broken rule at one entity.

    ``focus`` and ``value`` are IRIs (``value`` may be a literal's text); ``focus_label`` and
    ``value_label`` are their labels in the report's language; ``message`` is the rule's
    message with those labels filled in, ``fix`` what to change. ``shacl`` holds the RDF
    terms of a violation a SHACL shape found (None for the reasoner's, or one made by hand);
    it does not take part in comparisons.
    """

    rule_id: str
    severity: Severity
    message: str
    focus: str
    focus_label: str = ""
    path: str | None = None
    value: str | None = None
    value_label: str | None = None
    fix: str = ""
    source: str = ""
    source_label: str = ""
    location: Location | None = None
    shacl: ShaclResult | None = field(default=None, compare=False, repr=False)
    #: the violations this one causes (it is their root cause), listed after it
    causes: tuple[Consequence, ...] = ()
    #: the violation that causes this one
    caused_by: Consequence | None = None

    def sort_key(self) -> tuple[int, int, str, str, str, str]:
        """Errors first, root causes first among them, then by rule, focus, value."""
        return (
            -self.severity.rank,
            0 if self.causes else 1,
            self.rule_id,
            self.focus,
            self.path or "",
            self.value or "",
        )

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """What the violation is about, whatever its line or wording: rule, focus, path and
        value (one violation in two runs of a check, or two reports)."""
        return (self.rule_id, self.focus, self.path or "", self.value or "")

    def as_consequence(self) -> Consequence:
        """This violation as another one names it."""
        return Consequence(self.rule_id, self.focus, self.value, self.location)


@dataclass
class Report:
    """The outcome of a check: violations plus what was checked and how."""

    violations: list[Violation] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    lang: str = "en"
    reasoner_used: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    #: the problems of the inputs (each located): the rules ran on what could be read, or
    #: not at all
    input_errors: list[InputError] = field(default_factory=list)
    #: selected rules the check could not run, and why ("owl-consistency not run: java is
    #: not on PATH"): also in ``notes``, and shown in the text report, where a clean result
    #: would otherwise pass for a complete one
    not_run: list[str] = field(default_factory=list)

    def sorted(self) -> list[Violation]:
        """Violations in a stable order: errors first."""
        return sorted(self.violations, key=Violation.sort_key)

    def counts(self) -> dict[str, int]:
        """Number of violations per severity name, every severity present."""
        counter = Counter(v.severity.value for v in self.violations)
        return {severity.value: counter.get(severity.value, 0) for severity in Severity}

    def fails(self, threshold: Severity | None) -> bool:
        """True when a violation is at or above ``threshold`` (None: never fails)."""
        if threshold is None:
            return False
        return any(v.severity.rank >= threshold.rank for v in self.violations)

    def changes_since(self, previous: Report) -> tuple[list[Violation], list[Violation]]:
        """The violations new in this report and those of ``previous`` no longer in it (by
        :attr:`Violation.identity`: one that only moved to another line is neither)."""
        before = {v.identity for v in previous.violations}
        now = {v.identity for v in self.violations}
        new = [v for v in self.sorted() if v.identity not in before]
        fixed = [v for v in previous.sorted() if v.identity not in now]
        return new, fixed

    @property
    def conforms(self) -> bool:
        """True when the inputs were read and there is no violation of any severity."""
        return not self.violations and not self.input_errors
