"""The wizard's forms drawn in Python (``core/form_rendering.py``) are the forms its templates
draw: every screen, as answered, blank and with every error, field by field and as a page."""

import re

import pytest
from dsfr.forms import DsfrDjangoTemplates

from inscriptions.catalog.models import Establishment, Specialty
from inscriptions.core import form_rendering
from inscriptions.registration import forms, services, steps

from .wizard import fill, screens

pytestmark = pytest.mark.django_db

# Management commercial opérationnel (one row), and a diploma with options and more units.
SPECIALTIES = ["32031213", "32032614"]


def _normalized(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).strip()


def _answered(session, candidate, frozen, bcn_code):
    specialty = Specialty.objects.get(bcn_code=bcn_code)
    establishment = Establishment.objects.get(code="0319999A")
    registration = services.registration_start(candidate=candidate, session=session, now=frozen)
    answers = screens(specialty_pk=specialty.pk, establishment_pk=establishment.pk)
    return fill(registration, answers, now=frozen)


def _variants(form_class, context, initial):
    """As answered, blank (every required field in error), every field given nonsense."""
    nonsense = dict.fromkeys(form_class(context=context).fields, "§")
    return [{"initial": initial}, {"data": {}}, {"data": nonsense}]


@pytest.mark.parametrize("bcn_code", SPECIALTIES)
def test_every_screen_is_drawn_as_its_templates_draw_it(session, candidate, frozen, bcn_code):
    registration = _answered(session, candidate, frozen, bcn_code)
    templates = DsfrDjangoTemplates()
    compared = 0
    for step in steps.applicable_steps(registration):
        context = steps.form_context(registration, step, now=frozen)
        initial = steps.initial(registration, step, context)
        for kwargs in _variants(step.form_class, context, initial):
            drawn = step.form_class(context=context, **kwargs)
            expected = step.form_class(context=context, renderer=templates, **kwargs)
            assert drawn.renderer is form_rendering.RENDERER
            for name in drawn.fields:
                assert _normalized(drawn[name].as_field_group()) == _normalized(
                    expected[name].as_field_group()
                ), (step.name, name, kwargs)
                compared += 1
            assert _normalized(drawn.render()) == _normalized(expected.render()), step.name
    assert compared > 60  # every screen's every field, three times


def test_the_forms_share_one_renderer_and_its_compiled_templates(session):
    first = forms.StartForm()
    second = forms.IdentityForm()

    assert first.renderer is second.renderer is form_rendering.RENDERER


@pytest.mark.parametrize("bcn_code", SPECIALTIES)
def test_each_screen_is_the_same_page_drawn_either_way(
    client, session, candidate, frozen, bcn_code, monkeypatch
):
    registration = _answered(session, candidate, frozen, bcn_code)
    client.force_login(candidate)
    for step in steps.applicable_steps(registration):
        url = f"/espace-candidat/dossiers/{registration.pk}/etapes/{step.name}/"
        renderers = (form_rendering.RENDERER, DsfrDjangoTemplates())
        pages: dict = {renderer: [] for renderer in renderers}
        # Each page drawn both ways before the next request changes the dossier.
        blank = _blank(step, steps.form_context(registration, step, now=frozen))
        for data in (None, blank):
            for renderer in renderers:
                monkeypatch.setattr(forms.StepForm, "default_renderer", renderer)
                response = client.get(url) if data is None else client.post(url, data)
                assert response.status_code in (200, 302, 422)
                pages[renderer].append(response.content.decode())
        drawn, expected = pages.values()
        for page, other in zip(drawn, expected, strict=True):
            # The CSRF token differs from one response to the next; nothing else may.
            strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|data-csrf-token="[^"]*"')
            assert _normalized(strip.sub("", page)) == _normalized(strip.sub("", other)), step.name


def _blank(step, context):
    """Answers that the screen refuses (its required fields left empty), if it has any."""
    return {"action": "next", **dict.fromkeys(step.form_class(context=context).fields, "")}


def test_the_specialty_lists_kept_across_requests_follow_the_catalogue(
    catalogue, django_assert_num_queries
):
    forms.SpecialtyForm().render()  # the list read once
    active = (
        Specialty.objects.filter(is_active=True, units__isnull=False)
        .distinct()
        .order_by("name", "option")
    )
    with django_assert_num_queries(0):
        html = forms.SpecialtyForm().render()
        choices = list(forms.SpecialtyForm().fields["specialty"].choices)

    assert choices == [("", "---------"), *((str(row.pk), str(row)) for row in active)]
    assert html.count("<option") == active.count() + 1
    retired = active.first()
    Specialty.objects.filter(pk=retired.pk).update(is_active=False)
    values = [value for value, _label in forms.SpecialtyForm().fields["specialty"].choices]
    assert str(retired.pk) not in values
    assert not forms.SpecialtyForm({"specialty": str(retired.pk)}).is_valid()
