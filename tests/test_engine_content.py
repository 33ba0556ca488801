"""The code hard-codes no content: every id comes from the loaded rules.

Every Python file under ``src/eurasia_game`` (the engine, the session, the
command line, the window and the computer players alike) is parsed, and no
string literal may be exactly one of the base rules' ids: a side, front,
track, event card, action, ending, scenario or red line.  A mod that renames
a front must not break a single line of code.

Only whole literals count (``"energy"``, ``f"energy{x}"`` parts), so prose in
docstrings is fine.  Words that are also part of the rule-file vocabulary
(an effect type, a phase kind, a field name, a text key) are not content
ids and are left out.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

from pydantic import BaseModel

import eurasia_game
from eurasia_game.model import base, conditions, content, effects, ruleset
from eurasia_game.model.texts import TEXT_KEYS

SOURCE = Path(eurasia_game.__file__).resolve().parent


def vocabulary() -> set[str]:
    """Words the code may legitimately spell out: the rule-file format's own words."""
    words: set[str] = set(TEXT_KEYS) | set(base.SIDE_SPECIALS) | set(base.FRONT_SPECIALS)
    for module in (base, conditions, content, effects, ruleset):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                for name, info in value.model_fields.items():
                    words.add(name)
                    if info.alias:
                        words.add(info.alias)
                    for arg in typing.get_args(info.annotation):
                        if isinstance(arg, str):
                            words.add(arg)
                    if typing.get_origin(info.annotation) is typing.Literal:
                        words.update(typing.get_args(info.annotation))
    words.update(typing.get_args(content.PhaseKind))
    words.update(typing.get_args(content.Outcome))
    return words


def content_ids(rules) -> dict[str, str]:
    """id -> what it names, for every piece of base content."""
    ids: dict[str, str] = {}
    for kind, items in (
        ("side", rules.sides),
        ("front", rules.fronts),
        ("track", rules.tracks),
        ("event card", rules.events),
        ("action", rules.actions),
        ("ending", rules.endings),
        ("scenario", rules.scenarios),
        ("red line", rules.red_lines),
    ):
        for item in items:
            ids[item.id] = kind
    for event in rules.events:
        for option in event.dilemma.options if event.dilemma else ():
            ids.setdefault(option.id, "dilemma option")
    return ids


def string_literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_content_id_is_written_in_the_code(rules):
    ids = content_ids(rules)
    allowed = vocabulary()
    checked = {i: k for i, k in ids.items() if i not in allowed}
    assert len(checked) >= len(rules.sides) + len(rules.fronts) + len(rules.tracks), "the check lost its ids"
    for side in rules.side_ids:
        assert side in checked, f"side id {side} collides with the vocabulary"
    hits = []
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 20
    for path in files:
        for line, value in string_literals(path):
            if value in checked:
                hits.append(f"{path.relative_to(SOURCE.parent)}:{line}: '{value}' is a {checked[value]} id of the base rules")
    assert not hits, "content ids are written in the code; take them from the loaded rules:\n" + "\n".join(hits)


def test_the_scan_finds_a_hard_coded_id(rules, tmp_path):
    side = rules.side_ids[0]
    probe = tmp_path / "probe.py"
    probe.write_text(f'def f(state):\n    """Mentions {side} in prose."""\n    return state.power["{side}"]\n', encoding="utf-8")
    found = [(line, value) for line, value in string_literals(probe) if value in content_ids(rules)]
    assert found == [(3, side)]
