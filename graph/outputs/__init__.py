"""What is made of the read views for people and tools: SVG charts, CSV tables and series files,
and the network analysis (networkx) of an interaction graph.

It may import the domain and ``graph.read``'s views; it runs no query of its own.
"""
