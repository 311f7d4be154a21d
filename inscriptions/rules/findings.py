"""Findings, the rules that produce them, and the decisions that carry them.

A rule never answers a bare ``True``/``False``: it returns a decision holding findings, each with a
stable code, its parameters, a French message template and the text it comes from. Every rule is
declared once with :func:`define_rule`, which files it in the catalogue ``docs/rules.md`` is
generated from.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Self

from .dates import PARIS
from .sources import Source

ParamValue = str | int | Decimal | date | datetime


class Severity(StrEnum):
    """How a finding weighs: an error blocks, a warning and an info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def display_value(value: ParamValue) -> str:
    """Format a parameter the way a French reader expects it.

    Instants are shown in Paris time whatever zone they come in (Django hands back UTC): the
    notices state every deadline in Paris time.
    """
    if isinstance(value, datetime):
        return value.astimezone(PARIS).strftime("%d/%m/%Y à %Hh%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found about a candidate, explained and cited."""

    code: str
    severity: Severity
    message: str
    source: Source
    params: Mapping[str, ParamValue] = dataclass_field(default_factory=lambda: MappingProxyType({}))
    field: str | None = None

    def display_params(self) -> dict[str, str]:
        """Parameters formatted for the message (dates, grades with a decimal comma)."""
        return {name: display_value(value) for name, value in self.params.items()}

    def render(self) -> str:
        """The French message with its parameters filled in (untranslated template)."""
        return self.message % self.display_params()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of the catalogue: what it is called, how it weighs, what it says and why."""

    code: str
    severity: Severity
    message: str
    source: Source
    field: str | None = None

    def finding(self, *, field: str | None = None, **params: ParamValue) -> Finding:
        """A finding of this rule; ``field`` overrides the rule's default field."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=self.message,
            source=self.source,
            params=MappingProxyType(params),
            field=field if field is not None else self.field,
        )


_CATALOGUE: dict[str, Rule] = {}


def define_rule(
    code: str, severity: Severity, message: str, source: Source, *, field: str | None = None
) -> Rule:
    """Declare a rule once and file it in the catalogue (codes are unique and stable)."""
    if code in _CATALOGUE:
        raise ValueError(f"rule code {code!r} is defined twice")
    rule = Rule(code=code, severity=severity, message=message, source=source, field=field)
    _CATALOGUE[code] = rule
    return rule


def catalogue() -> tuple[Rule, ...]:
    """Every rule declared so far, sorted by code (see ``inscriptions.rules.catalogue``)."""
    return tuple(_CATALOGUE[code] for code in sorted(_CATALOGUE))


@dataclass(frozen=True, slots=True)
class Decision:
    """The findings of one or more rules."""

    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def ok(self) -> bool:
        """No blocking error (warnings and infos do not block)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    def for_field(self, name: str) -> tuple[Finding, ...]:
        """The findings to show beside one field of the wizard."""
        return tuple(f for f in self.findings if f.field == name)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Self:
        return cls(findings=tuple(findings))
