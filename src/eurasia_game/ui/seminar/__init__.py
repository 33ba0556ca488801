"""Seminar mode: the facilitator's panel, the turn timer, the projector view and the debrief.

``conductor.Seminar`` is owned by the app and holds the class game (with its
what-if lines), the timer and the projector window; the scenes here are the
facilitator's screens.  Everything that changes the game is a recorded
facilitator act (``engine.facilitator``) or a new line of play
(``session.branches``), so a replay reproduces the class's game.
"""
