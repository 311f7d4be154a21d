"""What the office's serializers share: the moves' API names, people and categories as shown,
findings and refusals."""

from typing import Any

from django.utils.translation import gettext
from rest_framework import serializers

from inscriptions import rules as r
from inscriptions.accounts.models import User
from inscriptions.rules import facts as rf
from inscriptions.rules import labels

# The API's name for each move of the state table that the office makes.
MOVES = {
    "compliant": r.Move.DECLARE_COMPLIANT,
    "non_compliant": r.Move.DECLARE_NON_COMPLIANT,
    "request_completion": r.Move.REQUEST_COMPLETION,
    "reopen": r.Move.REOPEN,
}


MAX_BULK = 500


def person(user: User | None) -> str | None:
    """How the office's pages name someone: the full name, or the address without one."""
    if user is None:
        return None
    return user.get_full_name() or user.email


def category_label(value: str) -> str:
    try:
        return gettext(labels.label(rf.Category(value)))
    except ValueError:
        return value


class OfficeFindingSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="Code stable de la règle (voir docs/rules.md).")
    severity = serializers.CharField(help_text="error, warning ou info.")
    field = serializers.CharField(allow_null=True, help_text="Champ de la requête concerné.")
    message = serializers.CharField(help_text="Message dans la langue de l'interface.")
    source = serializers.CharField(  # type: ignore[assignment]
        help_text="Texte d'où vient la règle (notice et section)."
    )


class OfficeRefusalSerializer(serializers.Serializer[dict[str, Any]]):
    detail = serializers.CharField(help_text="Pourquoi, dans la langue de l'interface.")
    field = serializers.CharField(
        allow_null=True, help_text="Champ de la requête à corriger, ou null."
    )
    errors = OfficeFindingSerializer(  # type: ignore[assignment]
        many=True, help_text="Les constats des règles qui motivent le refus (peut être vide)."
    )


class SpecialtyRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    bcn_code = serializers.CharField()
    name = serializers.CharField()
    option = serializers.CharField()


class CandidateRefSerializer(serializers.Serializer[dict[str, Any]]):
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    candidate_number = serializers.CharField(help_text="Vide pour un premier passage.")


class SessionRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    exam_year = serializers.IntegerField()
    academy = serializers.CharField(source="academy.code", help_text="Code de l'académie.")
