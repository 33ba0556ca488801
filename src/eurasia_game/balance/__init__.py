"""The balance lab: many computer-played games, summarised for modders and instructors.

``games`` plays one game and keeps what the report needs, ``runner`` spreads
games over processes with a progress bar, ``stats`` turns the games into
figures, ``report`` writes Markdown and CSV, and ``charts`` draws the PNGs.
Nothing in the engine or the session imports this package.
"""
