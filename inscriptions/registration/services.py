"""What changes a dossier: start, save a step, abandon, validate. Each runs in one transaction,
writes an audit entry, and refuses with ``RegistrationRefused`` carrying the rules' findings."""

import copy
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inscriptions import rules as r
from inscriptions.accounts.models import User
from inscriptions.catalog import facts as catalog_facts
from inscriptions.catalog.models import ExamSession, Specialty
from inscriptions.core import queueing
from inscriptions.core.models import audit
from inscriptions.notifications import services as notify
from inscriptions.rules import facts as rf
from inscriptions.rules.registration import BUSY

from . import facts, search, signals, summary
from .models import Registration, RegistrationVersion, SessionCounter, State


class RegistrationRefused(Exception):
    """The rules refuse the action; ``findings`` say why, each with its source."""

    def __init__(self, findings: tuple[r.Finding, ...]) -> None:
        super().__init__("; ".join(finding.render() for finding in findings))
        self.findings = findings


def correcting(registration: Registration) -> bool:
    """The office asked for corrections (« à compléter ») and waits for them."""
    return registration.state == State.TO_COMPLETE and registration.completion_due_at is not None


def validation_action(registration: Registration) -> rf.Action:
    """Which deadline applies to a validation: registration's, modification's, or, for
    corrections the office asked for, none but the office's own (checked apart)."""
    if registration.number is None:
        return rf.Action.SUBMIT
    return rf.Action.REVIEW if correcting(registration) else rf.Action.MODIFY


def signature_lock(registration: Registration) -> tuple[r.Finding, ...]:
    """Why a dossier whose signed confirmation was returned is read-only, where the session says
    so (003 « Rappels importants »); nothing otherwise."""
    return r.signed_confirmation_lock_decision(
        settings=catalog_facts.session_facts(registration.session).settings,
        signed_confirmation_returned=registration.signed_confirmation_version is not None,
    ).errors


def _window_or_refuse(registration_or_session: Any, *, now: datetime) -> None:
    """A draft needs the registration window open; a validated dossier, the modification one."""
    if isinstance(registration_or_session, Registration) and registration_or_session.number:
        registration = registration_or_session
        locked = signature_lock(registration)
        if locked:
            raise RegistrationRefused(locked)
        if registration.state in {State.COMPLIANT, State.NON_COMPLIANT}:
            # Decided by the office: only a reopening makes it modifiable again.
            raise RegistrationRefused(())
        if correcting(registration) and registration.completion_due_at:
            # The office asked for corrections: allowed until its deadline, even past closing.
            decision = r.office_request_decision(now=now, due_at=registration.completion_due_at)
        else:
            decision = r.modification_decision(
                now=now, session=catalog_facts.session_facts(registration.session)
            )
    else:
        session = getattr(registration_or_session, "session", registration_or_session)
        decision = r.registration_window_decision(
            now=now, session=catalog_facts.session_facts(session)
        )
    if decision.errors:
        raise RegistrationRefused(decision.errors)


def registration_begin(
    *, candidate: User, session: ExamSession, now: datetime
) -> tuple[Registration, bool]:
    """The candidate's dossier in this session and whether this call created it: one dossier
    per candidate and session (000–002 FAQ), however many requests arrive at once."""
    existing = (
        Registration.objects.filter(candidate=candidate, session=session)
        .exclude(state=State.WITHDRAWN)
        .first()
    )
    if existing is not None:
        return existing, False
    _window_or_refuse(session, now=now)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                candidate=candidate,
                session=session,
                answers={"identity": {"email": candidate.email}},
            )
            audit(actor=candidate, action="registration.start", obj=registration)
    except IntegrityError:
        # Another request of the same candidate created it first: one dossier per session.
        return (
            Registration.objects.exclude(state=State.WITHDRAWN).get(
                candidate=candidate, session=session
            ),
            False,
        )
    return registration, True


def registration_start(*, candidate: User, session: ExamSession, now: datetime) -> Registration:
    """The candidate's dossier in this session: the existing one, or a new draft."""
    return registration_begin(candidate=candidate, session=session, now=now)[0]


def existing_registration_findings(registration: Registration) -> tuple[r.Finding, ...]:
    """Why a second registration in the session is not started: the rule, naming the dossier
    the candidate already has (validated) or the draft to resume."""
    number = registration.reference or None
    specialty = registration.specialty
    return r.existing_registration_decision(
        dossier_number=number, specialty_code=str(specialty) if specialty else None
    ).findings


