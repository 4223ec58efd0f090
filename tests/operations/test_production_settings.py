"""The production settings: only from the environment, deploy checks clean, JSON logs."""

import json
import subprocess

import pytest

from .production_env import PYTHON, ROOT, production_env

REQUIRED = [
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "PORTAL_PRIMARY_DOMAIN",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
]


def manage(*args, env):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def settings_value(expression: str, env) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    # Only W019 (X-Frame-Options other than DENY: SAMEORIGIN, see production.py) is silenced.
    assert "no issues (1 silenced)" in result.stdout


@pytest.mark.parametrize("missing", [["SECRET_KEY"], ["DATABASE_URL", "REDIS_URL"], REQUIRED])
def test_missing_variables_are_all_named_at_start(missing):
    env = production_env()
    for name in missing:
        env.pop(name)
    result = manage("check", env=env)
    assert result.returncode != 0
    line = next(line for line in result.stderr.splitlines() if "environment variables" in line)
    assert line.endswith(", ".join(missing) + " (see deploy/portal.env.example).")


def test_a_blank_variable_counts_as_missing():
    result = manage("check", env=production_env(SECRET_KEY="  "))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_values_come_from_the_environment():
    env = production_env(
        ALLOWED_HOSTS=".sonlam.gov.vn, cong.example.vn",
        PORTAL_PRIMARY_DOMAIN="sonlam.gov.vn",
        ELASTICSEARCH_URL="http://10.1.2.3:9200",
        EMAIL_PORT="2525",
    )
    assert settings_value("settings.ALLOWED_HOSTS", env) == "['.sonlam.gov.vn', 'cong.example.vn']"
    assert settings_value("settings.WAGTAILADMIN_BASE_URL", env) == "https://sonlam.gov.vn"
    assert settings_value("settings.ELASTICSEARCH_URL", env) == "http://10.1.2.3:9200"
    assert settings_value("settings.EMAIL_PORT", env) == "2525"
    cache = json.loads(settings_value("__import__('json').dumps(settings.CACHES['default'])", env))
    assert cache["BACKEND"] == "portal.operations.redis_cache.RedisCache"
    assert cache["LOCATION"] == env["REDIS_URL"]
    assert cache["KEY_FUNCTION"] == "django_tenants.cache.make_key"
    # Sessions: cached_db on their own alias of the same Redis, with network-wide keys.
    sessions = json.loads(
        settings_value(
            "__import__('json').dumps([settings.SESSION_ENGINE, settings.SESSION_CACHE_ALIAS,"
            " settings.CACHES[settings.SESSION_CACHE_ALIAS]])",
            env,
        )
    )
    assert sessions[:2] == ["django.contrib.sessions.backends.cached_db", "sessions"]
    assert sessions[2]["LOCATION"] == env["REDIS_URL"]
    assert "KEY_FUNCTION" not in sessions[2]
    assert settings_value("settings.DEBUG", env) == "False"


def test_a_malformed_flag_is_refused():
    result = manage("check", env=production_env(EMAIL_USE_TLS="maybe"))
    assert result.returncode != 0
    assert "EMAIL_USE_TLS must be true or false" in result.stderr


def test_logs_are_json_lines_on_stdout():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('portal.test').warning('Đã sao lưu %s', 'TN', extra={'unit': 'TN'})"
    )
    result = subprocess.run(
        [PYTHON, "-c", code],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "portal.test"
    assert entry["message"] == "Đã sao lưu TN"
    assert entry["unit"] == "TN"
    assert entry["time"].endswith("+00:00")


def test_the_replica_comes_from_the_environment_and_only_from_there():
    databases = "__import__('json').dumps(settings.DATABASES, default=str)"
    without = json.loads(settings_value(databases, production_env()))
    assert list(without) == ["default"]
    env = production_env(
        PORTAL_REPLICA_DATABASE_URL="postgresql://doc:pw@10.0.0.12:5433/portal",
        PORTAL_REPLICA_MAX_LAG_SECONDS="2",
    )
    replica = json.loads(settings_value(databases, env))["replica"]
    assert replica["ENGINE"] == "portal.tenancy.replica"
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == ("10.0.0.12", 5433, "doc")
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert settings_value("settings.PORTAL_REPLICA_MAX_LAG_SECONDS", env) == "2"
    bad = manage("check", env=production_env(PORTAL_REPLICA_MAX_LAG_SECONDS="vài giây"))
    assert bad.returncode != 0
    assert "PORTAL_REPLICA_MAX_LAG_SECONDS must be a whole number" in bad.stderr
