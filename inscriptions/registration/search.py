"""The dossier's name as the office searches it: lower case, without accents, so that « Léa
Hénault », « lea henault » and « HENAULT » find the same dossier with a prefix on an index."""

import unicodedata
from typing import Any


def search_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().replace("-", " ").replace("'", " ").split())


def index_fields(answers: dict[str, Any]) -> dict[str, Any]:
    """What the office's queue filters and searches on, from a version's answers."""
    identity = answers.get("identity", {})
    situation = answers.get("situation", {})
    last_name = (identity.get("usage_name") or identity.get("last_name") or "").strip()
    first_name = (identity.get("first_name_1") or "").strip()
    return {
        "last_name": last_name[:100],
        "first_name": first_name[:100],
        "search_name": search_key(f"{last_name} {first_name}")[:200],
        "category": situation.get("category") or "",
        "exam_form": answers.get("form", {}).get("form") or "",
        "accommodation_requested": bool(situation.get("disability_declared")),
    }
