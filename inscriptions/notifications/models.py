"""What tells people: the notifications of the candidate space and a dossier's messages between
the candidate and the exam office, with their attachments. On the ground floor: any app notifies
through ``services`` (the dossier is named by its model's label, so nothing here imports it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One message of a dossier's thread between the candidate and the office."""

    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_office = models.BooleanField(_("envoyé par le bureau des examens"))
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("envoyé le"))
    read_at = models.DateTimeField(_("lu le"), null=True, blank=True)

    class Meta:
        # The tables kept their names when the models moved here from the office app.
        db_table = "review_message"
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["registration", "sent_at", "pk"]
        indexes = [models.Index(fields=["registration", "sent_at"], name="message_thread")]

    def __str__(self) -> str:
        return f"{self.registration} — {self.sent_at:%Y-%m-%d %H:%M}"


class MessageAttachment(models.Model):
    """A file sent with a message: the same checks as a supporting document (content, size,
    antivirus)."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("fichier stocké"), max_length=255)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    content_type = models.CharField(_("type détecté"), max_length=40)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    scan_status = models.CharField(_("analyse antivirus"), max_length=20)
    scan_result = models.CharField(_("résultat de l'analyse"), max_length=255, blank=True)

    class Meta:
        db_table = "review_messageattachment"
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Notification(models.Model):
    """What the candidate space tells a candidate (and what an email said too)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    registration = models.ForeignKey(
        "registration.Registration",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(_("type"), max_length=40)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), blank=True)
    link = models.CharField(_("lien"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("créée le"))
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    # Its email: claimed before sending, marked once sent (core/queueing.py).
    email_started_at = models.DateTimeField(_("envoi commencé le"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("envoyée par courriel le"), null=True, blank=True)

    class Meta:
        db_table = "review_notification"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["user", "-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title
