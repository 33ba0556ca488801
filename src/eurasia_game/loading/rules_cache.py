"""A cache of the base rules once checked, so the window opens without checking them again.

Loading the base rules means parsing YAML, validating every item with
pydantic (whose validators are built on first use) and running the checks
across files: most of the time before the first frame.  When nothing the
result depends on has changed, the window can take the rules as they were
last checked instead.

What the result depends on goes into a key: every file in the rules folder
(names and bytes, translations included), the language, the game's version,
Python's version, pydantic's installed files and the game's own code (each module's
size and modification time; in a bundle, the program itself).  The cache is
written only for rules that loaded with no problem at all, and a key that
differs, a file that cannot be read or that holds anything unexpected all
mean the same thing: the rules are loaded and checked in full, and every
problem is reported with its file and line as always.

The file is data only (JSON), two lines: a header (the key, and what the
caller wants to read without the rule models: the title screen's words) and
the rules, where each model is written as its class's name
(looked up among the rule models, never imported by name), its fields and
which of them the rule files set; tuples and dictionaries are tagged so they
come back as they were.  Nothing here runs code named by the file.  It is
written atomically (a temporary file, then a rename), so a reader never
sees half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eurasia_game.model.ruleset import RuleSet

# Raised when the layout written below changes: older files are then ignored.
CACHE_FORMAT = 2
# Larger files are not read: the base rules make about a megabyte.
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_KEY_FILES = 2000
_PACKAGE = Path(__file__).resolve().parents[1]


class Uncacheable(ValueError):
    """The rules hold a value the cache's format does not carry."""


def _code_stamp(parts: list[bytes]) -> None:
    """The game's own code, by size and modification time of each module (or the program, in a bundle)."""
    if getattr(sys, "frozen", False):
        info = os.stat(sys.executable)
        parts.append(f"frozen:{sys.executable}:{info.st_size}:{info.st_mtime_ns}".encode())
        return
    found = []
    for current, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(current, name)
                info = os.stat(path)
                found.append(f"{os.path.relpath(path, _PACKAGE)}:{info.st_size}:{info.st_mtime_ns}")
    parts.append("\n".join(sorted(found)).encode())


def _library_stamp(parts: list[bytes]) -> None:
    """pydantic's installed files (without importing it: the window may not need it yet)."""
    from importlib.util import find_spec

    for name in ("pydantic", "pydantic_core"):
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None or not os.path.exists(origin):
            parts.append(f"{name}:-".encode())
            continue
        folder = os.path.dirname(origin)
        for entry in sorted(os.listdir(folder)):
            if entry.endswith((".py", ".so", ".pyd")):
                info = os.stat(os.path.join(folder, entry))
                parts.append(f"{name}/{entry}:{info.st_size}:{info.st_mtime_ns}".encode())


def rules_key(folder: Path, language: str) -> str | None:
    """The key of the rules in ``folder`` for ``language``, or None when it cannot be worked out safely.

    Every file below the folder counts (hidden ones too, so nothing the loader
    might read is left out); a link anywhere below it means no cache.
    """
    from eurasia_game import __version__

    parts = [f"format {CACHE_FORMAT}|game {__version__}|python {sys.version}|lang {language}".encode()]
    try:
        root = Path(folder).resolve()
        parts.append(str(root).encode())
        files: list[str] = []
        for current, dirs, names in os.walk(root, followlinks=False):
            for name in dirs + names:
                if os.path.islink(os.path.join(current, name)):
                    return None
            dirs.sort()
            files.extend(os.path.join(current, name) for name in names)
            if len(files) > MAX_KEY_FILES:
                return None
        digest = hashlib.sha256()
        for path in sorted(files):
            with open(path, "rb") as handle:
                data = handle.read()
            digest.update(f"\0{os.path.relpath(path, root)}\0{len(data)}\0".encode())
            digest.update(data)
        parts.append(digest.digest())
        _code_stamp(parts)
        _library_stamp(parts)
    except (OSError, ValueError):
        return None
    return hashlib.sha256(b"\n".join(parts)).hexdigest()


