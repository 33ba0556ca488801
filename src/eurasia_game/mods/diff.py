"""What changed between two rule sets: items added, changed and removed, numbers moved.

Used when rules are reloaded in a running game, so the player sees what the
edit did ("events: added 'arctic_patrol'", "actions 'invest': cost 2 -> 3"),
and by tests of mods.  Items are matched by id (the yearly trends, which have
none, by position); a changed item lists each number that moved, with its
field path, and the other fields that changed.  The sentences follow the
language chosen (``assets/words/problems.json``); ids stay as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.merge import KIND
from eurasia_game.loading.problems import format_path, noun
from eurasia_game.model.ruleset import LIST_SECTIONS, RuleSet


@dataclass(frozen=True)
class ItemRef:
    section: str
    id: str
    name: str

    def __str__(self) -> str:
        return S("prob_diff_item", kind=noun(KIND.get(self.section, self.section)), id=self.id)


@dataclass(frozen=True)
class NumberChange:
    path: str
    old: int | float | None
    new: int | float | None

    def __str__(self) -> str:
        return f"{self.path} {self.old} -> {self.new}"


@dataclass(frozen=True)
class ItemChange:
    item: ItemRef
    numbers: tuple[NumberChange, ...] = ()
    fields: tuple[str, ...] = ()  # other changed field paths (text, lists that grew or shrank...)

    def __str__(self) -> str:
        parts = [str(n) for n in self.numbers] + [S("prob_diff_field_changed", field=f) for f in self.fields]
        return f"{self.item}: {', '.join(parts)}"


@dataclass(frozen=True)
class RulesDiff:
    added: tuple[ItemRef, ...] = ()
    removed: tuple[ItemRef, ...] = ()
    changed: tuple[ItemChange, ...] = ()
    texts_added: tuple[str, ...] = ()
    texts_removed: tuple[str, ...] = ()
    texts_changed: tuple[str, ...] = ()
    game: tuple[NumberChange | str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.texts_added or self.texts_removed or self.texts_changed or self.game)

    def in_section(self, section: str) -> tuple[tuple[ItemRef, ...], tuple[ItemChange, ...], tuple[ItemRef, ...]]:
        """(added, changed, removed) for one section, e.g. ``"events"`` for the cards."""
        return (
            tuple(i for i in self.added if i.section == section),
            tuple(c for c in self.changed if c.item.section == section),
            tuple(i for i in self.removed if i.section == section),
        )

    @property
    def numbers(self) -> tuple[tuple[ItemRef, NumberChange], ...]:
        """Every number that moved, with the item it belongs to."""
        return tuple((c.item, n) for c in self.changed for n in c.numbers)

    def lines(self) -> list[str]:
        """The diff in short sentences, one a line (nothing changed: one line saying so)."""
        if self.empty:
            return [S("prob_diff_nothing")]
        out: list[str] = []
        for item in self.added:
            out.append(S("prob_diff_added", item=item, name=item.name))
        for change in self.changed:
            out.append(S("prob_diff_changed", change=change))
        for item in self.removed:
            out.append(S("prob_diff_removed", item=item, name=item.name))
        for key in self.texts_added:
            out.append(S("prob_diff_message_added", key=key))
        for key in self.texts_changed:
            out.append(S("prob_diff_message_reworded", key=key))
        for key in self.texts_removed:
            out.append(S("prob_diff_message_removed", key=key))
        for entry in self.game:
            out.append(S("prob_diff_game", entry=entry))
        return out


def _name(item) -> str:
    for attribute in ("name", "title", "text"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value if len(value) <= 60 else value[:57] + "..."
    return getattr(item, "id", "")


def _keyed(items) -> dict[str, object]:
    out: dict[str, object] = {}
    for index, item in enumerate(items):
        key = getattr(item, "id", None) or f"#{index + 1}"
        out.setdefault(key, item)
    return out


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _compare(old, new, path: tuple, numbers: list[NumberChange], fields: list[str]) -> None:
    if old == new:
        return
    if _is_number(old) and _is_number(new):
        numbers.append(NumberChange(format_path(path) or "value", old, new))
    elif (_is_number(old) and new is None) or (old is None and _is_number(new)):
        numbers.append(NumberChange(format_path(path) or "value", old, new))
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            _compare(old.get(key), new.get(key), path + (key,), numbers, fields)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new)):
            _compare(a, b, path + (index,), numbers, fields)
    else:
        fields.append(format_path(path) or "value")


def _dump(item) -> dict:
    return item.model_dump(mode="json", by_alias=True)


def rules_diff(old: RuleSet, new: RuleSet) -> RulesDiff:
    """Everything that differs between ``old`` and ``new``."""
    added: list[ItemRef] = []
    removed: list[ItemRef] = []
    changed: list[ItemChange] = []
    for section in LIST_SECTIONS:
        before, after = _keyed(getattr(old, section)), _keyed(getattr(new, section))
        for key, item in after.items():
            if key not in before:
                added.append(ItemRef(section, key, _name(item)))
                continue
            numbers: list[NumberChange] = []
            fields: list[str] = []
            _compare(_dump(before[key]), _dump(item), (), numbers, fields)
            if numbers or fields:
                changed.append(ItemChange(ItemRef(section, key, _name(item)), tuple(numbers), tuple(fields)))
        for key, item in before.items():
            if key not in after:
                removed.append(ItemRef(section, key, _name(item)))
    game_numbers: list[NumberChange] = []
    game_fields: list[str] = []
    _compare(_dump(old.game), _dump(new.game), (), game_numbers, game_fields)
    return RulesDiff(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        texts_added=tuple(k for k in new.texts if k not in old.texts),
        texts_removed=tuple(k for k in old.texts if k not in new.texts),
        texts_changed=tuple(k for k in new.texts if k in old.texts and old.texts[k] != new.texts[k]),
        game=tuple(game_numbers) + tuple(game_fields),
    )
