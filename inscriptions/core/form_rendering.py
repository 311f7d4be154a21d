"""The forms' HTML drawn in Python for the templates every form uses, the same as the templates.

A wizard screen is mostly its form, and Django's template engine drew each field through four to
six nested templates (the DSFR field group, the widget, each choice, each choice's attributes):
two thirds of a screen's time went there. ``FormRenderer`` draws those templates with the
functions below and hands any other template to the engine as before, so a project or package
template that is not listed here is still honoured. The wizard's forms use one renderer for the
whole process (``RENDERER``); DSFR's own default built a new template engine, which compiled its
templates again, for each form. The other forms (the office's, the accounts', the admin site's)
get ``PlainFormRenderer`` (``FORM_RENDERER``): Django's templates, the inputs and lists drawn here.

Each function writes what its template writes, whitespace aside (a run of whitespace where the
template has one): ``core/tests/test_form_rendering.py`` renders every form of the project both
ways, blank and with errors, and compares them.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from dsfr.forms import DsfrDjangoTemplates
from dsfr.templatetags.dsfr_tags import dsfr_mark_optionnal_fields
from dsfr.utils import dsfr_input_class_attr

Context = dict[str, Any]
WIDGETS = "django/forms/widgets/"
SNIPPETS = "dsfr/form_field_snippets/"


def _text(value: Any) -> str:
    """``{{ value }}``: localized, then escaped unless marked safe."""
    value = localize(template_localtime(value))
    return str(conditional_escape(value if isinstance(value, str) else str(value)))


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``."""
    return str(escape(str(value)))


def _lookup(value: Any, name: str) -> Any:
    """``{{ value.name }}`` for a dictionary or an object, '' when it has none."""
    if isinstance(value, dict):
        return value.get(name, "")
    return getattr(value, name, "") if not isinstance(value, str) else ""


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Context) -> str:
    value = widget.get("value")
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _option_label(widget: Context, *, always_hint: bool) -> str:
    """The label of a radio or checkbox choice (the DSFR ``*_option.html`` templates)."""
    if not widget.get("wrap_label"):
        return ""
    widget_id = widget["attrs"].get("id")
    target = f'for="{_text(widget_id)}"' if widget_id else ""
    label = widget["label"]
    rich = _lookup(label, "label")
    hint = (
        f'<span class="fr-hint-text" id="{_text(widget_id)}_helptext">'
        f"{_text(_lookup(label, 'help_text'))}</span>\n"
    )
    inner = f"{_text(rich)}\n{hint}" if rich else f"{_text(label)}\n{hint if always_hint else ''}"
    return f'<label class="fr-label"\n{target}>\n{inner}</label>\n'


def _textarea(widget: Context) -> str:
    value = widget.get("value")
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )


def _radio_option(widget: Context) -> str:
    label = _option_label(widget, always_hint=False)
    return f'<div class="fr-radio-group">\n{_input(widget)}\n{label}</div>\n'


def _input_option(widget: Context) -> str:
    radio = bool(widget.get("type")) and widget["type"] == "radio"
    html = f"{_input(widget)}\n{_option_label(widget, always_hint=True)}"
    return f'<div class="fr-radio-group">\n{html}</div>\n' if radio else html


def _checkbox_option(widget: Context) -> str:
    dsfr = widget["attrs"].get("dsfr") == "dsfr"
    html = f"{_input(widget)}\n{_option_label(widget, always_hint=False)}"
    return f'<div class="fr-checkbox-group">\n{html}</div>\n' if dsfr else html


OPTIONS: dict[str, Callable[[Context], str]] = {
    f"{WIDGETS}radio_option.html": _radio_option,
    f"{WIDGETS}input_option.html": _input_option,
    f"{WIDGETS}checkbox_option.html": _checkbox_option,
}


