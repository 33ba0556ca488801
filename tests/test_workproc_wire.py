"""The wire to the computer's own process carries data, never a call.

``session/workproc.py`` pickles a move's inputs and its answer between the
game's two processes.  Its reading end rebuilds only the game's own classes,
a random generator and exceptions: a message that names any other global
(``os.system``, ``builtins.eval``, a function of the game) is refused before
anything is called.
"""

from __future__ import annotations

import io
import os
import pickle

import pytest

from eurasia_game.session import workproc
from eurasia_game.session.policies import make_policy
from eurasia_game.session.session import GameSession


def _round_trip(message):
    stream = io.BytesIO()
    workproc.send(stream, message)
    stream.seek(0)
    return workproc.receive(stream)


def test_a_hard_move_and_its_rules_cross_the_wire(rules):
    session = GameSession.new(rules, rules.game.default_scenario, 5, {s: "hard" for s in rules.side_ids})
    side = session.state.to_act
    policy = make_policy("hard", 5, side)
    kind, sent_rules, sent_policy, view, legal = _round_trip(("move", rules, policy, session.view(side), session.legal(side)))
    assert kind == "move" and sent_rules == rules
    assert view == session.view(side) and legal == session.legal(side)
    assert type(sent_policy) is type(policy)
    assert _round_trip(("error", RuntimeError("in the search"))) [1].args == ("in the search",)


class _CallsOnLoad:
    def __init__(self, call, *args):
        self.call, self.args = call, args

    def __reduce__(self):
        return self.call, self.args


@pytest.mark.parametrize("call", [os.system, eval, getattr, workproc.send], ids=["os.system", "eval", "getattr", "a game function"])
def test_a_message_naming_any_other_global_is_refused_before_a_call(call, tmp_path):
    marker = tmp_path / "ran"
    forged = pickle.dumps(("move", _CallsOnLoad(call, f"touch {marker}")))
    stream = io.BytesIO(workproc._HEADER.pack(len(forged)) + forged)
    with pytest.raises(pickle.UnpicklingError, match="does not send"):
        workproc.receive(stream)
    assert not marker.exists()
