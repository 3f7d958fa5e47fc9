"""The GraphQL API: graphene types over the read model, the schema, pagination and guards.

Resolvers receive domain objects (:mod:`competency_graph.domain`, :mod:`competency_graph.analysis`)
and the per-request :class:`~competency_graph.api.context.ApiContext`; they never see an
rdflib graph and never build SPARQL.
"""
