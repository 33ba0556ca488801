"""Rule texts in other languages: per-language files keyed by item id.

A rules folder (the base game or a mod) may hold ``lang/<code>/*.yaml``:
flat maps from a text's key to its words in that language, for example

    events.vostok_drills.title: Учения «Восток»
    events.vostok_drills.options.join.label: Присоединиться

A key is the rule section, the item's id and the field's path inside it
(list entries with an id by id, others by position).  Only fields declared
as ``Text`` (words a player reads) have keys; ids, numbers, conditions and
the article's own headings never change with the language, so a game
played in one language replays, and its saves load, in every other (the
fingerprint is taken before a translation is applied).

A mod can ship translations of its own items, or be a translation of the
base game and nothing else: every layer's language files are read in load
order and later keys win.  Words stay with the English they were written
for: a text a later layer rewrote shows in English until that layer (or a
later one) translates it, and a sentence repeated word for word elsewhere
keeps its words.  ``check`` reports keys that name no text
(unused, with the nearest key as a suggestion), placeholders that differ
from the English and, for ``languages``, how many texts each language
covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.files import LANG_FOLDER, display_name, list_rule_files, read_rule_file
from eurasia_game.loading.problems import Problem, did_you_mean
from eurasia_game.model.prose import prose_fields as _prose_fields

_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
_PLACEHOLDER = re.compile(r"\$(?:\{([_a-zA-Z][_a-zA-Z0-9]*)\}|([_a-zA-Z][_a-zA-Z0-9]*))")  # as string.Template reads them (ASCII names)


def _walk(value, prefix: str, out: dict[str, str]) -> None:
    """Every prose text under ``value`` (a rule model or a list of them), by key."""
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            name = getattr(item, "id", None) if isinstance(item, BaseModel) else None
            _walk(item, f"{prefix}.{name if isinstance(name, str) else index}", out)
        return
    if not isinstance(value, BaseModel):
        return
    for name, kind in _prose_fields(type(value)):
        current = getattr(value, name)
        if current is None:
            continue
        key = f"{prefix}.{name}"
        if kind == "text":
            out[key] = current
        elif kind == "list":
            for index, text in enumerate(current):
                out[f"{key}.{index}"] = text
        elif kind == "dict":
            for sub, text in current.items():
                out[f"{key}.{sub}"] = text
        elif isinstance(current, (BaseModel, list, tuple)):
            _walk(current, key, out)


def _texts_of(model, skip: tuple[str, ...], out: dict[str, str]) -> None:
    """The translatable texts of a rule set or of one rule file, by key, into ``out``."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in skip or value is None:
            continue
        if name == "texts":
            out.update({f"texts.{key}": text for key, text in value.items()})
        elif isinstance(value, (BaseModel, tuple, list)):
            _walk(value, name, out)


def text_keys(rules) -> dict[str, str]:
    """Every translatable text of a rule set, by key, with its words as loaded (English)."""
    out: dict[str, str] = {}
    _texts_of(rules, ("fingerprint", "mods"), out)
    return out


def file_texts(models) -> dict[str, str]:
    """The English texts that rule files themselves give (``RuleFile`` models of one layer), by key.

    Removals and patches are left out: they are not texts of the layer's own
    items.  Items without an id are keyed by their position in their file.
    """
    out: dict[str, str] = {}
    for model in models:
        _texts_of(model, ("remove", "patch", "format"), out)
    return out


def placeholders(text: str) -> set[str]:
    """The $names a text fills in."""
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


@dataclass
class Translation:
    """One language's texts, merged over every layer's language files."""

    code: str
    texts: dict[str, str] = field(default_factory=dict)
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (file, line)
    layers: dict[str, int] = field(default_factory=dict)  # key -> position of the folder whose words won
    problems: list[Problem] = field(default_factory=list)


