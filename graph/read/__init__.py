"""Reading the graph: repositories that run the named queries of ``queries/`` in read
transactions (one base, ``ReadRepository``), and the views they return, which the API serialises
as they are (``views``, ``series_views``; calendar buckets in ``buckets``). The export reader
reads records back as model records for the RDF export.

It may import the domain and ``graph.store`` (to decode what is stored), and ``queries``.
"""
