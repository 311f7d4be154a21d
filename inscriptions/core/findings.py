"""The rules' findings as the interface shows them: translated, values in the reader's format."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext

from inscriptions.rules import Finding


def _display(value: object) -> str:
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value.normalize() if value == value.to_integral() else value)
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    if isinstance(value, (tuple, list, frozenset, set)):
        return ", ".join(_display(item) for item in value)
    return str(value)


def finding_text(finding: Finding) -> str:
    """The message in the active language, its parameters formatted for that language."""
    params = {name: _display(value) for name, value in finding.params.items()}
    return gettext(finding.message) % params


def finding_source(finding: Finding) -> str:
    return finding.source.citation()
