from django import template
from django.utils.translation import gettext

from inscriptions.rules import facts as rf
from inscriptions.rules import labels

register = template.Library()

STATE_BADGES = {
    "compliant": "success",
    "non_compliant": "error",
    "to_complete": "warning",
    "withdrawn": "purple-glycine",
}


@register.filter
def category_label(value: str) -> str:
    try:
        return gettext(labels.label(rf.Category(value)))
    except ValueError:
        return value


@register.filter
def state_badge(value: str) -> str:
    return STATE_BADGES.get(value, "info")


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key, key) if hasattr(mapping, "get") else key


@register.filter
def document_label(code: str) -> str:
    from inscriptions.documents.selectors import label_of

    return label_of(code)


@register.filter
def position_label(position: object) -> str:
    try:
        return gettext(labels.label(position))  # type: ignore[arg-type]
    except KeyError:
        return str(position)


@register.filter
def count_label(count: int) -> str:
    """A queue count, « plus de 10 000 » beyond the cap it was counted to."""
    from django.utils.formats import number_format

    from inscriptions.review.selectors import COUNT_CAP

    if count > COUNT_CAP:
        return gettext("plus de %(count)s") % {
            "count": number_format(COUNT_CAP, force_grouping=True)
        }
    return number_format(count, force_grouping=True)
