"""The keys of the ``texts`` section: every message the engine itself writes.

Rule files must define each of these, so that all player-visible words live in
rule files (and can be translated or reworded by a mod).  Placeholders are
``$name`` fields filled in by the engine.
"""

TEXT_KEYS: dict[str, str] = {
    "year_began": "A new year starts. $year",
    "card_drawn": "An event card was drawn. $title",
    "card_triggered": "An event card fired because something caused it. $title",
    "no_card": "No event could be drawn this year.",
    "income_gained": "A side received its yearly power. $side $amount",
    "orders_revealed": "Both sides' orders were revealed. $year",
    "planned": "A side planned an order (shown only to that side). $side $action $front",
    "committed": "A side finished planning. $side",
    "chose": "A side chose a dilemma option. $side $option",
    "red_line_crossed": "A red line was crossed. $name",
    "ending_reached": "The game ended. $name",
    "illegal_not_your_turn": "Why: it is another side's turn. $side $turn",
    "illegal_game_over": "Why: the game is over.",
    "illegal_wrong_phase": "Why: that kind of move does not fit this phase. $phase",
    "illegal_not_your_action": "Why: the action belongs to another side. $side $action",
    "illegal_unknown_action": "Why: no such action. $action",
    "illegal_cost": "Why: not enough power. $cost $power",
    "illegal_orders": "Why: no orders left this year. $limit",
    "illegal_per_year": "Why: the action was already ordered as often as allowed. $action $limit",
    "illegal_target": "Why: the target is not allowed. $action $front",
    "illegal_needs_target": "Why: the action needs a front. $action",
    "illegal_requires": "Why: a requirement fails. $reason",
    "illegal_option": "Why: no such option. $option",
}
