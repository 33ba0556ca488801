"""The keyboard table: every shortcut, the words that explain it, where it works.

Screens take their shortcuts from here and the help overlay lists this
table, so what the help says is what the keys do.
"""

from __future__ import annotations

# (key spec, string key describing it, where it works)
GLOBAL = (
    ("f1", "key_help", "key_anywhere"),
    ("f11", "key_fullscreen", "key_anywhere"),
    ("f9", "key_facilitator", "key_in_game"),
    ("f10", "key_projector", "key_in_game"),
    ("tab", "key_tab", "key_anywhere"),
    ("up", "key_arrows", "key_anywhere"),
    ("return", "key_activate", "key_anywhere"),
    ("escape", "key_escape", "key_anywhere"),
)

BOARD = (
    ("1", "key_fronts", "key_board"),
    ("a", "key_actions", "key_board"),
    ("e", "key_end_planning", "key_board"),
    ("ctrl+z", "key_undo", "key_board"),
    ("ctrl+s", "key_save", "key_board"),
    ("f2", "key_red_lines", "key_board"),
    ("pageup", "key_log", "key_board"),
    ("m", "key_mod_report", "key_board"),
    ("f5", "key_reload", "key_board"),
)

OTHER = (
    ("space", "key_curtain", "key_curtain_where"),
    ("1", "key_options", "key_dilemma_where"),
    ("space", "key_reveal", "key_reveal_where"),
    ("g", "key_tutorial", "key_title_where"),
)

# letters the board's actions may take (E is End planning, M the mod report,
# S and Z go with Ctrl; V is kept free)
ACTION_KEYS = "abcdfghijklnopqrtuwxy"
END_PLANNING = "e"
UNDO = "ctrl+z"
SAVE = "ctrl+s"
MOD_REPORT = "m"
RELOAD = "f5"

# how the help writes a key that stands for several
HELP_LABELS = {"1": "1, 2, 3…", "a": "A, B, C…", "pageup": "Page Up / Page Down", "up": "Arrow keys"}

_letters_cache: dict = {}


def help_label(spec: str) -> str:
    """The key as the help's table writes it."""
    from eurasia_game.ui.widgets import key_label

    return HELP_LABELS.get(spec) or key_label(spec)


def action_letters(rules) -> dict[str, str]:
    """Each action's own letter, the same on every front and in every year.

    Letters follow the rules' order of actions: an action takes the first
    letter of its name's words that is free, then any free letter of its
    name, then the first free letter; actions beyond the letters get none.
    So Export technology keeps its letter whichever front is selected.
    """
    key = id(rules)
    cached = _letters_cache.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1]
    free = list(ACTION_KEYS)
    out: dict[str, str] = {}
    for action in rules.actions:
        name = action.name.lower()
        initials = [w[0] for w in name.split() if w]
        choice = next((c for c in initials + list(name) if c in free), None) or (free[0] if free else None)
        if choice is None:
            continue
        free.remove(choice)
        out[action.id] = choice
    _letters_cache.clear()
    _letters_cache[key] = (rules, out)
    return out
