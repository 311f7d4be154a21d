"""Turns a dossier's answers into the rules' facts: the one adapter of the dossier side.

The answers are stored per wizard step as plain JSON (strings, lists, "yes"/"no"); nothing here
decides a rule, it only reads the answers the way the rules expect them.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from inscriptions import rules as r
from inscriptions.catalog import facts as catalog_facts
from inscriptions.catalog.models import Specialty
from inscriptions.rules import facts as rf

Answers = dict[str, dict[str, Any]]


def _yes_no(value: Any) -> bool | None:
    if value in ("yes", True):
        return True
    if value in ("no", False):
        return False
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _text(section: dict[str, Any], name: str) -> str:
    return str(section.get(name) or "").strip()


def civil_status(answers: Answers) -> rf.CivilStatus:
    identity = answers.get("identity", {})
    year = _int(identity.get("birth_year"))
    birth_date = None
    if year is not None:
        birth_date = rf.PartialDate(
            year, _int(identity.get("birth_month")) or 0, _int(identity.get("birth_day")) or 0
        )
    born_abroad = _yes_no(identity.get("born_abroad")) is True
    return rf.CivilStatus(
        last_name=_text(identity, "last_name"),
        usage_name=_text(identity, "usage_name"),
        first_names=tuple(
            name for name in (_text(identity, f"first_name_{i}") for i in (1, 2, 3)) if name
        ),
        birth_date=birth_date,
        french_national=_yes_no(identity.get("french_national")) is True,
        born_abroad=born_abroad,
        birth_department=None if born_abroad else (_text(identity, "birth_department") or None),
        birth_municipality=_text(identity, "birth_municipality") or None,
        birth_arrondissement=_int(identity.get("birth_arrondissement")),
        birth_country=(_text(identity, "birth_country") or None) if born_abroad else None,
    )


def address(answers: Answers) -> rf.Address:
    identity = answers.get("identity", {})
    abroad = _yes_no(identity.get("abroad")) is True
    return rf.Address(
        street=_text(identity, "street"),
        postal_code=_text(identity, "postal_code"),
        locality=_text(identity, "locality"),
        abroad=abroad,
        department=None if abroad else (_text(identity, "department") or None),
        place=_text(identity, "place"),
    )


def contact(answers: Answers) -> rf.Contact:
    identity = answers.get("identity", {})
    return rf.Contact(email=_text(identity, "email"), phone=_text(identity, "phone"))


def held_diplomas(answers: Answers) -> tuple[rf.HeldDiploma, ...]:
    acquis = answers.get("acquis", {})
    kind = acquis.get("diploma_kind")
    if kind not in {k.value for k in rf.DiplomaKind}:
        return ()
    return (
        rf.HeldDiploma(
            rf.DiplomaKind(kind), _int(acquis.get("diploma_level")), _text(acquis, "diploma_title")
        ),
    )


def candidate_facts(answers: Answers, *, specialty_codes: dict[int, str]) -> rf.CandidateFacts:
    """``specialty_codes`` maps a catalogue row's id to its diploma code for the rules."""
    situation = answers.get("situation", {})
    category = situation.get("category")
    last_attempt = None
    previous = _int(situation.get("previous_specialty"))
    previous_year = _int(situation.get("previous_year"))
    previous_form = situation.get("previous_form")
    if previous in specialty_codes and previous_year and previous_form in set(rf.ExamForm):
        last_attempt = rf.PriorAttempt(
            specialty_codes[previous], previous_year, rf.ExamForm(previous_form)
        )
    continuing = situation.get("continuing_situation")
    return rf.CandidateFacts(
        civil_status=civil_status(answers),
        address=address(answers),
        contact=contact(answers),
        category=rf.Category(category) if category in set(rf.Category) else None,
        training=rf.Training(
            year=_int(situation.get("training_year")),
            positioning_decision=_yes_no(situation.get("positioning_decision")) is True,
            continuing_situation=(
                rf.ContinuingSituation(continuing)
                if continuing in set(rf.ContinuingSituation)
                else None
            ),
            internship_completed=_yes_no(situation.get("internship_completed")),
        ),
        professional_experience_months=_int(situation.get("experience_months")),
        self_employed=_yes_no(situation.get("self_employed")) is True,
        last_attempt=last_attempt,
        diplomas=held_diplomas(answers),
        disability_declared=bool(situation.get("disability_declared")),
    )


