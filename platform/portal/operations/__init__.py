"""Running the network in production: health checks, logs, backups, restores, the worker."""
