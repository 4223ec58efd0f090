"""The Elasticsearch engine: index mapping, outbox indexer, queries (see docs/search.md)."""
