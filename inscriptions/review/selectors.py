"""Reading dossiers for the exam office: the queue's filters, search, order and counts, and a
dossier's history. Every query starts from ``registration.selectors.dossiers_in_scope``.

The queue reads only the dossier table (the names, category, form, document counts and deadline
are copied there by the services), with indexes on what it filters by: it stays fast with a
million dossiers, and a page of it costs a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from inscriptions.core.models import AuditEntry
from inscriptions.documents import selectors as document_selectors
from inscriptions.documents.models import DocumentStatus, SupportingDocument
from inscriptions.registration.models import Registration, State
from inscriptions.registration.search import search_key
from inscriptions.registration.selectors import dossiers_in_scope

from .models import CompletionRequest, CompletionStatus

DEADLINE_SOON = timedelta(days=3)


class Deadline:
    SOON = "soon"
    PASSED = "passed"


class Documents:
    MISSING = "missing"
    REFUSED = "refused"
    COMPLETE = "complete"


SORTS = {
    "number": ("number",),
    "-number": ("-number",),
    "name": ("search_name", "number"),
    "-name": ("-search_name", "-number"),
    "validated": ("last_validated_at", "number"),
    "-validated": ("-last_validated_at", "-number"),
    "due": ("completion_due_at", "number"),
    "-due": ("-completion_due_at", "-number"),
}
DEFAULT_SORT = "number"


@dataclass(frozen=True)
class QueueFilters:
    session: int | None = None
    specialty: int | None = None
    state: str = ""
    category: str = ""
    documents: str = ""
    deadline: str = ""
    accommodation: bool | None = None
    q: str = ""
    sort: str = DEFAULT_SORT

    def as_query(self) -> dict[str, Any]:
        """The filters as they appear in the queue's address (for links and exports)."""
        values = {
            "session": self.session,
            "specialty": self.specialty,
            "state": self.state,
            "category": self.category,
            "documents": self.documents,
            "deadline": self.deadline,
            "accommodation": {True: "yes", False: "no", None: ""}[self.accommodation],
            "q": self.q,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
        }
        return {key: value for key, value in values.items() if value not in (None, "")}


def _search(dossiers: QuerySet[Registration], text: str) -> QuerySet[Registration]:
    """A dossier number (« 175 » or « 175-2 »), a candidate number, or the start of a name."""
    text = text.strip()
    if not text:
        return dossiers
    number = text.split("-")[0]
    if number.isdigit() and len(number) <= 9:
        return dossiers.filter(Q(number=int(number)) | Q(candidate_number=text))
    if text.isalnum() and any(char.isdigit() for char in text):
        return dossiers.filter(candidate_number=text.upper())
    key = search_key(text)
    return dossiers.filter(search_name__startswith=key) if key else dossiers


def _filtered(
    user: Any, filters: QueueFilters, *, now: datetime, with_state: bool = True
) -> QuerySet[Registration]:
    dossiers = dossiers_in_scope(user)
    if filters.session:
        dossiers = dossiers.filter(session_id=filters.session)
    if filters.specialty:
        dossiers = dossiers.filter(specialty_id=filters.specialty)
    if with_state and filters.state:
        dossiers = dossiers.filter(state=filters.state)
    if filters.category:
        dossiers = dossiers.filter(category=filters.category)
    if filters.documents == Documents.MISSING:
        dossiers = dossiers.filter(documents_missing__gt=0)
    elif filters.documents == Documents.REFUSED:
        dossiers = dossiers.filter(documents_refused__gt=0)
    elif filters.documents == Documents.COMPLETE:
        dossiers = dossiers.filter(documents_missing=0, documents_refused=0)
    if filters.deadline == Deadline.SOON:
        dossiers = dossiers.filter(
            state=State.TO_COMPLETE,
            completion_due_at__gt=now,
            completion_due_at__lte=now + DEADLINE_SOON,
        )
    elif filters.deadline == Deadline.PASSED:
        dossiers = dossiers.filter(state=State.TO_COMPLETE, completion_due_at__lte=now)
    if filters.accommodation is not None:
        dossiers = dossiers.filter(accommodation_requested=filters.accommodation)
    return _search(dossiers, filters.q)


