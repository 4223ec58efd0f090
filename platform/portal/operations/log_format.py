"""Structured logs: one JSON object per line on stdout, for journald or a log collector."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def json_logging(level: str = "INFO", loggers: dict | None = None) -> dict:
    """A logging dictConfig: every record as JSON on stdout (settings and gunicorn share it)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "portal.operations.log_format.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": loggers or {},
    }


class JsonFormatter(logging.Formatter):
    """Each record as one line of JSON: time, level, logger, message, unit schema, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        schema = _current_schema()
        if schema:
            entry["schema"] = schema
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if _is_plain(value) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _is_plain(value) -> bool:
    return isinstance(value, str | int | float | bool | type(None))


def _current_schema() -> str | None:
    """The schema the database connection is set to (the unit being served), if any."""
    try:
        from django.db import connection

        return getattr(connection, "schema_name", None)
    except Exception:  # logging must never fail because Django is not set up
        return None
