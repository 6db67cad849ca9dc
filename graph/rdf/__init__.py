"""RDF export and import: the mapping to standard vocabularies, the graph reader, the writers."""
