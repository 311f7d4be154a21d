"""What the académie's record of a returning candidate fixes: the family name, « non modifiable
pour les redoublants » (004_e9d540e1230d63f6.txt « État civil et données générales »), and the
bénéfices renounced, final (000_6beaf5b34ed6841b.txt FAQ « repasser une épreuve déjà validée »:
« la renonciation au bénéfice de note est définitive »; 003_d63d5c5aa126f67f.txt « Rappels
importants »), whether renounced in the record or in a version the candidate validated."""

from datetime import date
from decimal import Decimal

import pytest

from inscriptions import rules as r
from inscriptions.api.tests.registration_api import API, put_step, token_client
from inscriptions.registration import services, steps
from inscriptions.registration.models import PriorGrade, PriorRecord
from inscriptions.registration.tests.conftest import NOW
from inscriptions.registration.tests.wizard import IDENTITY, fill, screens

pytestmark = pytest.mark.django_db

RETURNING = {"returning": "yes", "candidate_number": "1600012345", "birth_date": "17/04/2003"}


@pytest.fixture
def record(session, mco):
    record = PriorRecord.objects.create(
        academy=session.academy,
        exam_year=2026,
        candidate_number="1600012345",
        birth_date=date(2003, 4, 17),
        specialty=mco,
        form="global",
        civil_status={"last_name": "Bernard", "first_name_1": "Lucas"},
    )
    PriorGrade.objects.create(
        record=record, unit_code="U1", grade=Decimal("14"), obtained_on=date(2026, 7, 3)
    )
    PriorGrade.objects.create(
        record=record,
        unit_code="U4",
        grade=Decimal("12"),
        obtained_on=date(2026, 7, 3),
        renounced=True,
    )
    return record


def test_the_locked_name_rule_accepts_the_record_and_says_whom_to_ask():
    same = r.locked_last_name_decision(last_name="BERNARD ", recorded="Bernard", exam_year=2026)
    assert same.ok and not same.findings
    assert r.locked_last_name_decision(last_name="X", recorded="", exam_year=2026).ok
    changed = r.locked_last_name_decision(
        last_name="Martin", recorded="Bernard", exam_year=2026, reach="dec@ac.fr"
    )
    assert changed.codes == ("civil_status.last_name_locked",)
    assert "session 2026" in changed.errors[0].render()
    assert "(dec@ac.fr)" in changed.errors[0].render()
    silent = r.locked_last_name_decision(last_name="Martin", recorded="Bernard", exam_year=2026)
    assert "examens avec" in silent.errors[0].render()


def test_the_family_name_from_the_record_is_shown_locked_with_the_way_to_correct_it(
    client, candidate, session, record, frozen
):
    session.academy.office_email = "dec@ac-toulouse.fr"
    session.academy.save()
    draft = services.registration_start(candidate=candidate, session=session, now=NOW)
    client.force_login(candidate)
    base = f"/espace-candidat/dossiers/{draft.pk}/etapes/"
    assert client.post(f"{base}debut/", {**RETURNING, "action": "next"}).status_code == 302

    page = client.get(f"{base}identite/").content.decode()

    assert 'value="Bernard"' in page
    assert (
        "readonly"
        in page[page.index('name="last_name"') - 200 : page.index('name="last_name"') + 200]
    )
    assert "non modifiable" in page and "dec@ac-toulouse.fr" in page

    response = client.post(
        f"{base}identite/",
        {**IDENTITY, "last_name": "Martin", "usage_name": "Martin", "action": "next"},
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert "Votre nom de famille vient du dossier de l&#x27;académie" in content
    assert "guide d&#x27;inscription Inscrinet" in content
    draft.refresh_from_db()
    assert draft.answers["identity"]["last_name"] == "Bernard"

    # The usage name stays editable.
    response = client.post(
        f"{base}identite/",
        {**IDENTITY, "last_name": "Bernard", "usage_name": "Martin", "action": "next"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers["identity"]["usage_name"] == "Martin"


def test_the_api_refuses_a_change_of_the_locked_name_with_the_rule(
    candidate, session, record, frozen
):
    api = token_client(candidate)
    pk = api.post(API, {"session": session.pk}, format="json").json()["id"]
    put_step(api, pk, "debut", {**RETURNING, "birth_date": "2003-04-17"})

    response = put_step(api, pk, "identite", {**IDENTITY, "last_name": "Martin"})

    assert response.status_code == 400
    assert "n'est pas modifiable" in str(response.json())


def _validated_returning(candidate, session, mco, **overrides):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    pages = screens(
        specialty_pk=mco.pk,
        establishment_pk=establishment.pk,
        debut=RETURNING,
        identite={**IDENTITY, "last_name": "Bernard"},
        etablissement={
            "establishment": str(establishment.pk),
            "former_establishment_name": "Lycée Ozenne",
            "former_establishment_city": "Toulouse",
        },
        **overrides,
    )
    registration = fill(registration, pages[:1], now=NOW)
    # What the first screen does for a returning candidate (the page calls it, ``fill`` not).
    assert services.registration_prefill_from_record(
        registration=registration, candidate_number="1600012345", birth_date=date(2003, 4, 17)
    )
    return fill(registration, pages[1:], now=NOW)


def _benefit(unit_index, keep="yes"):
    return {
        f"u{unit_index}_choice": "benefit",
        f"u{unit_index}_grade": "12",
        f"u{unit_index}_obtained_on": "03/07/2026",
        f"u{unit_index}_keep": keep,
    }


def _index(registration, code):
    """The position of a unit on the « Acquis » screen (its fields are named after it)."""
    step = steps.STEP_BY_NAME["acquis"]
    units = steps.form_context(registration, step, now=NOW)["units"]
    return [unit.code for unit in units].index(code)


def test_a_benefit_renounced_in_the_record_is_refused_with_the_rule(
    candidate, session, mco, record, frozen
):
    registration = _validated_returning(candidate, session, mco)
    # The pre-fill did not offer U4; the candidate declares it all the same.
    units = dict(registration.answers["acquis"]["units"])
    units["U4"] = {"choice": "benefit", "grade": "12", "obtained_on": "2026-07-03", "keep": "yes"}
    registration.answers = {**registration.answers, "acquis": {"units": units}}
    registration.save()

    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_validate(registration=registration, actor=candidate, now=NOW)

    (finding,) = [f for f in refused.value.findings if f.code == "benefit.renounced_before"]
    assert finding.params["unit"] == "U4"
    assert "la renonciation est définitive" in finding.render()


def test_a_benefit_renounced_in_a_validated_version_cannot_be_claimed_again(
    candidate, session, mco, frozen
):
    registration = services.registration_start(candidate=candidate, session=session, now=NOW)
    establishment = session.academy.establishments.get(code="0319999A")
    registration = fill(
        registration, screens(specialty_pk=mco.pk, establishment_pk=establishment.pk), now=NOW
    )
    u1 = _index(registration, "U1")
    registration = fill(registration, [("acquis", _benefit(u1, "no"))], now=NOW)
    services.registration_validate(registration=registration, actor=candidate, now=NOW)
    registration.refresh_from_db()

    fill(registration, [("acquis", _benefit(u1, "yes"))], now=NOW)
    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_validate(registration=registration, actor=candidate, now=NOW)

    assert "benefit.renounced_before" in [f.code for f in refused.value.findings]
    assert registration.versions.count() == 1