class _Drawing:
    """Draws the templates of ``DRAWN`` with its functions, hands the others to the engine."""

    DRAWN: dict[str, Callable[[Any, Context], str]] = {}

    def render(self, template_name: str, context: Context, request: Any = None) -> str:
        draw = self.DRAWN.get(template_name)
        if draw is None or request is not None:
            return str(super().render(template_name, context, request))  # type: ignore[misc]
        # As the engine's renderer does, without the whitespace around.
        return mark_safe(draw(self, context).strip())  # noqa: S308 (each part is escaped above)

    def select(self, context: Context) -> str:
        widget = context["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n<optgroup label="{_text(group_name)}">')
            for option in options:
                if option["template_name"] == f"{WIDGETS}select_option.html":
                    parts.append(
                        f'\n<option value="{_formatted(option["value"])}"'
                        f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>"
                    )
                else:
                    parts.append("\n" + self.render(option["template_name"], {"widget": option}))
            if group_name:
                parts.append("\n</optgroup>")
        parts.append("\n</select>")
        return "".join(parts)


class PlainFormRenderer(_Drawing, DjangoTemplates):
    """Django's own renderer (``FORM_RENDERER``, for the forms that are not the wizard's), its
    inputs and lists drawn in Python: the office's filters drew their 150 options one template
    each."""


class FormRenderer(_Drawing, DsfrDjangoTemplates):  # type: ignore[misc]
    """DSFR's renderer (the wizard's forms), with the common templates drawn in Python."""

    def _option(self, option: Context) -> str:
        draw = OPTIONS.get(option["template_name"])
        if draw is None:
            return self.render(option["template_name"], {"widget": option})
        return draw(option)

    def multiple_input(self, context: Context) -> str:
        """``multiple_input.html`` as DSFR writes it (radio and checkbox lists)."""
        options = (option for _g, group, _i in context["widget"]["optgroups"] for option in group)
        return "\n" + "\n".join(self._option(option) for option in options) + "\n"

    def form(self, context: Context) -> str:
        form = context["form"]
        parts = []
        if form.non_field_errors():
            parts.append(
                '<section class="fr-my-4v fr-input-group fr-input-group--error">\n'
                f"{_text(form.non_field_errors())}\n</section>"
            )
        for field in form:
            parts.append(_text(field.as_hidden() if field.is_hidden else field.as_field_group()))
        return "\n" + "\n".join(parts) + "\n"

    def input_group(self, context: Context) -> str:
        """``input_snippet.html``: a label, the widget, its errors."""
        field = context["field"]
        group = getattr(field.field.widget, "group_class", "") or "fr-input-group"
        classes = group + (f" {group}--error" if field.errors else "")
        if field.field.disabled:
            classes += " fr-input-group--disabled"
        label = _field_label(field, hint_id=f"{field.id_for_label}_helptext")
        widget = _text(dsfr_input_class_attr(field))
        return (
            f'<div class="{_text(classes)}">\n<label for="{_text(field.id_for_label)}" '
            f'class="fr-label">\n{label}</label>\n{widget}\n{_errors(field)}</div>\n'
        )

    def checkbox_group(self, context: Context) -> str:
        """``checkbox_snippet.html``: one box and its label."""
        field = context["field"]
        classes = "fr-checkbox-group" + (" fr-checkbox-group--error" if field.errors else "")
        if field.field.disabled:
            classes += " fr-input-group--disabled"
        dsfr_input_class_attr(field)
        # widget_tweaks' ``attr:"type:checkbox"`` makes the widget an input of that type.
        field.field.widget.input_type = "checkbox"
        widget = str(field)
        label = _field_label(field, hint_id=f"{field.auto_id}_helptext")
        return (
            f'<div class="{classes} fr-mb-2w">\n{_text(widget)}\n'
            f'<label for="{_text(field.id_for_label)}" class="fr-label">\n{label}</label>\n'
            f"{_errors(field)}</div>\n"
        )

    def _fieldset(self, field: Any, *, kind: str) -> str:
        """A list of radio buttons (``kind`` "radio") or of boxes ("checkboxes")."""
        described_by = "desc-error" if kind == "radio" else "messages"
        errors = bool(field.errors)
        auto_id = _text(field.auto_id)
        labelled_by = f"{auto_id}-legend" + (f" {auto_id}-{described_by}" if errors else "")
        extra = " fr-fieldsets" if kind == "checkboxes" else ""
        label = _field_label(field, hint_id=f"{field.auto_id}_helptext")
        dsfr_input_class_attr(field)
        inline = (
            " fr-fieldset__element--inline" if getattr(field.field.widget, "inline", "") else ""
        )
        elements = "".join(
            f'<div class="fr-fieldset__element{inline}">\n{_text(subwidget)}\n</div>\n'
            for subwidget in field.subwidgets
        )
        error_class = ' class="fr-messages-group"' if kind == "radio" else ""
        messages = (
            f'<div{error_class} id="{auto_id}-desc-error">\n{_text(field.errors)}\n</div>\n'
            if errors
            else ""
        )
        return (
            f'<fieldset class="fr-fieldset{" fr-fieldset--error" if errors else ""}{extra}"\n'
            f'id="{kind}-{auto_id}"\naria-labelledby="{labelled_by}">\n'
            f'<legend class="fr-fieldset__legend fr-fieldset__legend--regular"\n'
            f'id="{auto_id}-legend">\n{label}</legend>\n{elements}{messages}</fieldset>\n'
        )

    def radio_fieldset(self, context: Context) -> str:
        """``radioselect_snippet.html``."""
        return self._fieldset(context["field"], kind="radio")

    def checkbox_fieldset(self, context: Context) -> str:
        """``checkboxselectmultiple_snippet.html``."""
        return self._fieldset(context["field"], kind="checkboxes")


def _field_label(field: Any, *, hint_id: str) -> str:
    """A field's label or legend text: the text, the required mark, the help text."""
    text = f"{_text(field.label)}{_text(dsfr_mark_optionnal_fields(field))}\n"
    if field.help_text:
        text += f'<span class="fr-hint-text" id="{_text(hint_id)}">{field.help_text}</span>\n'
    return text


def _errors(field: Any) -> str:
    if not field.errors:
        return ""
    return f'<div id="{_text(field.auto_id)}-desc-error">\n{_text(field.errors)}\n</div>\n'


def _widget(draw: Callable[[Context], str]) -> Callable[[Any, Context], str]:
    return lambda _renderer, context: draw(context["widget"])


INPUTS: Iterable[str] = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "hidden",
    "input",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)
