"""The catalogue itself: codes, messages, sources, labels, and the generated documentation."""

import ast
import contextlib
import io
import re
import runpy
import sys
import warnings
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from inscriptions.rules import (
    Decision,
    Rule,
    SessionSettings,
    Severity,
    catalogue,
    document_types,
)
from inscriptions.rules.docs import render_markdown
from inscriptions.rules.document_types import define_document
from inscriptions.rules.facts import SETTING_SOURCES
from inscriptions.rules.findings import define_rule, display_value
from inscriptions.rules.labels import LABELS, choices, label, language_label
from inscriptions.rules.sources import N000_FAQ_FREE_CANDIDATE, Source
from inscriptions.rules.units import UnitPositionKind

from .builders import CITABLE, paris

PACKAGE = Path(__file__).resolve().parents[1]
DOCS = PACKAGE.parents[1] / "docs" / "rules.md"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_codes_are_namespaced_lowercase_and_unique() -> None:
    codes = [rule.code for rule in catalogue()]
    assert len(codes) == len(set(codes)) > 100
    assert all(re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", code) for code in codes)


def test_every_rule_cites_a_notice_or_reference_rules() -> None:
    for rule in catalogue():
        assert rule.source.document in CITABLE, rule.code
        assert rule.source.section, rule.code


def test_messages_are_french_templates_with_named_placeholders_only() -> None:
    for rule in catalogue():
        stripped = PLACEHOLDER.sub("", rule.message)
        assert "%" not in stripped, rule.code
        assert rule.message[0].isupper() and rule.message.endswith("."), rule.code


def test_document_codes_are_unique_and_cited() -> None:
    codes = [document.code for document in document_types()]
    assert len(codes) == len(set(codes))
    assert {"confirmation_signed", "identity", "jdc_certificate"} <= set(codes)
    assert all(document.source.document in CITABLE for document in document_types())


def test_a_code_cannot_be_defined_twice() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        define_rule("category.required", Severity.ERROR, "x.", N000_FAQ_FREE_CANDIDATE)
    with pytest.raises(ValueError, match="defined twice"):
        define_document("identity", "x", N000_FAQ_FREE_CANDIDATE)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (date(2024, 2, 29), "29/02/2024"),
        (paris(2024, 11, 13, 17), "13/11/2024 à 17h00"),
        (datetime(2024, 11, 13, 16, tzinfo=UTC), "13/11/2024 à 17h00"),
        (datetime(2024, 7, 1, 10, tzinfo=UTC), "01/07/2024 à 12h00"),
        (Decimal("12.50"), "12,5"),
        (Decimal("10"), "10"),
        (Decimal("1E+1"), "10"),
        (3, "3"),
        ("U1", "U1"),
    ],
)
def test_parameters_are_shown_the_french_way(value: date | Decimal | int | str, shown: str) -> None:
    assert display_value(value) == shown


def test_finding_renders_its_message_and_keeps_params_immutable() -> None:
    rule = Rule(
        "test.sample",
        Severity.WARNING,
        "Note de %(grade)s/20 le %(day)s.",
        Source("000_6beaf5b34ed6841b.txt", "§II"),
        field="benefits",
    )
    finding = rule.finding(grade=Decimal("9.5"), day=date(2020, 7, 3))
    assert finding.render() == "Note de 9,5/20 le 03/07/2020."
    assert finding.field == "benefits"
    assert rule.finding(field="other").field == "other"
    assert not finding.is_error
    assert finding.source.citation() == "000_6beaf5b34ed6841b.txt §II"
    with pytest.raises(TypeError):
        finding.params["grade"] = 1  # type: ignore[index]


def test_decision_sorts_findings_by_severity() -> None:
    error = Rule("test.error", Severity.ERROR, "E.", N000_FAQ_FREE_CANDIDATE).finding()
    warning = Rule("test.warning", Severity.WARNING, "W.", N000_FAQ_FREE_CANDIDATE, "f").finding()
    info = Rule("test.info", Severity.INFO, "I.", N000_FAQ_FREE_CANDIDATE).finding()
    decision = Decision.of([error, warning, info])
    assert error.is_error
    assert (decision.errors, decision.warnings, decision.infos) == ((error,), (warning,), (info,))
    assert not decision.ok
    assert Decision.of([warning, info]).ok
    assert decision.codes == ("test.error", "test.warning", "test.info")
    assert decision.for_field("f") == (warning,)


def test_every_enum_member_has_a_french_label() -> None:
    enums = {type(member) for member in LABELS}
    for enum in enums:
        assert all(label(member) for member in enum)
    assert len(LABELS) == sum(len(enum) for enum in enums)
    assert UnitPositionKind in enums


def test_choices_pair_stored_codes_with_labels() -> None:
    assert choices(Severity) == (
        ("error", "Erreur"),
        ("warning", "Avertissement"),
        ("info", "Information"),
    )
    assert language_label("de") == "allemand"
    assert language_label("eu") == "eu"


def test_every_session_setting_cites_its_source() -> None:
    assert set(SETTING_SOURCES) == set(SessionSettings.__dataclass_fields__)


def test_docs_page_is_up_to_date() -> None:
    """Regenerate with ``python -m inscriptions.rules.docs > docs/rules.md``."""
    assert DOCS.read_text(encoding="utf-8") == render_markdown()


def test_docs_page_lists_every_rule_and_document() -> None:
    page = render_markdown()
    for rule in catalogue():
        assert f"`{rule.code}`" in page
    for document in document_types():
        assert f"`{document.code}`" in page


def test_docs_generator_runs_as_a_module() -> None:
    output = io.StringIO()
    with contextlib.redirect_stdout(output), warnings.catch_warnings():
        # runpy warns that the module was already imported by the package: expected here.
        warnings.simplefilter("ignore", RuntimeWarning)
        runpy.run_module("inscriptions.rules.docs", run_name="__main__")
    assert output.getvalue().startswith("# Règles d'inscription au BTS")


def test_package_imports_only_the_standard_library() -> None:
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names, (path.name, name)
