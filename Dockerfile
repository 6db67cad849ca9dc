# The geokg API. Neo4j runs in its own container (see docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY loaders ./loaders
COPY queries ./queries
COPY examples ./examples
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["sh", "-c", "geokg load examples/seed_2025-08-13.jsonl && exec geokg serve --host 0.0.0.0 --port 8000"]
