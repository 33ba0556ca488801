"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives us a node tree with line and column marks; we turn it
into plain Python ourselves so that:

* scalars follow YAML 1.2's core schema (``no`` and ``on`` stay strings,
  ``1:20`` is not sixty-based arithmetic);
* duplicate keys, anchors/aliases, explicit tags and oversized input are
  refused with a located message instead of being silently accepted;
* every path in the data maps to a (line, column), which turns pydantic's
  error locations into ``file:line:column`` for modders.

Nothing here can construct arbitrary Python objects: only dicts, lists,
strings, ints, floats, bools and None come out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml

from eurasia_game.lang.catalogue import S

try:  # the C parser is much faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 32
MAX_ITEMS = 200_000
MAX_STRING = 20_000
MAX_KEY = 200
MAX_INT = 10**9

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(true|True|TRUE)$")
_FALSE = re.compile(r"^(false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
# C0 and C1 control characters (tab and newline are fine) and the Unicode
# direction overrides, which can make text display differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The tags PyYAML's resolver gives plain scalars on its own ("value" is '=',
# "merge" is '<<'); _scalar reads plain scalars itself, so none of them matters.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "value", "merge")
}


class _PlainLoader(_Loader):
    """The safe loader without its tag resolver's regular expressions.

    ``_scalar`` decides what a plain scalar is itself, and the tags the
    resolver would give (str, int, bool, null, timestamp...) all pass the
    check of ``_STANDARD_TAGS``, so every untagged node simply gets the
    default tag of its kind.  Explicit tags are the parser's, not the
    resolver's, and are still refused.
    """

    _DEFAULT = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind, value, implicit):
        return self._DEFAULT[kind]

    # No path resolvers to follow: the parser calls these around every node
    # and ignores what they return, so two builtins that take the same
    # arguments stand in for them (a Python method would cost a call each).
    descend_resolver = slice  # (parent node, index) -> a slice nobody reads
    ascend_resolver = type(None)  # () -> None


