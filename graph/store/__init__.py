"""Neo4j as storage: the driver, the schema, how records become node and relationship properties
(``codec``, ``labels``), and the two writers the load pipeline takes as a ``RecordSink``: the
transactional ``GraphWriter`` (batched ``UNWIND … MERGE`` over Bolt) and the ``BulkCsvWriter``
(``neo4j-admin database import`` CSVs).

It may import the domain (``graph``'s root modules) and ``queries``.
"""
