"""The ``eurasia-game`` command: play, check, simulate, replay."""
