# Sourced by scripts/test and .ci/run: the tests' own disposable Neo4j, beside any real one.
# GEOKG_TEST_BOLT_PORT / GEOKG_TEST_HTTP_PORT / GEOKG_TEST_HOME let two test runs live side by side.
export NEO4J_URI="bolt://127.0.0.1:${GEOKG_TEST_BOLT_PORT:-17687}"
export NEO4J_USER="neo4j"
export NEO4J_PASSWORD="${GEOKG_TEST_NEO4J_PASSWORD:-geokg-test-password}"
export GEOKG_NEO4J_HOME="${GEOKG_TEST_HOME:-$PWD/.neo4j-test}"
export GEOKG_NEO4J_HTTP_PORT="${GEOKG_TEST_HTTP_PORT:-17474}"
export GEOKG_NEO4J_HEAP=1g
export GEOKG_NEO4J_PAGECACHE=512m
export GEOKG_TEST_DATABASE_IS_DISPOSABLE=1
