"""Running the network in production: health checks, logs, backups, login throttling."""
