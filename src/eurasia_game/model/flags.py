"""Readable names for the rules' flags (marks that effects set and conditions test).

A flag is an id such as ``referendum_held``; the sentences that describe a
card's condition or a red line's distance used to show it with its
underscores turned into spaces, which no language file can translate.  A
``flags:`` section gives a flag a name (a text, so ``lang/CODE/`` files
translate it as ``flags.<id>.name``); a flag without one is still shown by
its id.  Names never change play, so the section is left out of the rules'
fingerprint, and adding or rewording one keeps every save and record valid.
"""

from __future__ import annotations

from pydantic import Field

from eurasia_game.model.base import RuleModel, Slug, Text


class FlagDef(RuleModel):
    """The name players read for one flag."""

    id: Slug = Field(description="The flag's id, as effects set it ('type: flag, flag: ID') and conditions test it.")
    name: Text = Field(description="What the flag means, in a few words: 'referendum held'.")


def flag_name(rules, flag: str) -> str:
    """The flag's name in the rules (in the language they were loaded in), else its id in words."""
    named = getattr(rules, "flag", {}).get(flag)
    return named.name if named is not None else flag.replace("_", " ")
