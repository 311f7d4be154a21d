"""Settings come from the environment; each variant is checked in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

HEALTH_SCRIPT = """
import json, django
django.setup()
from inscriptions.core import health
print(json.dumps(health.task_queue_state()))
"""


def run_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TASK_", "DATABASE_", "REDIS_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="inscriptions.settings",
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_python("import django; django.setup()", tmp_path, DJANGO_ENV="production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY est obligatoire en production" in result.stderr


def test_production_with_a_secret_key_is_secure_and_not_debug(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = run_python(
        code,
        tmp_path,
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="k" * 50,
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True"]


def test_development_key_is_generated_once_outside_the_repository(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY)"
    )
    first = run_python(code, tmp_path)
    second = run_python(code, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_unknown_task_backend_is_refused_with_the_allowed_values(tmp_path):
    result = run_python("import django; django.setup()", tmp_path, TASK_BACKEND="celery")
    assert result.returncode != 0
    assert "TASK_BACKEND doit valoir" in result.stderr
    assert "immediate, database, redis" in result.stderr


def test_database_task_backend_reports_its_waiting_tasks(tmp_path):
    migrate = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', 'django_tasks_database', verbosity=0)",
        tmp_path,
        TASK_BACKEND="database",
    )
    assert migrate.returncode == 0, migrate.stderr
    result = run_python(HEALTH_SCRIPT, tmp_path, TASK_BACKEND="database")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "backend": "database",
        "waiting": 0,
        "ok": True,
    }


def test_unreachable_redis_is_reported_down(tmp_path):
    # Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    result = run_python(
        HEALTH_SCRIPT, tmp_path, TASK_BACKEND="redis", REDIS_URL="redis://127.0.0.1:9/0"
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["backend"] == "redis"
    assert state["ok"] is False


def test_cache_url_shares_a_redis_cache_and_a_redis_out_of_reach_breaks_no_page(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from inscriptions.catalog import cache; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
        "cache.memoized('answer', lambda: 42))"
    )
    result = run_python(code, tmp_path, CACHE_URL="redis://127.0.0.1:9/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "42",
    ]
    assert "the shared cache did not answer" in result.stderr


def test_without_a_shared_cache_sessions_stay_in_the_database(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_ENGINE)"
    )
    result = run_python(code, tmp_path)
    assert result.stdout.split() == ["django.contrib.sessions.backends.db"]
