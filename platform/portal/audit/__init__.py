"""The audit log of network-level actions (public schema, append-only)."""

from .log import record

__all__ = ["record"]