def languages_in(folders: list[tuple[Path, str]]) -> list[str]:
    """The language codes that any of the folders ships files for, sorted."""
    codes: set[str] = set()
    for folder, _display in folders:
        lang = Path(folder) / LANG_FOLDER
        if lang.is_dir() and not lang.is_symlink():
            codes.update(p.name for p in lang.iterdir() if p.is_dir() and _CODE.match(p.name))
    return sorted(codes)


def read_translation(code: str, folders: list[tuple[Path, str]]) -> Translation:
    """Language ``code`` from each folder's ``lang/<code>/`` in order (later layers win).

    ``folders`` pairs each rules folder with the name problems give it.
    Unreadable files and entries that are not ``key: words`` are problems;
    nothing raises.
    """
    translation = Translation(code)
    for position, (folder, display) in enumerate(folders):
        root = Path(folder).resolve()
        lang = root / LANG_FOLDER / code
        if not lang.is_dir():
            continue
        listing = list_rule_files(lang, f"{display}/{LANG_FOLDER}/{code}")
        translation.problems.extend(listing.problems)
        for path in listing.files:
            name = display_name(path, root, display)
            located = read_rule_file(path, name, translation.problems)
            if located is None or located.data is None:
                continue
            data = located.data
            if not isinstance(data, dict):
                translation.problems.append(Problem("error", name, 1, 1, "", S("prob_lang_not_map"), S("prob_lang_one_line")))
                continue
            for key, words in data.items():
                line, column = located.position((key,))
                if not isinstance(key, str) or not isinstance(words, str) or not words.strip():
                    translation.problems.append(Problem("error", name, line, column, str(key), S("prob_lang_empty"), S("prob_lang_quote")))
                    continue
                translation.texts[key] = words
                translation.origins[key] = (name, line)
                translation.layers[key] = position
    return translation


def reuse_same_english(translation: Translation, result, layer_names: list[str], english: dict[str, str], words_before: dict[str, str]) -> list[str]:
    """Give a text no key translates the words of a text with the very same English; return its keys.

    A mod that replaces the yearly trends (they have no ids, so they are
    keyed by position) often keeps some of the base game's sentences, now at
    other positions: "The power gap widened." is translated already, whatever
    its place.  ``words_before``: the translation's words before
    ``drop_superseded``, whose English each layer's files tell.
    """
    memory: dict[str, str] = {}
    for key, words in words_before.items():
        layer = translation.layers.get(key, len(layer_names))
        source = result.layer_english.get(layer_names[layer], {}).get(key) if layer < len(layer_names) else None
        if source is not None:
            memory.setdefault(source, words)
    filled = []
    for key, text in english.items():
        if key not in translation.texts and text in memory:
            translation.texts[key] = memory[text]
            filled.append(key)
    return filled


def check_translation(translation: Translation, english: dict[str, str], removed=()) -> list[Problem]:
    """Keys that name no text, and placeholders that differ from the English.

    Keys of items a mod removed (``removed``: (section, id) pairs) are not
    unused: the base game's words for a card a mod takes out wait unused.
    """
    problems = list(translation.problems)
    known = list(english)
    for key, words in translation.texts.items():
        file, line = translation.origins.get(key, ("lang", 1))
        if key not in english and tuple(key.split(".")[:2]) in removed:
            continue
        if key not in english:
            fix = did_you_mean(key, known) or S("prob_lang_remove_key")
            problems.append(Problem("warning", file, line, 1, key, S("prob_lang_unused", key=key, code=translation.code), fix))
            continue
        want, have = placeholders(english[key]), placeholders(words)
        if want != have:
            missing = ", ".join(f"${n}" for n in sorted(want - have))
            extra = ", ".join(f"${n}" for n in sorted(have - want))
            said = "; ".join(part for part in (S("prob_lang_missing", names=missing) if missing else "", S("prob_lang_unknown", names=extra) if extra else "") if part)
            problems.append(Problem("error", file, line, 1, key, S("prob_lang_placeholders", code=translation.code, key=key, said=said), S("prob_lang_same_names", names="$names")))
    return problems