def dossiers_for_review(
    user: Any, filters: QueueFilters, *, now: datetime
) -> QuerySet[Registration]:
    """The queue: filtered, searched, sorted, with what a row shows fetched in the same query."""
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    return (
        _filtered(user, filters, now=now)
        .select_related("session__academy", "specialty")
        .order_by(*order, "pk")
    )


# Beyond this, a count says « plus de 2 000 »: counting a million rows exactly at each screen
# would cost seconds, and nobody pages that far (they filter or search).
COUNT_CAP = 2_000


def state_counts(user: Any, filters: QueueFilters, *, now: datetime) -> dict[str, int]:
    """How many dossiers of each state the other filters select, each counted up to
    ``COUNT_CAP + 1`` (one bounded query per state, on the indexes): a value above
    ``COUNT_CAP`` means « more than ``COUNT_CAP`` »."""
    base = _filtered(user, filters, now=now, with_state=False).order_by()
    return {
        state: base.filter(state=state).values("pk")[: COUNT_CAP + 1].count()
        for state in State.values
        if state != State.DRAFT
    }


@dataclass(frozen=True)
class IncompleteAtDeadline:
    """A session whose documents deadline has passed, and how many dossiers in scope still miss
    a piece (capped as the queue's counts)."""

    session: Any
    count: int
    query: str


def incomplete_at_documents_deadline(user: Any, *, now: datetime) -> list[IncompleteAtDeadline]:
    """What the office has to decide once uploads are closed (002 §II ❸: the registration is
    cancelled when pieces are missing): per session, the dossiers awaiting review or to complete
    with pieces still missing."""
    from urllib.parse import urlencode

    from inscriptions.catalog.models import ExamSession

    base = dossiers_in_scope(user).filter(
        state__in=[State.SUBMITTED, State.TO_COMPLETE], documents_missing__gt=0
    )
    found = []
    for session in ExamSession.objects.filter(documents_due_at__lte=now).select_related("academy"):
        count = base.filter(session=session).values("pk")[: COUNT_CAP + 1].count()
        if count:
            query = urlencode(
                {"session": session.pk, "documents": Documents.MISSING, "state": State.SUBMITTED}
            )
            found.append(IncompleteAtDeadline(session=session, count=count, query=query))
    return found


def is_capped(count: int) -> bool:
    return count > COUNT_CAP


def queue_total(filters: QueueFilters, counts: dict[str, int]) -> int:
    """The filtered list's length, from the counts per state already read (one scan, not two)."""
    if filters.state:
        return counts.get(filters.state, 0)
    return sum(counts.values())


def dossier_for_office(user: Any, pk: int) -> Registration | None:
    return (
        dossiers_in_scope(user)
        .select_related("session__academy", "specialty", "candidate")
        .filter(pk=pk)
        .first()
    )


def history(registration: Registration) -> list[AuditEntry]:
    """Everything the audit log says about the dossier, newest first."""
    return list(
        AuditEntry.objects.filter(registration_id=registration.pk)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def open_request(registration: Registration) -> CompletionRequest | None:
    return registration.completion_requests.filter(status=CompletionStatus.OPEN).first()


def answer_gaps(request: CompletionRequest) -> list[str]:
    """What the candidate still has to do before answering: each document asked for needs a
    file uploaded since the request and before its deadline (an infected one does not count)."""
    rows = {
        document.code: document
        for document in SupportingDocument.objects.filter(
            registration_id=request.registration_id, code__in=request.documents
        )
    }
    gaps = []
    for code in request.documents:
        document = rows.get(code)
        fresh = (
            document is not None
            and document.status in {DocumentStatus.UPLOADED, DocumentStatus.SCANNING}
            and document.files.filter(
                uploaded_at__gte=request.requested_at, uploaded_at__lte=request.due_at
            ).exists()
        )
        if not fresh:
            gaps.append(document_selectors.label_of(code))
    return gaps
