"""Debriefs and class reports, built from game records with no window.

``debrief`` gathers one game's timeline, series, turning points and ending;
``html``, ``markdown`` and ``table`` render it; ``combine`` compares several
tables of a class; ``export`` writes the report folder.  Nothing here imports
pygame: the debrief screen in the window uses the same ``Debrief`` data.
"""
