"""An environment for the production settings, for tests that start real processes."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PORTAL_", "DJANGO_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgresql://portal@db.example.vn/portal",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PORTAL_PRIMARY_DOMAIN="tinh.example.vn",
        ALLOWED_HOSTS=".example.vn",
        EMAIL_HOST="smtp.example.vn",
        DEFAULT_FROM_EMAIL="cong-thong-tin@example.vn",
    )
    env.update(overrides)
    return env
