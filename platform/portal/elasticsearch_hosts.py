"""The Elasticsearch nodes named by ELASTICSEARCH_URL: one URL, or several separated by commas."""

from __future__ import annotations

from urllib.parse import urlsplit


def elasticsearch_hosts(value: str) -> list[str]:
    """The node URLs of `value` ("http://es1:9200,http://es2:9200"), in order, no duplicates.

    Raises ValueError naming the entry that is not an http(s)://host[:port] URL."""
    hosts: list[str] = []
    for entry in value.split(","):
        host = entry.strip()
        if not host:
            raise ValueError(f"an empty node address in {value!r}")
        parts = urlsplit(host)
        try:
            parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
        except ValueError:
            raise ValueError(f"{host!r} has an invalid port") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{host!r} is not an http(s)://host:port address")
        if host not in hosts:
            hosts.append(host)
    return hosts
