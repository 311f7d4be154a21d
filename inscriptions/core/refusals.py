"""The one shape of a service's refusal, whatever the app: a message the person can act on, the
rules' findings behind it, and the field it belongs to (forms and the API place it there)."""

from inscriptions import rules as r

from .findings import finding_text


class ServiceRefused(Exception):
    def __init__(self, message: str = "", *, findings: tuple[r.Finding, ...] = (), field: str = ""):
        self.findings = findings
        self.field = field
        self.message = message or "; ".join(finding_text(f) for f in findings)
        super().__init__(self.message)
