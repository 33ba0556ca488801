"""Print-ready handouts for a class, built from the rule files.

``content`` gathers what a handout says (a side's briefing, the rules, the
reading guide, the memo and its rubric) as plain data, from the rules' own
teaching sections (``rules/teaching.yaml``) and their content, so a mod or a
translation carries through.  ``pages`` renders them as self-contained HTML
with a print stylesheet; ``export`` writes the folder.  The window's briefing
screen uses the same ``content``.  Nothing here imports pygame.
"""
