"""Keep the interface's gettext catalogues in step with the English JSON ones.

    .venv/bin/python scripts/catalogues.py update    # .pot from the JSON; each .po merged with it
    .venv/bin/python scripts/catalogues.py compile   # each .po -> .mo (what the game reads)
    .venv/bin/python scripts/catalogues.py new CODE  # start a language: an empty .po

Every entry's context (msgctxt) is the string's key and its msgid the
English (see ``eurasia_game.lang.catalogue``).  ``update`` keeps a
translation whose English changed as a fuzzy entry (not shown in the game,
so the English shows until a translator checks it) and drops entries whose
key is gone.  Uses Babel (pip install -e ".[translate]"); the game reads the
``.mo`` files with the standard library.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from eurasia_game import lang  # noqa: E402
from eurasia_game.lang.catalogue import DOMAIN, catalogue_files, english, locale_dir  # noqa: E402


def template() -> Catalog:
    # a fixed date: the files change only when their words do
    catalog = Catalog(project="Eurasia Game", domain=DOMAIN, creation_date=datetime(2026, 1, 1, tzinfo=timezone.utc))
    for file in catalogue_files():
        where = file.relative_to(ROOT).as_posix()
        for key, text in english(file).items():
            catalog.add(text, context=key, locations=[(where, 0)])
    return catalog


def po_path(code: str) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations():
    """(path, catalogue) of every language's .po file there is (English has none)."""
    for code in lang.NAMES:
        path = po_path(code)
        if code != lang.SOURCE and path.exists():
            with path.open("rb") as handle:
                yield path, read_po(handle, locale=code)


def update() -> None:
    pot = template()
    locale_dir().mkdir(parents=True, exist_ok=True)
    with (locale_dir() / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, pot, omit_header=False, width=0, no_location=False, sort_output=False)
    for path, catalog in translations():
        catalog.update(pot, no_fuzzy_matching=False)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0)
        print(f"{path.relative_to(ROOT)}: {sum(1 for m in catalog if m.id and m.string and not m.fuzzy)} of {len(pot)} translated")


def compile_all() -> None:
    for path, catalog in translations():
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        print(f"compiled {path.with_suffix('.mo').relative_to(ROOT)}")


def new(code: str) -> None:
    path = po_path(code)
    if path.exists():
        raise SystemExit(f"{path} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    pot = template()
    catalog = Catalog(locale=code, project="Eurasia Game", domain=DOMAIN)
    for message in pot:
        if message.id:
            catalog.add(message.id, context=message.context, locations=message.locations)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)
    print(f"started {path.relative_to(ROOT)}")


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else ""
    if verb == "update":
        update()
    elif verb == "compile":
        compile_all()
    elif verb == "new" and len(sys.argv) == 3:
        new(sys.argv[2])
    else:
        raise SystemExit(__doc__)
