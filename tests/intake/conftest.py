"""Fixtures of the intake tests: the PKI and tokens of the session network's units."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from sites.intake import tokens

from .pki import make_pki

API = "/api/v1/documents/"

METADATA = {
    "number": "12-TB/HU",
    "type": "Thông báo",
    "issuer": "Huyện ủy Núi Đỏ",
    "signer": "Nguyễn Văn An",
    "issued": "2025-03-05",
    "abstract": "Kết luận của Ban Thường vụ Huyện ủy về chuyển đổi số",
    "publish": True,
}


@pytest.fixture(scope="session")
def pki():
    return make_pki()


@pytest.fixture
def token_of(network):
    """`token_of("district_a")`: a new token's secret for that unit."""

    def make(unit_key: str, name: str = "IDOC") -> str:
        return tokens.create(network.unit(unit_key), name)[1]

    return make


def api_client(network, unit_key: str, secret: str | None) -> Client:
    """A client of the unit's host sending `secret` as its token; CSRF is enforced, as for
    any other system (the API must not need it)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret is not None else {}
    return Client(HTTP_HOST=network.domains[unit_key], enforce_csrf_checks=True, **headers)


def push(client: Client, content: bytes, name: str = "thong-bao.pdf", **changes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    metadata = {**METADATA, **changes}
    return client.post(
        API,
        {
            "metadata": json.dumps(metadata, ensure_ascii=False),
            "file": SimpleUploadedFile(name, content),
        },
    )
