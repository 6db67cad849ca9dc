"""A real Neo4j 5.26 Community server for development, provisioned from Maven Central.

``start_server`` fetches the jars with Maven into ``settings.neo4j_home`` (once), writes a
loopback-only ``neo4j.conf``, sets the initial password and runs the server detached;
``stop_server`` and ``server_status`` find it again through ``<home>/run/neo4j.pid``.
``bulk_import`` stops it, runs ``neo4j-admin database import full`` on the store's CSVs and
starts it again.

It may import the domain, ``graph.store`` and ``queries``.
"""

from graph.server.config import ServerError
from graph.server.process import ServerStatus, server_status, start_server, stop_server

__all__ = ["ServerError", "ServerStatus", "server_status", "start_server", "stop_server"]