def _usable(translation: Translation, key: str, english: str) -> bool:
    words = translation.texts.get(key)
    return words is not None and placeholders(words) == placeholders(english)


def missing_keys(translation: Translation, english: dict[str, str]) -> list[str]:
    """The texts the language does not translate yet, or translates with the wrong placeholders (they show in English)."""
    return [key for key, text in english.items() if not _usable(translation, key, text)]


def coverage(translation: Translation, english: dict[str, str]) -> float:
    """The share of the rules' texts the language translates usably, 0..1."""
    if not english:
        return 1.0
    return 1 - len(missing_keys(translation, english)) / len(english)


def _apply(value, tree: dict):
    """``value`` with the texts of ``tree`` (path part -> subtree or words) put in, each item copied once."""
    if isinstance(value, (list, tuple)):
        items = list(value)
        for index, item in enumerate(items):
            name = getattr(item, "id", None) if isinstance(item, BaseModel) else None
            sub = tree.get(name if isinstance(name, str) else str(index))
            if sub is not None:
                items[index] = sub if isinstance(sub, str) else _apply(item, sub)
        return type(value)(items)
    if isinstance(value, dict):
        return {key: (tree[key] if isinstance(tree.get(key), str) else _apply(text, tree[key]) if key in tree else text) for key, text in value.items()}
    if isinstance(value, BaseModel):
        update = {}
        for name, sub in tree.items():
            if name in type(value).model_fields:
                update[name] = sub if isinstance(sub, str) else _apply(getattr(value, name), sub)
        return value.model_copy(update=update) if update else value
    return value


def translate(rules, translation: Translation, english: dict[str, str] | None = None):
    """The rule set with every text the language gives replaced; ids, numbers and fingerprint unchanged."""
    english = text_keys(rules) if english is None else english
    tree: dict = {}
    for key, words in translation.texts.items():
        if key not in english or placeholders(english[key]) != placeholders(words):
            continue  # reported by check_translation; the English stays
        *parents, last = key.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = words
    if not tree:
        return rules
    data = {name: getattr(rules, name) for name in type(rules).model_fields}
    for section, sub in tree.items():
        if section in data and isinstance(sub, dict):
            data[section] = _apply(data[section], sub)
    # built anew, not copied: a copy would keep the cached lookups (rules.event...) of the English
    return type(rules).model_construct(**data)


@dataclass
class LanguageStatus:
    """How far one language covers the rules' texts, and what is wrong in its files."""

    code: str
    translated: int
    total: int
    missing: list[str]
    problems: list[Problem]


class Owners:
    """Which layer ("base" or a mod's id) wrote the words a text key names.

    An item comes from the layer that added it or last overrode it; a field a
    patch set comes from the patching layer.  Items are found by id, or by
    position where they have none (the yearly trends).
    """

    def __init__(self, result, rules=None):
        self.result = result
        rules = rules if rules is not None else result.rules
        self.index: dict[tuple[str, str], int] = {}
        for section in type(rules).model_fields if rules is not None else ():
            items = getattr(rules, section, None)
            if isinstance(items, tuple):
                for position, item in enumerate(items):
                    name = getattr(item, "id", None)
                    self.index[(section, name if isinstance(name, str) else str(position))] = position

    def of(self, key: str) -> str | None:
        result = self.result
        section, _, rest = key.partition(".")
        name, _, inner = rest.partition(".")
        if section == "texts":
            source = result.text_origins.get(name)
            return source.layer if source is not None else None
        if section == "game":
            return result.game_source.layer if result.game_source is not None else None
        position = self.index.get((section, name))
        if position is None:
            return None
        patched = result.field_origins.get((section, position, inner.partition(".")[0]))
        origin = patched or result.origins.get((section, position))
        return origin[0].layer if origin is not None else None


