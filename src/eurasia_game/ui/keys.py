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
)

# letters given to the actions listed on the board, in order (E is End planning)
ACTION_KEYS = "abcdfghijklnopqrtuwxy"
END_PLANNING = "e"
UNDO = "ctrl+z"
SAVE = "ctrl+s"
MOD_REPORT = "m"
RELOAD = "f5"
