"""The message form of a dossier's thread, the same for the candidate and the office."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import messages as messaging


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class MessageForm(forms.Form):
    prefix = "message"

    def send(self, *, registration: Any, author: Any, now: datetime) -> bool:
        """Send the message when the form is valid; a refusal of the service goes beside its
        field. True once sent (the same for the candidate and the office)."""
        if not self.is_valid():
            return False
        try:
            messaging.message_send(
                registration=registration,
                author=author,
                body=self.cleaned_data["body"],
                attachments=self.cleaned_data["attachments"],
                now=now,
            )
        except messaging.MessageRefused as refusal:
            self.add_error(
                refusal.field if refusal.field in self.fields else "body", refusal.message
            )
            return False
        return True

    body = forms.CharField(
        label=_("Votre message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    attachments = MultipleFileField(
        label=_("Pièces jointes (facultatif)"),
        help_text=_("PDF, JPEG ou PNG, 3 fichiers au plus."),
        required=False,
    )