def _unit_claims(
    answers: Answers, specialty_code: str, renounced: frozenset[str] = frozenset()
) -> tuple[tuple[rf.BenefitClaim, ...], tuple[rf.ExemptionClaim, ...]]:
    acquis = answers.get("acquis", {})
    diplomas = held_diplomas(answers)
    benefits: list[rf.BenefitClaim] = []
    exemptions: list[rf.ExemptionClaim] = []
    for unit_code, claim in sorted(acquis.get("units", {}).items()):
        choice = claim.get("choice")
        if choice == "benefit":
            grade, obtained_on = _decimal(claim.get("grade")), _date(claim.get("obtained_on"))
            if grade is not None and obtained_on is not None:
                benefits.append(
                    rf.BenefitClaim(
                        unit_code=unit_code,
                        grade=grade,
                        obtained_on=obtained_on,
                        specialty_code=specialty_code,
                        keep=claim.get("keep", "yes") != "no",
                        renounced_before=unit_code in renounced,
                        academy_code=claim.get("academy") or None,
                    )
                )
        elif choice == "exemption":
            basis = claim.get("basis") or rf.ExemptionBasis.DIPLOMA
            exemptions.append(
                rf.ExemptionClaim(
                    unit_code=unit_code,
                    basis=rf.ExemptionBasis(basis),
                    diploma=diplomas[0]
                    if diplomas and basis == rf.ExemptionBasis.DIPLOMA
                    else None,
                )
            )
    return tuple(benefits), tuple(exemptions)


@dataclass(frozen=True)
class DossierFacts:
    """Everything the rules need about one dossier, with the catalogue rows it was read from."""

    candidate: rf.CandidateFacts
    registration: rf.RegistrationFacts | None
    specialty: rf.SpecialtyFacts | None
    specialty_row: Specialty | None
    session: rf.SessionFacts


def registration_facts(
    answers: Answers,
    *,
    specialty_row: Specialty,
    rows: list[Specialty],
    submitted_at: datetime,
    renounced: frozenset[str] = frozenset(),
) -> rf.RegistrationFacts:
    code = catalog_facts.specialty_code(rows)
    benefits, exemptions = _unit_claims(answers, code, renounced)
    form = answers.get("form", {}).get("form")
    units = answers.get("units", {})
    consents = answers.get("consents", {})
    return rf.RegistrationFacts(
        specialty_code=code,
        option_code=catalog_facts.option_code(specialty_row, rows),
        form=rf.ExamForm(form) if form in set(rf.ExamForm) else None,
        presented_units=frozenset(units.get("presented_units", [])),
        optional_units=frozenset(units.get("optional_units", [])),
        compulsory_language=units.get("compulsory_language") or None,
        compulsory_language_followed=_yes_no(units.get("compulsory_language_followed")),
        optional_language=units.get("optional_language") or None,
        benefits=benefits,
        exemptions=exemptions,
        consents=rf.Consents(
            publish_results_press=_yes_no(consents.get("publish_results_press")),
            share_with_local_authorities=_yes_no(consents.get("share_with_local_authorities")),
        ),
        submitted_at=submitted_at,
    )


def renounced_units(registration: Any) -> frozenset[str]:
    """The units of this specialty whose bénéfice the candidate renounced, which is final
    (000–003): in the académie's record of an earlier session, or in a version they validated
    (of this registration or of an earlier session's)."""
    from .models import RegistrationVersion
    from .prefill import PRIOR_RECORD

    record = registration.answers.get(PRIOR_RECORD, {})
    units = set()
    if record.get("specialty_id") == registration.specialty_id:
        units.update(record.get("renounced", ()))
    if registration.pk is None:
        return frozenset(units)
    versions = RegistrationVersion.objects.filter(
        registration__candidate_id=registration.candidate_id,
        summary__specialty_id=registration.specialty_id,
    ).values_list("answers", flat=True)
    for answers in versions:
        for code, claim in answers.get("acquis", {}).get("units", {}).items():
            if claim.get("choice") == "benefit" and claim.get("keep") == "no":
                units.add(code)
    return frozenset(units)


def dossier_facts(registration: Any, *, now: datetime) -> DossierFacts:
    """The facts of a dossier (a ``Registration``) as its answers stand."""
    answers: Answers = registration.answers
    specialty_row = registration.specialty
    rows, specialty = catalog_facts.diploma(specialty_row) if specialty_row else ([], None)
    return DossierFacts(
        candidate=candidate_facts(answers, specialty_codes=catalog_facts.diploma_codes()),
        registration=(
            registration_facts(
                answers,
                specialty_row=specialty_row,
                rows=rows,
                submitted_at=registration.first_validated_at or now,
                renounced=renounced_units(registration),
            )
            if specialty_row
            else None
        ),
        specialty=specialty,
        specialty_row=specialty_row,
        session=catalog_facts.session_facts(registration.session),
    )


def evaluate(registration: Any, *, now: datetime, action: rf.Action) -> r.RegistrationDecision:
    """The full decision of the rules on a dossier whose specialty is chosen."""
    facts = dossier_facts(registration, now=now)
    if facts.registration is None or facts.specialty is None:
        raise ValueError("the specialty must be chosen before the full evaluation")
    return r.evaluate_registration(
        candidate=facts.candidate,
        registration=facts.registration,
        specialty=facts.specialty,
        session=facts.session,
        academies=catalog_facts.academy_table(),
        now=now,
        action=action,
    )
