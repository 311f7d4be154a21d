"""The OpenAPI schema committed in docs/ is the one the code serves."""

from io import StringIO
from pathlib import Path

import yaml
from django.core.management import call_command

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml"


def test_committed_schema_is_up_to_date():
    out = StringIO()
    call_command("spectacular", "--validate", stdout=out)
    assert yaml.safe_load(out.getvalue()) == yaml.safe_load(SCHEMA_FILE.read_text()), (
        "docs/openapi.yaml is stale: run `make schema` and commit the result."
    )


def test_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/sessions/" in schema["paths"]
