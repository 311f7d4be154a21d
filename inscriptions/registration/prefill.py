"""What a returning candidate's earlier session pre-fills (seed 004 « Attention », 000)."""

from datetime import date
from typing import Any

from inscriptions import rules as r
from inscriptions.catalog import facts as catalog_facts

from .models import PriorRecord, Registration

# The key of the answers where the académie's record of a returning candidate is kept.
PRIOR_RECORD = "prior_record"


def recorded_last_name(answers: dict[str, Any]) -> str:
    """The family name the académie's record gave, locked on the identity screen ('' if none)."""
    return str(answers.get(PRIOR_RECORD, {}).get("last_name") or "")


def prefill_answers(
    *, registration: Registration, candidate_number: str, birth_date: date | None
) -> dict[str, dict[str, Any]] | None:
    """Answers from the académie's latest record of this candidate, or None when none matches.

    Only the same académie's records count (002 FAQ: "seuls les candidats qui étaient déjà
    inscrits l'année dernière dans l'académie de Toulouse peuvent réutiliser leur numéro").
    """
    if not candidate_number or birth_date is None:
        return None
    record = (
        PriorRecord.objects.filter(
            academy=registration.session.academy,
            candidate_number=candidate_number.strip().upper(),
            birth_date=birth_date,
            exam_year__lt=registration.session.exam_year,
        )
        .select_related("specialty")
        .prefetch_related("grades")
        .order_by("-exam_year")
        .first()
    )
    if record is None:
        return None
    session = catalog_facts.session_facts(registration.session)
    settings = session.settings
    units = {
        grade.unit_code: {
            "choice": "benefit",
            "grade": str(grade.grade),
            "obtained_on": grade.obtained_on.isoformat(),
            "keep": "yes",
            "basis": "",
        }
        for grade in record.grades.all()
        # An absence gives no grade to keep; a renounced bénéfice is final (000–003).
        if grade.grade is not None
        and not grade.renounced
        and grade.grade >= settings.benefit_min_grade
        and r.benefit_is_valid(
            grade.obtained_on,
            exams_start_on=session.exams_start_on,
            years=settings.benefit_validity_years,
        )
    }
    return {
        # What the record says that the candidate may not change: the family name (004 « État
        # civil »: « non modifiable pour les redoublants ») and the bénéfices renounced, final
        # (000–003). Kept apart from the screens' answers, which no screen rewrites.
        PRIOR_RECORD: {
            "exam_year": record.exam_year,
            "candidate_number": record.candidate_number,
            "last_name": str(record.civil_status.get("last_name", "")),
            "specialty_id": record.specialty_id,
            "renounced": sorted(
                grade.unit_code for grade in record.grades.all() if grade.renounced
            ),
        },
        "identity": dict(record.civil_status) | dict(record.address),
        "situation": {
            "previous_specialty": record.specialty_id,
            "previous_year": record.exam_year,
            "previous_form": record.form,
        },
        "acquis": {"units": units},
    }
