"""GDELT 2.0 as GDELT publishes it (``geokg sync gdelt``): the lists of files (``lists``), their
download and checks (``fetch``), and the run that loads each 15-minute slice once through the
load pipeline and records it in the graph (``sync``).

It may import ``graph`` (the store's ``feed`` module records the slices) and the other loaders.
"""
