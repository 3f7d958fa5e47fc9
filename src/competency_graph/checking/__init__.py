"""The consistency checker: rule catalogue, SHACL validation, OWL reasoning, reports.

- :mod:`.rules` - the rule catalogue read from ``ontology/rules.ttl``.
- :mod:`.report` - :class:`Violation` and :class:`Report`.
- :mod:`.engine` - run the rules on a whole graph or on one position by focus.
- :mod:`.formats` - render a report as text, JSON, JUnit XML, SARIF or a SHACL report.
"""
