"""The deployment files (deploy/): every setting they give is one the service reads, and every
command they run is one the service has, so an operator's copy cannot drift from the code
unnoticed. (The image is not built here: no container registry is reachable from CI.)"""

import re
from pathlib import Path

import django_rq
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
SETTINGS = (ROOT / "inscriptions" / "settings.py").read_text(encoding="utf-8")
# Read by the libraries (dj-database-url, prometheus_client) rather than by name in the settings.
READ_ELSEWHERE = {"DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR"}
# Given to the migration job as its DATABASE_URL (the owner role), never to the service.
MIGRATIONS_ONLY = {"DATABASE_OWNER_URL"}


def _read_by_the_service(name: str) -> bool:
    return name in READ_ELSEWHERE or re.search(rf"[\"']{name}[\"']", SETTINGS) is not None


def _documents(path: Path) -> list[dict]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def _environment_of_compose() -> set[str]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    names = set(compose["x-service"]["environment"])
    names |= {
        line.split("=", 1)[0]
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    # The compose file's own variables, not the service's.
    return names - {
        "POSTGRES_PASSWORD",
        "APP_DB_PASSWORD",
        "MINIO_ROOT_USER",
        "MINIO_ROOT_PASSWORD",
        "SITE_HOST",
    }


def _environment_of_kubernetes() -> set[str]:
    names: set[str] = set()
    for path in (DEPLOY / "kubernetes").glob("*.yaml"):
        for document in _documents(path):
            if document.get("kind") == "ConfigMap":
                names |= set(document["data"])
            if document.get("kind") == "Secret":
                names |= set(document["stringData"])
    return names


def test_every_setting_of_the_deployment_files_is_read_by_the_service():
    for name in (_environment_of_compose() | _environment_of_kubernetes()) - MIGRATIONS_ONLY:
        assert _read_by_the_service(name), name


def _commands(documents: list[dict]) -> list[list[str]]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("command"), list):
                found.append(node["command"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(documents)
    return found


def test_every_command_they_run_is_one_the_service_has():
    documents = [yaml.safe_load((DEPLOY / "compose.yaml").read_text())]
    for path in (DEPLOY / "kubernetes").glob("*.yaml"):
        documents += _documents(path)
    commands = [c for c in _commands(documents) if c[:2] == ["python", "manage.py"]]
    # A shell line of several commands (the migrations, then the role's rights).
    for line in (c[2] for c in _commands(documents) if c[:2] == ["sh", "-c"]):
        commands += [part.split() for part in line.split("&&")]

    assert {c[2] for c in commands} == {
        "migrate",
        "grant_application_role",
        "rqworker",
        "run_scheduler",
    }
    # django-rq's commands exist once TASK_BACKEND=redis installs it, as the files set.
    rq_commands = Path(django_rq.__file__).parent / "management" / "commands"
    for command in commands:
        assert command[2] in get_commands() or (rq_commands / f"{command[2]}.py").is_file()


def test_the_schedulers_run_twice_and_the_web_servers_several_times():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    assert compose["scheduler"]["deploy"]["replicas"] == 2
    assert compose["web"]["deploy"]["replicas"] >= 2
    (scheduler,) = _documents(DEPLOY / "kubernetes" / "scheduler.yaml")[:1]
    assert scheduler["spec"]["replicas"] == 2


def test_the_service_runs_with_a_role_of_its_own_and_migrations_with_the_owner():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    service_url = compose["x-service"]["environment"]["DATABASE_URL"]
    migrate = compose["services"]["migrate"]
    assert service_url.startswith("postgres://inscriptions_app:")
    assert migrate["environment"]["DATABASE_URL"].startswith("postgres://inscriptions:")
    assert "grant_application_role inscriptions_app" in migrate["command"][2]
    init = (DEPLOY / "postgres-init.sh").read_text()
    assert "CREATE ROLE inscriptions_app LOGIN" in init
