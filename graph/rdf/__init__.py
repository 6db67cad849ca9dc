"""The graph as RDF on standard vocabularies (SEM, PROV-O, SKOS, schema.org): the namespaces, the
mapping of model records to triples, the export in every serialisation, and the project's own
vocabulary and SHACL shapes (``geokg.ttl``, ``shapes.ttl``).

It may import the domain, ``graph.store``'s labels and ``graph.read``'s export reader.
"""
