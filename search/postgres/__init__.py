"""The PostgreSQL engine: full-text search over the ledger, with no extensions needed."""
