"""Eurasia Game: a turn-based teaching wargame about the Russia-China partnership up to 2030.

Layers, from the bottom up: ``model`` (the shape of rule files), ``loading``
(reading and checking rule files), ``engine`` (pure game rules),
``session`` (records, saves, undo, computer policies), ``cli`` and ``ui``.
Each layer imports only the layers below it; only ``ui`` imports pygame.
"""

__version__ = "0.1.0"