@transaction.atomic
def registration_save_step(
    *,
    registration: Registration,
    step: str,
    values: dict[str, Any],
    next_step: str,
    now: datetime,
) -> Registration:
    """Keep what the candidate entered on one screen (a draft, or a modification in progress)."""
    registration = (
        # Only the dossier's row is locked; its session and specialty come with it.
        Registration.objects.select_for_update(of=("self",))
        .select_related("session__academy", "specialty")
        .get(pk=registration.pk)
    )
    if registration.state == State.WITHDRAWN:
        raise RegistrationRefused(())
    _window_or_refuse(registration, now=now)
    answers = dict(registration.answers)
    answers[step] = values
    registration.answers = answers
    registration.current_step = next_step
    fields = ["answers", "current_step", "updated_at"]
    if step == "specialty":
        registration.specialty = Specialty.objects.get(pk=values["specialty"])
        fields.append("specialty")
    registration.save(update_fields=fields)
    return registration


@transaction.atomic
def registration_abandon(*, registration: Registration, actor: User) -> Registration | None:
    """Drop a draft; for a validated dossier, drop the modification in progress."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    last = registration.versions.order_by("-version").first()
    if last is None:
        audit(actor=actor, action="registration.abandon", obj=registration)
        registration.delete()
        return None
    registration.answers = copy.deepcopy(last.answers)
    registration.specialty_id = last.summary["specialty_id"]
    registration.current_step = ""
    registration.save(update_fields=["answers", "specialty", "current_step", "updated_at"])
    audit(actor=actor, action="registration.modification_abandoned", obj=registration)
    return registration


def _next_number(session: ExamSession) -> int:
    SessionCounter.objects.get_or_create(session=session)
    # The counter row is locked until the transaction commits: numbers are given one at a time,
    # and a rolled-back validation gives its number back, so there is no gap.
    counter = SessionCounter.objects.select_for_update().get(session=session)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


# A validation waits this long at most for another one of the same dossier (a double click,
# two tabs): then it is refused with a message rather than left hanging.
LOCK_WAIT = "5s"


def _deadline_errors(
    registration: Registration, action: rf.Action, *, now: datetime
) -> tuple[r.Finding, ...]:
    """The window a validation at ``now`` falls in: registration's, modification's, or the
    office's request's deadline."""
    if action is rf.Action.REVIEW and registration.completion_due_at is not None:
        return r.office_request_decision(now=now, due_at=registration.completion_due_at).errors
    session = catalog_facts.session_facts(registration.session)
    if action is rf.Action.SUBMIT:
        return r.registration_window_decision(now=now, session=session).errors
    return r.modification_decision(now=now, session=session).errors


def _unchanged(registration: Registration, last: RegistrationVersion | None) -> bool:
    """Whether the answers are those the latest version froze: validating them again (a double
    click, a second tab, a repeated API call) makes no new version and sends no new email."""
    return (
        last is not None
        and last.answers == registration.answers
        and last.summary.get("specialty_id") == registration.specialty_id
    )


def _lock_for_validation(registration: Registration) -> Registration:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'")
    try:
        return (
            # Only the dossier's row is locked (the specialty is an outer join).
            Registration.objects.select_for_update(of=("self",))
            .select_related("session__academy", "specialty")
            .get(pk=registration.pk)
        )
    except OperationalError as error:
        raise RegistrationRefused((BUSY.finding(),)) from error


def _clock() -> datetime:
    """The clock a validation measures its own duration with (the time the service spends
    waiting for the lock and writing, added to the request's ``now``)."""
    return timezone.now()


def registration_validate(
    *, registration: Registration, actor: User, now: datetime
) -> RegistrationVersion:
    """« Valider votre inscription »: a number at the first validation, a new version at each.

    ``now`` is when the request arrived; the receipt recorded is when the validation commits
    (``now`` plus the time spent waiting and writing), and a validation that would commit after
    its closing instant is refused with the closing message."""
    started = _clock()
    with transaction.atomic():
        registration = _lock_for_validation(registration)
        if registration.state in {State.WITHDRAWN, State.COMPLIANT, State.NON_COMPLIANT}:
            raise RegistrationRefused(())
        locked = signature_lock(registration)
        if locked:
            raise RegistrationRefused(locked)
        last = registration.versions.order_by("-version").first()
        if last is not None and _unchanged(registration, last):
            if registration.current_step:
                registration.current_step = ""
                registration.save(update_fields=["current_step", "updated_at"])
            return last
        first = registration.number is None
        action = validation_action(registration)
        held = now + (_clock() - started)
        if correcting(registration) and registration.completion_due_at is not None:
            expired = r.office_request_decision(now=held, due_at=registration.completion_due_at)
            if expired.errors:
                raise RegistrationRefused(expired.errors)
        decision = facts.evaluate(registration, now=held, action=action)
        if decision.errors:
            raise RegistrationRefused(decision.errors)
        if first:
            registration.number = _next_number(registration.session)
            registration.version = 0
        else:
            registration.version = (registration.version or 0) + 1
        if registration.state != State.TO_COMPLETE:
            # A correction asked by the office is sent with the candidate's answer, which moves
            # the dossier back to awaiting review (``review.services``); until then it stays
            # « à compléter ».
            if registration.state != State.SUBMITTED:
                registration.state_changed_at = held
            registration.state = State.SUBMITTED
        registration.current_step = ""
        for name, value in search.index_fields(registration.answers).items():
            setattr(registration, name, value)
        snapshot = summary.snapshot(registration, decision)
        changed_from = _specialty_changed_from(last.summary if last else None, snapshot)
        if changed_from:
            snapshot["specialty_changed_from"] = changed_from
        version = RegistrationVersion.objects.create(
            registration=registration,
            version=registration.version,
            answers=copy.deepcopy(registration.answers),
            summary=snapshot,
            validated_at=held,
        )
        # The receipt is the commit's instant: what the candidate is told, and what the closing
        # is checked against, is when the version is written, not when the click was made.
        receipt = now + (_clock() - started)
        late = _deadline_errors(registration, action, now=receipt)
        if late:
            raise RegistrationRefused(late)
        if first:
            registration.first_validated_at = receipt
        registration.last_validated_at = receipt
        registration.save()
        version.validated_at = receipt
        version.save(update_fields=["validated_at"])
        audit(
            actor=actor,
            action="registration.validate",
            obj=registration,
            version=version.version,
            reference=version.reference,
            **({"specialty_changed_from": changed_from} if changed_from else {}),
        )
        # Queued with the version (the database queue's outbox), or once it is committed, never
        # turning a committed validation into an error (a sweep queues it again if need be).
        queueing.enqueue_with(_confirmation_task(), version.pk)
        transaction.on_commit(lambda: _count_documents(registration.pk, receipt), robust=True)
        if changed_from:
            _tell_office_of_specialty_change(version)
    return version


def _specialty_changed_from(previous: dict[str, Any] | None, snapshot: dict[str, Any]) -> str:
    """The specialty (and option) the previous version named, when this one names another."""
    if previous is None or previous.get("specialty_id") == snapshot.get("specialty_id"):
        return ""
    return str(previous.get("specialty_label") or previous.get("specialty_code") or "")


def _tell_office_of_specialty_change(version: RegistrationVersion) -> None:
    """The office is told when a modification changes the specialty or its option."""
    with translation.override(settings.LANGUAGE_CODE):
        notify.notify_office(
            registration=version.registration,
            subject=_("Changement de spécialité — dossier %(ref)s") % {"ref": version.reference},
            text=_("Le candidat a remplacé la spécialité %(before)s par %(after)s.")
            % {
                "before": version.summary.get("specialty_changed_from", ""),
                "after": version.summary.get("specialty_label", ""),
            },
        )


def _count_documents(registration_id: int, now: datetime) -> None:
    signals.version_validated.send(sender=Registration, registration_id=registration_id, now=now)


def _confirmation_task() -> Any:
    from .tasks import send_confirmation

    return send_confirmation


def registration_prefill_from_record(
    *, registration: Registration, candidate_number: str, birth_date: Any
) -> bool:
    """A returning candidate of the same académie: civil status and still-valid grades from the
    earlier session (seed 004 « Attention », 000). Nothing is said when no record matches."""
    from .prefill import prefill_answers

    answers = prefill_answers(
        registration=registration, candidate_number=candidate_number, birth_date=birth_date
    )
    if answers is None:
        return False
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        merged = dict(locked.answers)
        for key, values in answers.items():
            merged[key] = {**merged.get(key, {}), **values}
        locked.answers = merged
        locked.save(update_fields=["answers", "updated_at"])
        audit(actor=locked.candidate, action="registration.prefill", obj=locked)
    registration.answers = merged
    return True
