"""Answers that walk the wizard, screen by screen, for the tests."""

from typing import Any

IDENTITY = {
    "last_name": "Martin",
    "first_name_1": "Léa",
    "first_name_2": "Marie",
    "birth_day": "09",
    "birth_month": "03",
    "birth_year": "2004",
    "french_national": "yes",
    "born_abroad": "no",
    "birth_department": "31",
    "birth_municipality": "Toulouse",
    "abroad": "no",
    "street": "3 rue Alsace-Lorraine",
    "postal_code": "31000",
    "locality": "Toulouse",
    "department": "31",
    "email": "lea.martin@example.fr",
    "phone": "06 12 34 56 78",
}


def screens(
    *, specialty_pk: int, establishment_pk: int, **overrides: Any
) -> list[tuple[str, dict]]:
    answers = {
        "debut": {"returning": "no"},
        "identite": IDENTITY,
        "situation": {
            "category": "former_school",
            "previous_specialty": str(specialty_pk),
            "previous_year": "2026",
            "previous_form": "global",
        },
        "etablissement": {"establishment": str(establishment_pk)},
        "specialite": {"specialty": str(specialty_pk)},
        "forme": {"form": "global"},
        "publication": {"publish_results_press": "yes", "share_with_local_authorities": "no"},
        "acquis": {},
        "epreuves": {"compulsory_language": "en", "compulsory_language_followed": "yes"},
    }
    for name, values in overrides.items():
        answers[name] = values
    return list(answers.items())


def walk(client: Any, registration_pk: int, pages: list[tuple[str, dict]]) -> Any:
    response = None
    for name, data in pages:
        response = client.post(
            f"/espace-candidat/dossiers/{registration_pk}/etapes/{name}/",
            {**data, "action": "next"},
        )
        assert response.status_code == 302, (name, _errors(response))
    return response


def _errors(response: Any) -> str:
    content = response.content.decode()
    start = content.find('id="error-summary"')
    return content[start : start + 1500] if start >= 0 else content[:500]


def fill(registration: Any, pages: list[tuple[str, dict]], *, now: Any) -> Any:
    """Save each screen's answers through the step forms and the service, without HTTP."""
    from inscriptions.registration import services, steps

    for name, data in pages:
        step = steps.STEP_BY_NAME[name]
        if not step.applies(registration):
            continue
        form = step.form_class(data, context=steps.form_context(registration, step, now=now))
        assert form.is_valid(), (name, form.errors)
        registration = services.registration_save_step(
            registration=registration,
            step=steps.ANSWER_KEYS[name],
            values=form.answers(),
            next_step=name,
            now=now,
        )
    return registration
