"""competency-graph: a role-and-competency knowledge graph for HR.

The package is organised by responsibility:

- :mod:`competency_graph.namespaces` - IRIs of the vocabularies and the compact ids.
- :mod:`competency_graph.graph.ontology` - where the shipped ontology and its catalog live.
- :mod:`competency_graph.graph.files` - reading RDF files into one graph, with located errors.
- :mod:`competency_graph.graph.stats` - counts of entities per concept.
- :mod:`competency_graph.cli.main` - the ``competency-graph`` command line.
"""

__version__ = "0.1.0"
