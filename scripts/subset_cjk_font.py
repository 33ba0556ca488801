"""Cut the Chinese font down to the characters the game uses.

    .venv/bin/python scripts/subset_cjk_font.py [--source NotoSansCJK-Regular.ttc --bold NotoSansCJK-Bold.ttc]

Noto Sans CJK SC (SIL Open Font License 1.1; Debian's fonts-noto-cjk puts
it in /usr/share/fonts/opentype/noto) covers every Chinese character but
weighs about 20 MB a weight.  The game ships a subset: ASCII and Latin-1,
the general and CJK punctuation, and every character of the Chinese
catalogue (assets/locale/zh), of the base rules' Chinese texts
(rules/lang/zh) and of the language names.  Run it again after the Chinese
texts change: ``tests/test_languages.py`` fails on any character the
subset lacks, naming it.  Needs fontTools (pip install -e ".[translate]").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fontTools import subset  # noqa: E402
from fontTools.ttLib import TTCollection  # noqa: E402

from eurasia_game import lang  # noqa: E402

NOTO = Path("/usr/share/fonts/opentype/noto")
SC_INDEX_NAME = "Noto Sans CJK SC"
OUT = ROOT / "assets" / "fonts"
# Always in: ASCII, Latin-1 and Latin Extended-A, punctuation, arrows, maths, shapes and symbols, CJK punctuation, full-width forms.
BASE_RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x205E), (0x20AC, 0x20AC), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x26FF), (0x3000, 0x303F), (0xFF01, 0xFF5E)]


def used_characters() -> set[str]:
    chars: set[str] = set()
    for low, high in BASE_RANGES:
        chars.update(chr(c) for c in range(low, high + 1))
    for name in lang.NAMES.values():
        chars.update(name)
    po = ROOT / "assets" / "locale" / "zh" / "LC_MESSAGES" / "eurasia_game.po"
    if po.exists():
        chars.update(po.read_text(encoding="utf-8"))
    for file in sorted((ROOT / "rules" / "lang" / "zh").glob("**/*.yaml")):
        chars.update(file.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() or c == " "}


def cut(source: Path, target: Path, chars: set[str]) -> None:
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(4).startswith(SC_INDEX_NAME) and "Mono" not in f["name"].getDebugName(4))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    print(f"{target.relative_to(ROOT)}: {len(chars)} characters, {target.stat().st_size / 1024:.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=NOTO / "NotoSansCJK-Regular.ttc")
    parser.add_argument("--bold", type=Path, default=NOTO / "NotoSansCJK-Bold.ttc")
    args = parser.parse_args()
    chars = used_characters()
    cut(args.source, OUT / "NotoSansSC-Regular-subset.otf", chars)
    cut(args.bold, OUT / "NotoSansSC-Bold-subset.otf", chars)


if __name__ == "__main__":
    main()