PLAIN: dict[str, Callable[[Any, Context], str]] = {
    **{f"{WIDGETS}{name}.html": _widget(_input) for name in INPUTS},
    f"{WIDGETS}select.html": _Drawing.select,
    f"{WIDGETS}textarea.html": _widget(_textarea),
}
PlainFormRenderer.DRAWN = PLAIN
FormRenderer.DRAWN = {
    **PLAIN,
    **{name: _widget(draw) for name, draw in OPTIONS.items()},
    f"{WIDGETS}radio.html": FormRenderer.multiple_input,
    f"{WIDGETS}checkbox_select.html": FormRenderer.multiple_input,
    f"{WIDGETS}multiple_input.html": FormRenderer.multiple_input,
    "dsfr/form_snippet.html": FormRenderer.form,
    f"{SNIPPETS}input_snippet.html": FormRenderer.input_group,
    f"{SNIPPETS}checkbox_snippet.html": FormRenderer.checkbox_group,
    f"{SNIPPETS}radioselect_snippet.html": FormRenderer.radio_fieldset,
    f"{SNIPPETS}checkboxselectmultiple_snippet.html": FormRenderer.checkbox_fieldset,
}

# One renderer for every form: its template engine (and the templates it compiled) is kept.
RENDERER = FormRenderer()
