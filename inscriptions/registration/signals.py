"""What registration tells the apps built on it, which it does not import: a version was
validated (once its transaction committed). The documents app recounts the dossier's required
documents then, since the new version may require others."""

from django.dispatch import Signal

# Sent with registration_id and now.
version_validated = Signal()
