"""Why an upload or a status change is refused, in words the candidate can act on."""

from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "file_missing": _("Choisissez le fichier à déposer."),
    "file_name_invalid": _(
        "Le nom de ce fichier n'est pas valide (chemin, caractères de contrôle) : renommez-le "
        "simplement, par exemple « piece-identite.pdf », puis déposez-le à nouveau."
    ),
    "empty": _("Le fichier est vide."),
    "type_not_allowed": _(
        "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG : son contenu a été vérifié, quel "
        "que soit son nom. Enregistrez ou numérisez la pièce dans l'un de ces formats."
    ),
    "too_large": _(
        "Le fichier pèse %(size)s : la taille maximale est de %(max)s. Réduisez sa taille "
        "(numérisation en 150 ou 200 ppp, par exemple) puis déposez-le à nouveau."
    ),
    "quota_exceeded": _(
        "Ce dépôt porterait l'ensemble des fichiers de votre dossier à %(total)s, au-delà de "
        "la limite de %(quota)s. Réduisez la taille du fichier ou contactez le bureau des "
        "examens."
    ),
    "pdf_unreadable": _(
        "Ce PDF est illisible ou endommagé : enregistrez-le à nouveau, puis déposez-le."
    ),
    "pdf_encrypted": _(
        "Ce PDF est protégé par un mot de passe ou chiffré : déposez une version sans protection."
    ),
    "pdf_active_content": _(
        "Ce PDF contient du JavaScript ou une action qui lance un programme, ce qui n'est pas "
        "accepté. Imprimez-le au format PDF (« Imprimer », puis « Enregistrer au format PDF ») "
        "ou numérisez-le, puis déposez ce nouveau fichier."
    ),
    "image_unreadable": _(
        "Cette image est illisible ou endommagée : enregistrez-la à nouveau, puis déposez-la."
    ),
    "image_too_large": _(
        "Cette image compte trop de pixels : réduisez sa définition, puis déposez-la à nouveau."
    ),
    "hidden_content": _(
        "Ce fichier contient, en plus de l'image, un autre document ou du code : il est "
        "refusé. Enregistrez l'image à nouveau (capture ou export en JPEG ou PNG), puis "
        "déposez-la."
    ),
    "not_validated": _(
        "Validez d'abord votre inscription : les pièces se déposent sur un dossier validé."
    ),
    "withdrawn": _("Vous vous êtes désisté : ce dossier ne reçoit plus de pièces."),
    "not_required": _("Cette pièce n'est pas demandée pour votre dossier."),
    "already_accepted": _(
        "Le bureau des examens a accepté cette pièce : elle ne peut plus être remplacée."
    ),
    "not_in_scope": _("Ce dossier ne relève pas de vos spécialités."),
    "reason_required": _("Indiquez le motif : il est montré au candidat."),
    "nothing_to_review": _("Aucun fichier vérifié par l'antivirus n'est déposé pour cette pièce."),
}


def _display(name: str, value: Any) -> Any:
    if name in {"size", "max", "total", "quota"} and isinstance(value, int):
        return filesizeformat(value)
    return value


class DocumentRefused(Exception):
    """A refusal with its stable ``code`` and the message in the active language.

    ``text`` is given when the message comes already worded (the rules' deadline finding).
    """

    def __init__(self, code: str, *, text: str = "", **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self._text = text

    @property
    def message(self) -> str:
        if self._text:
            return self._text
        template = str(MESSAGES[self.code])
        params = {name: _display(name, value) for name, value in self.params.items()}
        return template % params if params else template
