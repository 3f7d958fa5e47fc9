"""The consistency checker: rule catalogue, SHACL validation, OWL reasoning, reports.

- :mod:`.rules` - the rule catalogue read from ``ontology/rules.ttl``.
- :mod:`.report` - :class:`Violation` and :class:`Report`.
- :mod:`.engine` - run the rules on a whole graph or on one position by focus.
- :mod:`.formats` - render a report as text, JSON, JUnit XML, SARIF or a SHACL report.
- :mod:`.screening` - free-text screening of vacancies and job descriptions for discriminatory
  phrasing (Russian and English), each finding located with its ground and legal source.
"""
