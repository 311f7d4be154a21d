"""The rules' findings as the interface shows them: translated, values in the reader's format."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext

from inscriptions.rules import Finding, Source


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


def source_text(source: Source) -> str:
    """Where a rule comes from, in words and in the reader's language: the document's title and
    its section (« notice de l'académie de Nancy-Metz, session 2025, « Rappels importants » »);
    the regulatory texts by their own section (« code de l'éducation… §3 D643-14 »)."""
    if source.words:
        return gettext(source.words)
    return f"{gettext(source.title)}, {source.section}"


def finding_source(finding: Finding) -> str:
    return source_text(finding.source)


def explained(findings: Iterable[Finding]) -> list[dict[str, str]]:
    """The findings as the pages show them: severity, text and source in words, code."""
    return [
        {
            "severity": finding.severity.value,
            "text": finding_text(finding),
            "source": finding_source(finding),
            "code": finding.code,
        }
        for finding in findings
    ]