class YamlProblem(Exception):
    """A located problem that stops a file from being read at all."""

    def __init__(self, message: str, line: int, column: int, suggestion: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.suggestion = suggestion


@dataclass
class Located:
    """Parsed data plus the position of every path inside it."""

    data: object
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: tuple) -> tuple[int, int]:
        """Line and column of ``path``, or of its longest known prefix."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# The plain scalars that are not strings: null, true and false in their
# spellings (what _NULL, _TRUE and _FALSE match), and numbers, which start
# with a digit, a sign or a point (_INT, _FLOAT).
_WORDS = {"": None, "~": None, "null": None, "Null": None, "NULL": None, "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_START = frozenset("0123456789+-.")
_MISSING = object()


def _scalar(node, path: tuple, controls: bool = True):
    """The value of a scalar node; ``controls`` False when the file can hold no control character."""
    value = node.value
    if len(value) > MAX_STRING:
        raise YamlProblem(S("prob_yaml_text_long", where=_where(path), max=MAX_STRING), *_mark(node))
    if controls and _CONTROL.search(value):
        raise YamlProblem(S("prob_yaml_text_control", where=_where(path)), *_mark(node), S("prob_yaml_remove_control"))
    if node.style:  # quoted or block scalar: always a string (plain style is None or "")
        return value
    if value in _WORDS:
        return _WORDS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT.match(value):
        if len(value.lstrip("+-0")) > len(str(MAX_INT)):  # checked before int(): thousands of digits are slow or refused
            raise YamlProblem(S("prob_yaml_number_large", where=_where(path), value=value if len(value) <= 20 else value[:20] + "..."), *_mark(node), S("prob_yaml_number_between", max=MAX_INT))
        number = int(value)
        if abs(number) > MAX_INT:
            raise YamlProblem(S("prob_yaml_number_large", where=_where(path), value=value), *_mark(node), S("prob_yaml_number_between", max=MAX_INT))
        return number
    if _FLOAT.match(value):
        number = float(value)
        if not math.isfinite(number) or abs(number) > MAX_INT:
            raise YamlProblem(S("prob_yaml_number_large", where=_where(path), value=value), *_mark(node))
        return number
    return value


def parse_yaml(text: str) -> Located:
    """Parse YAML text into plain data with positions, or raise ``YamlProblem``."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise YamlProblem(S("prob_yaml_file_large", mb=MAX_FILE_BYTES // 1_000_000), 1, 1, S("prob_split_file"))
    try:
        root = yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = exc.problem or S("prob_yaml_not_valid")
        raise YamlProblem(S("prob_yaml_syntax", detail=detail), line, column, S("prob_yaml_check_line")) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes, the pure-Python reader characters: find the character itself.
        index = max(text.find(chr(exc.character)), 0)
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise YamlProblem(S("prob_yaml_character", code=f"U+{exc.character:04X}"), line, column, S("prob_yaml_remove_control")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(S("prob_yaml_syntax", detail=exc), 1, 1) from None
    except UnicodeError:
        raise YamlProblem(S("prob_yaml_not_unicode"), 1, 1, S("prob_save_utf8")) from None
    except RecursionError:  # the pure-Python parser, when libyaml is missing
        raise YamlProblem(S("prob_yaml_nesting", max=MAX_DEPTH), 1, 1) from None
    located = Located(data=None)
    if root is None:
        located.data = {}
        return located
    seen: set[int] = set()
    count = 0
    positions = located.positions
    # A value holds a control character only if the text does, or if a
    # double-quoted escape (a backslash) wrote one: otherwise none is looked for.
    controls = "\\" in text or _CONTROL.search(text) is not None
    scalar_node = yaml.ScalarNode
    standard = _STANDARD_TAGS

    def leaf(node, path: tuple, depth: int):
        """A scalar's value when it passes every check of ``build``, else ``_MISSING`` (``build`` says why)."""
        nonlocal count
        if depth > MAX_DEPTH or count >= MAX_ITEMS or node.tag not in standard or id(node) in seen:
            return _MISSING
        seen.add(id(node))
        count += 1
        if path not in positions:
            mark = node.start_mark
            positions[path] = (mark.line + 1, mark.column + 1)
        value = node.value
        if len(value) <= MAX_STRING and not (controls and _CONTROL.search(value)):
            # the common cases of _scalar: a quoted text, a plain word or a plain text
            if node.style:
                return value
            if value in _WORDS:
                return _WORDS[value]
            if value[0] not in _NUMBER_START:
                return value
        return _scalar(node, path, controls)

    def build(node, path: tuple, depth: int):
        nonlocal count
        if depth > MAX_DEPTH:
            raise YamlProblem(S("prob_yaml_nesting", max=MAX_DEPTH), *_mark(node))
        if id(node) in seen:
            raise YamlProblem(S("prob_yaml_anchors"), *_mark(node), S("prob_yaml_write_value"))
        seen.add(id(node))
        count += 1
        if count > MAX_ITEMS:
            raise YamlProblem(S("prob_yaml_many_values", max=MAX_ITEMS), *_mark(node))
        if node.tag not in standard:
            raise YamlProblem(S("prob_yaml_tag", tag=repr(node.tag)), *_mark(node), S("prob_yaml_remove_tag"))
        if path not in positions:
            positions[path] = _mark(node)
        if node.__class__ is scalar_node:
            return _scalar(node, path, controls)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, scalar_node):
                    raise YamlProblem(S("prob_yaml_key_plain", where=_where(path)), *_mark(key_node))
                if key_node.tag not in standard:
                    raise YamlProblem(S("prob_yaml_tag", tag=repr(key_node.tag)), *_mark(key_node))
                key = key_node.value
                if key == "<<":
                    raise YamlProblem(S("prob_yaml_merge_keys"), *_mark(key_node), S("prob_yaml_write_keys"))
                if len(key) > MAX_KEY:
                    raise YamlProblem(S("prob_yaml_key_long", where=_where(path), max=MAX_KEY), *_mark(key_node))
                if controls and _CONTROL.search(key):
                    raise YamlProblem(S("prob_yaml_key_control", where=_where(path)), *_mark(key_node), S("prob_yaml_remove_control"))
                if key in out:
                    first = located.positions.get(path + (key,), (0, 0))[0]
                    raise YamlProblem(S("prob_yaml_key_twice", where=_where(path), key=key, line=first), *_mark(key_node), S("prob_yaml_remove_one"))
                where = path + (key,)
                mark = key_node.start_mark
                positions[where] = (mark.line + 1, mark.column + 1)
                value = leaf(value_node, where, depth + 1) if value_node.__class__ is scalar_node else _MISSING
                out[key] = build(value_node, where, depth + 1) if value is _MISSING else value
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                where = path + (index,)
                value = leaf(item, where, depth + 1) if item.__class__ is scalar_node else _MISSING
                items.append(build(item, where, depth + 1) if value is _MISSING else value)
            return items
        return _scalar(node, path, controls)

    located.data = build(root, (), 0)
    return located


def _where(path: tuple) -> str:
    """How a message names the place ``path`` (written only for a message)."""
    from eurasia_game.loading.problems import format_path

    return format_path(path) or S("prob_yaml_the_file")