def drop_superseded(translation: Translation, result, layer_names: list[str], english: dict[str, str], owners: "Owners") -> list[str]:
    """Leave out the words that translate a text a later layer rewrote; return their keys.

    ``layer_names`` are the layers in the order ``read_translation`` read
    their folders; ``english`` the merged rules' texts by key.  When a mod
    overrides a card, patches a title or replaces the yearly trends, the base
    game's words for it translate the old English: shown, they would state
    rules the game no longer plays.  The English shows instead, until the mod
    ships words of its own (a later layer's words win).  Words whose English
    the rewrite left as it was (an override that changes a number only) stay.
    """
    position = {name: index for index, name in enumerate(layer_names)}
    dropped = []
    for key in list(translation.texts):
        owner = owners.of(key)
        layer = translation.layers.get(key, len(layer_names))
        if owner not in position or position[owner] <= layer:
            continue
        translated = result.layer_english.get(layer_names[layer], {}).get(key) if layer < len(layer_names) else None
        if translated is not None and translated == english.get(key):
            continue
        dropped.append(key)
        del translation.texts[key]
    return dropped


def layered_translation(result, code: str, english: dict[str, str], owners: Owners | None) -> tuple[Translation, list[Problem]]:
    """Language ``code`` from every loaded layer, fitted to the merged rules, and the problems of its files.

    ``english``: the merged rules' texts by key; ``owners``: who wrote them
    (None when the rules did not load: the words are then taken as read).
    Words a later layer's rewrite made stale are left out (``drop_superseded``)
    before the files are checked, so they are not reported as unused; then
    sentences repeated word for word get their words (``reuse_same_english``).
    """
    layers = [layer for layer in result.layers if not layer.unloaded]
    translation = read_translation(code, [(layer.folder, layer.display) for layer in layers])
    names, before = [layer.name for layer in layers], dict(translation.texts)
    if owners is not None:
        drop_superseded(translation, result, names, english, owners)
    problems = check_translation(translation, english, set(result.removed))
    if owners is not None:
        reuse_same_english(translation, result, names, english, before)
    return translation, problems


def language_status(result, code: str) -> LanguageStatus:
    """The status of ``code`` for a load result: the texts of the layers that ship the language.

    A mod that adds English cards and no ``lang/`` folder leaves the base
    game's languages complete (its cards show in English); a mod that ships
    ``lang/<code>/`` is judged on its own items too.
    """
    layers = [layer for layer in result.layers if not layer.unloaded]
    english = text_keys(result.rules) if result.rules is not None else {}
    owners = Owners(result) if result.rules is not None else None
    translation, problems = layered_translation(result, code, english, owners)
    shipping = {layer.name for layer in layers if (Path(layer.folder) / LANG_FOLDER / code).is_dir()}
    owned = {key: text for key, text in english.items() if owners is not None and owners.of(key) in shipping}
    missing = missing_keys(translation, owned)
    return LanguageStatus(code, len(owned) - len(missing), len(owned), missing, problems)


def check_languages(result, languages: list[str]) -> tuple[list[Problem], list[LanguageStatus]]:
    """Every problem of every language's files, and each language's status (what it leaves in English).

    Texts left in English are not problems: a mod that adds English cards
    must pass ``check --strict`` whatever languages the base game speaks;
    ``check`` prints them as a line per language instead.
    """
    problems: list[Problem] = []
    statuses: list[LanguageStatus] = []
    for code in languages:
        status = language_status(result, code)
        problems.extend(status.problems)
        statuses.append(status)
    return problems, statuses


def missing_line(status: LanguageStatus) -> str:
    """One line saying which texts a language leaves in English."""
    shown = ", ".join(status.missing[:3]) + (", ..." if len(status.missing) > 3 else "")
    return S("prob_lang_missing_line", code=status.code, translated=status.translated, total=status.total, shown=shown)


def shipped_languages(result) -> list[str]:
    """The language codes any loaded layer ships files for."""
    return languages_in([(layer.folder, layer.display) for layer in result.layers if not layer.unloaded])
