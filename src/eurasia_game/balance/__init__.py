"""The balance lab: many computer-played games, summarised for modders and instructors.

``games`` plays one game and keeps what the report needs, ``runner`` spreads
games over processes with a progress bar, ``stats`` turns the games into
figures, and ``report`` writes Markdown and CSV.  The PNG charts are drawn by
``ui.balance_charts``, which the ``balance`` command hands to ``report``, so
this package never imports pygame.  Nothing in the engine or the session
imports this package.
"""