def _model_classes() -> dict[str, type]:
    """Every class a cache file may name: the rule models, the rule set and the mods' stamps."""
    from eurasia_game.model.base import RuleModel
    from eurasia_game.model.mod import ModStamp
    from eurasia_game.model.ruleset import RuleSet

    table: dict[str, type] = {}
    stack: list[type] = [RuleModel, RuleSet, ModStamp]
    while stack:
        cls = stack.pop()
        name = f"{cls.__module__}.{cls.__qualname__}"
        if name in table:
            continue
        if cls.__module__.startswith("eurasia_game.model."):  # a subclass made elsewhere is no rule model
            table[name] = cls
        stack.extend(cls.__subclasses__())
    return table


def _encode(value: object, model_type: type) -> object:
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise Uncacheable("a number JSON cannot carry")
        return value
    if kind is list:
        return [_encode(item, model_type) for item in value]
    if kind is tuple:
        return {"$t": [_encode(item, model_type) for item in value]}
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str or key.startswith("$"):
                raise Uncacheable(f"a dictionary key {key!r}")
            out[key] = _encode(item, model_type)
        return {"$d": out}
    if isinstance(value, model_type):
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise Uncacheable(f"{kind.__name__} holds more than its fields")
        out = {"$m": f"{kind.__module__}.{kind.__qualname__}", "$s": sorted(value.model_fields_set)}
        for name in kind.model_fields:
            out[name] = _encode(getattr(value, name), model_type)
        return out
    raise Uncacheable(f"a value of type {kind.__name__}")


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def encode_rules(rules: RuleSet, key: str, header: dict | None = None) -> str:
    """The cache file's text for ``rules`` under ``key`` (raises ``Uncacheable``).

    Two lines: a header (the format, the key and ``header``: plain data a
    caller can read without the rule models) and the rules themselves.
    """
    from pydantic import BaseModel

    return _dumps({"format": CACHE_FORMAT, "key": key, "header": header or {}}) + "\n" + _dumps(_encode(rules, BaseModel)) + "\n"


def _header(line: str, key: str) -> dict | None:
    try:
        head = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or head.get("format") != CACHE_FORMAT or head.get("key") != key or not isinstance(head.get("header"), dict):
        return None
    return head["header"]


def decode_rules(text: str, key: str) -> RuleSet | None:
    """The rules in a cache file's text, or None when it is not a cache of ``key`` or is damaged."""
    line, _, body = text.partition("\n")
    if _header(line, key) is None:
        return None
    from eurasia_game.model.ruleset import RuleSet

    table = _model_classes()
    new = object.__new__
    setattr_ = object.__setattr__

    def hook(obj: dict) -> object:
        if "$m" in obj:
            cls = table[obj.pop("$m")]  # a name not among the rule models: KeyError, no cache
            fields_set = set(obj.pop("$s"))
            if obj.keys() != cls.model_fields.keys() or not fields_set <= obj.keys():
                raise ValueError("fields differ")
            model = new(cls)
            setattr_(model, "__dict__", obj)
            setattr_(model, "__pydantic_fields_set__", fields_set)
            setattr_(model, "__pydantic_extra__", None)
            setattr_(model, "__pydantic_private__", None)
            return model
        if "$t" in obj:
            return tuple(obj["$t"])
        if "$d" in obj:
            return obj["$d"]
        return obj  # the inside of a tagged dictionary

    try:
        rules = json.loads(body, object_hook=hook)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return rules if type(rules) is RuleSet else None


def read_header(path: Path, key: str) -> dict | None:
    """The header cached in ``path`` under ``key``, without reading the rules (nor importing their models); None when there is none."""
    try:
        with open(path, "rb") as handle:
            line = handle.readline(MAX_CACHE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _header(line, key)


def read_cached(path: Path, key: str) -> RuleSet | None:
    """The rules cached in ``path`` under ``key``; None when missing, unreadable, stale or damaged."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return decode_rules(text, key)


def write_cached(path: Path, key: str, rules: RuleSet, header: dict | None = None) -> bool:
    """Write the cache of ``rules`` (and ``header``) atomically; False, and nothing written, when it cannot be.

    The text is read back before it is written: rules that would not come
    back equal are not cached.
    """
    try:
        text = encode_rules(rules, key, header)
    except (Uncacheable, RecursionError, TypeError, ValueError):
        return False
    again = decode_rules(text, key)
    if again is None or again != rules:
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
