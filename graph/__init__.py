"""The graph's domain, and beneath it everything that stores, reads and shows it.

The root holds the domain alone: the record model (``model``), valid time (``temporal``), the
event-type vocabulary (``vocabulary``, ``event_types.toml``), the public codebooks
(``codebooks``, ``codebooks/*.tsv``) and the settings; beside them ``cancel``, the flag by which
long work (an export, an analysis) learns that its result is no longer wanted. The root imports
nothing of the project.

The sub-packages, each importing only what stands before it (and ``queries``):
``store`` (Neo4j's storage format and the writers) ← ``read`` (read transactions and the views
they fill) ← ``outputs`` (charts, tables, network analysis) and ``rdf`` (the RDF mapping);
``server`` (the local Neo4j and the bulk import) and ``browser`` (the Neo4j Browser's style and
guide) are tooling beside them. Nothing in ``graph`` imports FastAPI, ``loaders`` or ``api``.
"""
