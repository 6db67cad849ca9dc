// The server's version and the graph's size.
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN versions[0] AS version, edition, nodes, relationships
