"""The consistency checker: rule catalogue, SHACL validation, OWL reasoning, reports.

- :mod:`.rules` - the rule catalogue read from ``ontology/rules.ttl``, and rule selection.
- :mod:`.shapes` - the SHACL shapes of ``ontology/shapes/`` and the rule each implements.
- :mod:`.scope` - what one position's check reports on (:class:`~.scope.PositionScope`).
- :mod:`.engine` - the :class:`~.engine.Checker`: selects rules, dispatches them to the back
  ends, orders the violations.
- :mod:`.backends` - :mod:`~.backends.compiled` (SHACL compiled to SPARQL for oxigraph, with
  the registry of compiled SHACL parameters), :mod:`~.backends.pyshacl` (the reference
  engine and the fallback), :mod:`~.backends.hermit` (OWL reasoning, owl-consistency), and
  the rules implemented in Python (:mod:`~.backends.evaluators`, their registry):
  :mod:`~.backends.wording` (discriminatory-wording) and :mod:`~.backends.vocabulary`
  (references: undefined IRIs and closed value sets).
- :mod:`.violations` - a back end's result as a violation: messages filled in, labels, lines.
- :mod:`.working` - the in-memory oxigraph store a check reads.
- :mod:`.report` - :class:`Violation` and :class:`Report`.
- :mod:`.formats` - render a report as text, JSON, JUnit XML, SARIF or a SHACL report.
- :mod:`.screening` - free-text screening of vacancies and job descriptions for discriminatory
  phrasing (Russian and English), each finding located with its ground and legal source; the
  rule discriminatory-wording is built on it.
"""
