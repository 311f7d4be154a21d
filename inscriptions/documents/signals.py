"""What the documents tell the apps built on them, which they do not import: a file was
uploaded for a dossier (once its transaction committed). The review answers an office's request
whose every requested piece has now arrived (002 §II ④)."""

from django.dispatch import Signal

# Sent with registration_id and now.
document_uploaded = Signal()
