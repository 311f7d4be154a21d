"""The candidate's forms on the dossier page: the answer to the office's request. (A message to
the office is ``notifications.forms.MessageForm``, the same on both sides.)"""

from django import forms
from django.utils.translation import gettext_lazy as _


class AnswerForm(forms.Form):
    prefix = "answer"
    # Where the error summary sends a refusal that is no field's (documents still to upload, the
    # deadline passed): the panel that says what the office asks.
    non_field_anchor = "#demande"

    answer = forms.CharField(
        label=_("Votre réponse au bureau des examens"),
        help_text=_(
            "Expliquez ce que vous avez fait. Facultatif si vous avez déposé les pièces demandées "
            "et validé les corrections."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
