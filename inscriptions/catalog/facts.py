"""Turns the catalogue's rows into the rules engine's facts (the only place that does).

The rules see a specialty as one diploma with its options; the catalogue holds one row per
option (each has its own BCN code). A specialty's code for the rules is the smallest BCN code of
its rows, so it is stable whichever option a candidate picks.
"""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from inscriptions.rules import facts as rf
from inscriptions.rules.academy import Academy as AcademyFact
from inscriptions.rules.academy import AcademyTable

from . import cache
from .models import Academy, ExamSession, Language, Specialty, Unit

PARIS = ZoneInfo("Europe/Paris")


def academy_table(academies: Iterable[Academy] | None = None) -> AcademyTable:
    """The academies and their departments: all of the catalogue's (kept across requests,
    see ``cache``), or those given."""
    if academies is None:
        return cache.memoized(
            "academy_table",
            lambda: _academy_table(Academy.objects.prefetch_related("departments")),
        )
    return _academy_table(academies)


def _academy_table(academies: Iterable[Academy]) -> AcademyTable:
    rows = []
    abroad_code = None
    for academy in academies:
        rows.append(
            (
                AcademyFact(code=academy.code, name=academy.name),
                [department.code for department in academy.departments.all()],
            )
        )
        if academy.hosts_residents_abroad:
            abroad_code = academy.code
    return AcademyTable.build(rows, abroad_code=abroad_code)


def session_facts(session: ExamSession) -> rf.SessionFacts:
    return rf.SessionFacts(
        academy_code=session.academy.code,
        year=session.exam_year,
        opens_at=session.registration_opens_at,
        closes_at=session.registration_closes_at,
        documents_due_at=session.documents_due_at,
        # The first written exam is an instant; bénéfices are counted to its day in Paris.
        exams_start_on=session.first_written_exam_at.astimezone(PARIS).date(),
        modification_closes_at=session.modification_closes_at,
        late_documents_due_at=session.late_documents_due_at,
        internship_attestations_due_at=session.internship_attestations_due_at,
        settings=rf.SessionSettings(
            max_optional_units=session.max_optional_units,
            experience_years=session.experience_years_required,
            signed_confirmation_required=session.signed_confirmation_required,
            jdc_age_limit=session.jdc_age_limit,
            benefit_validity_years=session.benefit_validity_years,
            benefit_min_grade=session.benefit_min_grade,
            languages_without_proof=frozenset(session.languages_without_proof),
            locked_after_signed_confirmation=session.locked_after_signed_confirmation,
        ),
    )


def specialty_siblings(specialty: Specialty) -> list[Specialty]:
    """The rows of the same diploma: the specialty itself, or all its options."""
    return list(
        Specialty.objects.filter(name=specialty.name)
        .prefetch_related("units", "languages")
        .order_by("bcn_code")
    )


def diploma(specialty: Specialty) -> tuple[list[Specialty], rf.SpecialtyFacts]:
    """The rows of this row's diploma (``specialty_siblings``) and its facts for the rules, kept
    across requests (``cache``): shared, never to be changed by the caller."""

    def build() -> tuple[list[Specialty], rf.SpecialtyFacts]:
        rows = specialty_siblings(specialty)
        return rows, specialty_facts(rows)

    return cache.memoized(("diploma", specialty.pk), build)


def language_names() -> dict[str, str]:
    """Each language's code → its name (kept across requests)."""
    return cache.memoized(
        "language_names", lambda: dict(Language.objects.values_list("code", "name"))
    )


def specialty_code(rows: list[Specialty]) -> str:
    return min(row.bcn_code for row in rows)


def option_code(specialty: Specialty, rows: list[Specialty]) -> str | None:
    return specialty.bcn_code if len(rows) > 1 else None


def _attestations(row: Specialty) -> frozenset[rf.Attestation]:
    flags = {
        rf.Attestation.R408: row.requires_r408,
        rf.Attestation.ELECTRICAL_RISK: row.requires_electrical_risk,
        rf.Attestation.FIRST_AID: row.requires_first_aid,
        rf.Attestation.REFRIGERANT_FLUIDS: row.requires_refrigerant_fluids,
        rf.Attestation.WORK_AT_HEIGHT: row.requires_work_at_height,
    }
    return frozenset(attestation for attestation, required in flags.items() if required)


def _unit_facts(unit: Unit, option: str | None) -> rf.UnitFacts:
    return rf.UnitFacts(
        code=unit.code,
        title=unit.title,
        kind=rf.UnitKind(unit.kind),
        option_code=option,
        general_culture=unit.is_general_culture,
        language=unit.is_language,
        engagement=unit.is_engagement,
        exemptible_with_diploma=bool(unit.exempting_diplomas),
        requires_internship=unit.requires_internship,
        carries_from=frozenset(unit.carries_from),
    )


def _current_units(row: Specialty) -> list[Unit]:
    """The units of the règlement in force: superseded tables are kept for history only."""
    return [
        unit
        for unit in row.units.all()
        if unit.status != "superseded" and "superseded" not in unit.regulation
    ]


def specialty_facts(rows: list[Specialty]) -> rf.SpecialtyFacts:
    """The facts of one diploma from its rows (see ``specialty_siblings``)."""
    has_options = len(rows) > 1
    units_by_row = {row.bcn_code: _current_units(row) for row in rows}
    # A unit every option has is common to the diploma; the others belong to their option.
    common = set.intersection(
        *({(u.code, u.title) for u in units} for units in units_by_row.values())
    )
    units: list[rf.UnitFacts] = []
    seen_common: set[str] = set()
    for row in rows:
        for unit in units_by_row[row.bcn_code]:
            if not has_options or (unit.code, unit.title) in common:
                if unit.code not in seen_common:
                    seen_common.add(unit.code)
                    units.append(_unit_facts(unit, None))
            else:
                units.append(_unit_facts(unit, row.bcn_code))
    languages = sorted({language.code for row in rows for language in row.languages.all()})
    options = tuple(
        rf.OptionFacts(code=row.bcn_code, label=row.option, attestations=_attestations(row))
        for row in rows
        if has_options
    )
    return rf.SpecialtyFacts(
        code=specialty_code(rows),
        title=rows[0].name,
        units=tuple(units),
        options=options,
        compulsory_languages=tuple(languages),
        # An optional language is any language an examiner can be found for (rules.md §6): the
        # catalogue's whole list, not only the specialty's compulsory ones.
        optional_languages=tuple(Language.objects.order_by("code").values_list("code", flat=True)),
        attestations=frozenset() if has_options else _attestations(rows[0]),
    )


def diploma_codes() -> dict[int, str]:
    """Each catalogue row's id → the code of its diploma for the rules (see ``specialty_code``),
    kept across requests (``cache``)."""
    return cache.memoized("diploma_codes", _diploma_codes)


def _diploma_codes() -> dict[int, str]:
    rows = list(Specialty.objects.values_list("pk", "name", "bcn_code"))
    smallest: dict[str, str] = {}
    for _pk, name, bcn_code in rows:
        smallest[name] = min(smallest.get(name, bcn_code), bcn_code)
    return {pk: smallest[name] for pk, name, _bcn in rows}
