"""Applying a layer's ``patch:`` section: single fields of items, without copying them.

An override replaces a whole item, so a mod that only wants Beijing's income
one higher, or its ending in every scenario, once had to copy the items
whole (and then hid every later change to them).  A patch names items by id
(or ``all`` of a section), replaces the fields under ``set`` and adds entries
to the lists under ``add``; the patched item is validated again against its
own model, and problems point at the patch's own lines.
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.problems import Problem, did_you_mean, format_path, noun
from eurasia_game.loading.yamlsource import Located
from eurasia_game.model.mod import Patch, Patches


def _problem(severity: str, source, path: tuple, message: str, suggestion: str | None = None) -> Problem:
    line, column = source.located.position(path)
    return Problem(severity, source.name, line, column, format_path(path), message, suggestion)


class _Detached:
    """The patched item's data as a source, so pydantic's errors get their usual sentences."""

    def __init__(self, name: str, data: dict):
        self.name = name
        self.located = Located(data=data)


def _keys(model: type[BaseModel]) -> dict[str, str]:
    """Key as written in a rule file -> attribute name."""
    return {(info.alias or name): name for name, info in model.model_fields.items()}


def _fallback_index(values: list, endings: dict) -> int:
    """Where a new ending goes in a scenario's list: before its first unconditional final ending."""
    for index, ending_id in enumerate(values):
        ending = endings.get(ending_id)
        if ending is not None and ending.check == "final" and ending.condition is None:
            return index
    return len(values)


def _set_path(data: dict, full: dict, parts: list[str], value) -> bool:
    """``data[a][b][c] = value`` for ``a.b.c``, taking the enclosing mappings from ``full`` when unset."""
    import copy

    here, there = data, full
    for part in parts[:-1]:
        if not isinstance(here.get(part), dict):
            below = there.get(part) if isinstance(there, dict) else None
            if below is not None and not isinstance(below, dict):
                return False
            here[part] = copy.deepcopy(below) if below is not None else {}
        here = here[part]
        there = there.get(part) if isinstance(there, dict) else None
    here[parts[-1]] = value
    return True


def apply_patches(layer, number: int, source, patches: Patches, entries: dict, out, touch, broken) -> None:
    """Apply every patch of one file to ``entries`` (the merge's items so far), in place."""
    for section in type(patches).model_fields:
        found = getattr(patches, section)
        if not found:
            continue
        for p_index, patch in enumerate(found):
            base = ("patch", section, p_index)
            ids = [patch.id] if isinstance(patch.id, str) else list(patch.id)
            if not patch.set_ and not patch.add:
                out.problems.append(_problem("warning", source, base, S("prob_patch_nothing"), S("prob_patch_give_set")))
                continue
            if ids == ["all"]:
                targets = [e for e in entries[section] if e.layer <= number]
            else:
                targets = []
                for i_index, item_id in enumerate(ids):
                    match = next((e for e in entries[section] if e.id == item_id and e.layer <= number), None)
                    if match is None:
                        if not broken.hides(section, item_id):
                            known = [e.id for e in entries[section] if e.id]
                            where = base + ("id",) if isinstance(patch.id, str) else base + ("id", i_index)
                            removed = out.removed.get((section, item_id))
                            kind = noun(section.rstrip("s").replace("_", " "))
                            message = S("prob_patch_removed", kind=kind, id=item_id, mod=removed) if removed else S("prob_patch_missing", kind=kind, id=item_id)
                            out.problems.append(_problem("error", source, where, message, did_you_mean(item_id, known) or S("prob_patch_earlier")))
                        continue
                    targets.append(match)
            for entry in targets:
                _apply_one(layer, section, source, base, patch, entry, entries, out, touch)


def _apply_one(layer, section: str, source, base: tuple, patch: Patch, entry, entries: dict, out, touch) -> None:
    item = entry.item
    model = type(item)
    keys = _keys(model)
    data = item.model_dump(mode="python", by_alias=True, exclude_unset=True)
    full = item.model_dump(mode="python", by_alias=True)
    ok = True
    fields: dict[str, tuple] = {}
    for key, value in (patch.set_ or {}).items():
        where = base + ("set", key)
        if key == "id":
            out.problems.append(_problem("error", source, where, S("prob_patch_id"), S("prob_patch_new_id")))
            ok = False
            continue
        parts = key.split(".")
        if parts[0] not in keys or not all(parts):
            out.problems.append(_problem("error", source, where, S("prob_patch_unknown_key", key=parts[0], kind=noun(section.rstrip("s").replace("_", " "))), did_you_mean(parts[0], keys) or S("prob_allowed_keys", keys=", ".join(keys))))
            ok = False
            continue
        if not _set_path(data, full, parts, value):
            out.problems.append(_problem("error", source, where, S("prob_patch_not_mapping", key=key, id=entry.id), S("prob_patch_set_whole")))
            ok = False
            continue
        fields[parts[0]] = where
    for key, values in (patch.add or {}).items():
        where = base + ("add", key)
        if key not in keys:
            out.problems.append(_problem("error", source, where, S("prob_patch_unknown_key", key=key, kind=noun(section.rstrip("s").replace("_", " "))), did_you_mean(key, keys) or S("prob_allowed_keys", keys=", ".join(keys))))
            ok = False
            continue
        current = data.get(key, full.get(key))
        if current is None:
            current = []
        if not isinstance(current, list):
            out.problems.append(_problem("error", source, where, S("prob_patch_not_list", key=key), S("prob_patch_use_set", key=key)))
            ok = False
            continue
        new = [v for v in values if v not in current]
        if patch.before is not None and patch.before in current:
            at = current.index(patch.before)
        elif patch.before is not None:
            out.problems.append(_problem("warning", source, base + ("before",), S("prob_patch_before", before=patch.before, key=key, id=entry.id), did_you_mean(patch.before, [str(c) for c in current])))
            at = len(current)
        elif section == "scenarios" and key == "endings":
            endings = {e.id: e.item for e in entries["endings"]}
            at = _fallback_index(current, endings)
        else:
            at = len(current)
        data[key] = current[:at] + new + current[at:]
        fields[key] = where
    if not ok:
        return
    try:
        patched = model.model_validate(data)
    except ValidationError as exc:
        from eurasia_game.loading.errors import problem_from_error

        detached = _Detached(source.name, data)
        for error in exc.errors():
            loc = tuple(error["loc"])
            key = loc[0] if loc else None
            path = fields.get(key, base) + (loc[1:] if key in fields and key in (patch.set_ or {}) else ())
            message = problem_from_error(detached, error, model)
            line, column = source.located.position(path)
            out.problems.append(Problem("error", source.name, line, column, format_path(path), S("prob_patch_invalid", id=entry.id, message=message.message), message.suggestion))
        return
    entry.item = patched
    for key, where in fields.items():
        entry.fields[key] = (source, where)
    verb_key = (section, entry.id)
    if patch.set_:
        touch(layer, verb_key, "patched", source, base + ("id",))
    elif layer.is_mod:
        changes = out.mod_changes.setdefault(layer.name, None)
        if changes is not None and verb_key not in changes.overridden:
            changes.overridden.append(verb_key)
