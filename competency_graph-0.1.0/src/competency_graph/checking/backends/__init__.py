"""The back ends that evaluate the rules: compiled SPARQL, pySHACL, HermiT."""
