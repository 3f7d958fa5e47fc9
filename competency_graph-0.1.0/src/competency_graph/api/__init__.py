"""The GraphQL API over the read model.

- :mod:`.types` - entity types (Position, Duty, Skill...), enums, the Node interface;
- :mod:`.results` - types of the analysis results (coverage, skill gap, matches);
- :mod:`.checks` - types of check reports;
- :mod:`.inputs` - input types generated from the job-description JSON Schema;
- :mod:`.schema` - the root Query and its resolvers; :mod:`.pagination` - connections;
- :mod:`.guards` - validation rules limiting depth, aliases, complexity, introspection;
- :mod:`.execution` - the parsed-document cache and running one operation;
- :mod:`.context` - what resolvers get per request; :mod:`.descriptions` - ontology texts;
- :mod:`.graphiql` - the browser pages.

Resolvers receive domain objects and the per-request context; they never see an rdflib
graph and never build SPARQL.
"""
