"""Checks on the ``flags:`` names section that the model alone does not catch.

A name for a flag that no effect sets, no scenario starts with and no
condition tests is most likely a misspelt id (the name would never show);
``check`` says so, with the nearest flag the rules do use.  Only the names
the last layer loaded gives are judged: a mod that takes out what used one
of the base game's flags (``steeper_gap`` restates the yearly trends) has
nothing to fix in the base game's names.
"""

from __future__ import annotations

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import did_you_mean
from eurasia_game.model import conditions as C


def report(checker) -> None:
    rules = checker.rules
    if not rules.flags:
        return
    layers = [layer.name for layer in getattr(checker.result, "layers", ()) if not layer.unloaded]
    origins = getattr(checker.result, "origins", {})
    used = set(checker.flags_set)
    used.update(model.flag for _, model in checker.walk(rules, ()) if isinstance(model, C.FlagSet))
    for index, named in enumerate(rules.flags):
        origin = origins.get(("flags", index))
        if layers and origin is not None and origin[0].layer != layers[-1]:
            continue
        if named.id not in used:
            checker.add(
                "warning", ("flags", index, "id"),
                S("prob_flag_name_unused", flag=named.id),
                did_you_mean(named.id, sorted(used)) or S("prob_flag_name_used"),
            )
