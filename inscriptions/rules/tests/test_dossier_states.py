"""The dossier's state machine: every allowed move, and every other one refused.

Source: 002_d2d52601aecd35af.txt §II ④ « Traitement des demandes d'inscription » (en attente de
traitement, then conforme, non conforme, or to be made conforme within a deadline « A défaut,
votre inscription sera refusée »), the state table of PRODUCT.md (reopening with a reason), and
001 FAQ for the withdrawal (« je ne souhaite plus présenter les épreuves »).
"""

import itertools

import pytest

from inscriptions.rules import Actor, DossierState, Move, moves_from, transition_decision
from inscriptions.rules.dossier_states import target_of

S, M, A = DossierState, Move, Actor

# (move, from, actor) → to, written out from the sources above, not from the code's table.
ALLOWED = {
    (M.VALIDATE, S.DRAFT, A.CANDIDATE): S.SUBMITTED,
    (M.DECLARE_COMPLIANT, S.SUBMITTED, A.OFFICE): S.COMPLIANT,
    (M.DECLARE_NON_COMPLIANT, S.SUBMITTED, A.OFFICE): S.NON_COMPLIANT,
    (M.REQUEST_COMPLETION, S.SUBMITTED, A.OFFICE): S.TO_COMPLETE,
    (M.ANSWER_COMPLETION, S.TO_COMPLETE, A.CANDIDATE): S.SUBMITTED,
    (M.EXPIRE_COMPLETION, S.TO_COMPLETE, A.SYSTEM): S.NON_COMPLIANT,
    (M.REOPEN, S.COMPLIANT, A.OFFICE): S.SUBMITTED,
    (M.REOPEN, S.NON_COMPLIANT, A.OFFICE): S.SUBMITTED,
    (M.WITHDRAW, S.SUBMITTED, A.CANDIDATE): S.WITHDRAWN,
    (M.WITHDRAW, S.TO_COMPLETE, A.CANDIDATE): S.WITHDRAWN,
    (M.WITHDRAW, S.COMPLIANT, A.CANDIDATE): S.WITHDRAWN,
    (M.WITHDRAW, S.NON_COMPLIANT, A.CANDIDATE): S.WITHDRAWN,
}
NEEDS_REASON = {M.DECLARE_NON_COMPLIANT, M.REQUEST_COMPLETION, M.REOPEN}
EVERY = list(itertools.product(Move, DossierState, Actor))


@pytest.mark.parametrize(("move", "source", "actor"), list(ALLOWED))
def test_allowed_move_reaches_its_state(move, source, actor):
    decision = transition_decision(move=move, source=source, actor=actor, reason="motif")

    assert decision.ok
    assert target_of(move, source) is ALLOWED[(move, source, actor)]


@pytest.mark.parametrize(
    ("move", "source", "actor"), [case for case in EVERY if case not in ALLOWED]
)
def test_every_other_move_is_refused_with_its_reason(move, source, actor):
    decision = transition_decision(move=move, source=source, actor=actor, reason="motif")

    assert not decision.ok
    (finding,) = decision.errors
    assert finding.code in {"states.transition_forbidden", "states.wrong_actor"}
    assert finding.source.document == "002_d2d52601aecd35af.txt"


@pytest.mark.parametrize(("move", "source", "actor"), list(ALLOWED))
def test_a_refusal_a_request_and_a_reopening_need_a_reason(move, source, actor):
    decision = transition_decision(move=move, source=source, actor=actor, reason="  ")

    if move in NEEDS_REASON:
        assert decision.codes == ("states.reason_required",)
        assert decision.errors[0].field == "reason"
    else:
        assert decision.ok


def test_a_forbidden_move_says_both_states():
    decision = transition_decision(move=M.DECLARE_COMPLIANT, source=S.TO_COMPLETE, actor=A.OFFICE)

    assert decision.errors[0].render() == (
        "Un dossier « À compléter » ne peut pas passer à « Conforme »."
    )


def test_the_office_cannot_answer_for_the_candidate():
    decision = transition_decision(move=M.ANSWER_COMPLETION, source=S.TO_COMPLETE, actor=A.OFFICE)

    assert decision.codes == ("states.wrong_actor",)
    assert decision.errors[0].render() == "Ce changement d'état revient au candidat."


def test_moves_offered_to_the_office_per_state():
    assert moves_from(S.SUBMITTED, A.OFFICE) == (
        M.DECLARE_COMPLIANT,
        M.DECLARE_NON_COMPLIANT,
        M.REQUEST_COMPLETION,
    )
    assert moves_from(S.TO_COMPLETE, A.OFFICE) == ()
    assert moves_from(S.COMPLIANT, A.OFFICE) == (M.REOPEN,)
    assert moves_from(S.NON_COMPLIANT, A.OFFICE) == (M.REOPEN,)
    assert moves_from(S.WITHDRAWN, A.OFFICE) == ()
    assert moves_from(S.DRAFT, A.OFFICE) == ()


def test_target_of_a_forbidden_move_is_an_error():
    with pytest.raises(ValueError, match="not allowed"):
        target_of(M.REOPEN, S.SUBMITTED)
