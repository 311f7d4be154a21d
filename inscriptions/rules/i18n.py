"""Translation markers that do not need Django.

The rules must stay importable without Django (import-linter contract), yet every message they
produce is user-facing and French-first. Templates are therefore marked with ``gettext_noop``,
a keyword ``makemessages`` extracts by default, and translated where they are shown
(``gettext(finding.message) % finding.display_params()``).
"""


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction and return it unchanged."""
    return message
