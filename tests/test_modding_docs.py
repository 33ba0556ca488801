"""docs/modding.md stays true: its reference is generated, and its tutorial really works.

The reference part must equal what ``eurasia_game.mods.reference`` writes
from the models today, so a new effect type or field cannot go undocumented.
The tutorial's files are taken out of the document, written to disk and
checked, and the command output the document quotes must be what the
command prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eurasia_game.mods import reference
from eurasia_game.model.conditions import CONDITION_TYPES
from eurasia_game.model.effects import EFFECT_TYPES
from eurasia_game.model.mod import ModManifest
from eurasia_game.model.ruleset import RuleFile
from eurasia_game.model.texts import TEXT_KEYS

from test_mods import call

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "modding.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_reference_is_up_to_date(doc):
    assert reference.splice(doc, reference.generate()) == doc, (
        "docs/modding.md's reference is out of date; run: python -m eurasia_game.mods.reference --write docs/modding.md"
    )
    assert reference.main(["--check", str(DOC)]) == 0


def test_the_reference_names_every_type_field_and_message(doc):
    generated = doc.split(reference.BEGIN, 1)[1]
    for model in EFFECT_TYPES + CONDITION_TYPES:
        tag = model.model_fields["type"].annotation.__args__[0]
        assert f"#### `type: {tag}`" in generated
        for name, info in model.model_fields.items():
            if name != "type":
                assert f"| `{info.alias or name}` |" in generated
    for name, info in RuleFile.model_fields.items():
        assert f"| `{info.alias or name}` |" in generated
    for name in ModManifest.model_fields:
        assert f"| `{name}` |" in generated
    for key in TEXT_KEYS:
        assert f"| `{key}` |" in generated


def test_reference_tool_writes_and_refuses(tmp_path):
    target = tmp_path / "doc.md"
    target.write_text(f"intro\n{reference.BEGIN}\nstale\n{reference.END}\noutro\n", encoding="utf-8")
    assert reference.main(["--check", str(target)]) == 1
    assert reference.main(["--write", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith("outro\n") and "#### `type: track`" in text
    assert reference.main(["--check", str(target)]) == 0
    with pytest.raises(ValueError):
        reference.splice("no markers here", "x")


def tutorial_files(doc: str) -> dict[str, str]:
    """The files the tutorial writes: code blocks fenced as ```yaml hotline/<file>."""
    found = re.findall(r"```yaml (hotline/[\w./]+)\n(.*?)```", doc, re.S)
    return dict(found)


def quoted_check_outputs(doc: str) -> list[list[str]]:
    """The output lines quoted after each '$ eurasia-game check --mod hotline'."""
    outputs = []
    for block in re.findall(r"    \$ eurasia-game check --mod hotline\n((?:    [^$\n].*\n)+)", doc):
        outputs.append([line[4:] for line in block.splitlines()])
    return outputs


def test_the_tutorial_builds_a_mod_that_checks_clean(doc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # as in the guide: the command runs next to the mods folder
    files = tutorial_files(doc)
    assert set(files) == {"hotline/mod.yaml", "hotline/events.yaml", "hotline/actions.yaml"}
    mods = tmp_path / "mods"
    folder = mods / "hotline"
    folder.mkdir(parents=True)
    outputs = quoted_check_outputs(doc)
    assert len(outputs) == 2

    (folder / "mod.yaml").write_text(files["hotline/mod.yaml"], encoding="utf-8")
    code, out, _ = call("check", "--mod", folder.relative_to(tmp_path))
    assert code == 0 and out.splitlines() == outputs[0]

    (folder / "events.yaml").write_text(files["hotline/events.yaml"].replace("track: partnership, max", "track: partnershp, max"), encoding="utf-8")
    code, out, _ = call("check", "--mod", folder.relative_to(tmp_path))
    quoted = re.search(r"    (mods/hotline/events.yaml:\d+:\d+: error: .*partnershp.*)\n", doc).group(1)
    assert code == 1 and quoted in out.splitlines()

    for name in ("events.yaml", "actions.yaml"):
        (folder / name).write_text(files[f"hotline/{name}"], encoding="utf-8")
    code, out, _ = call("check", "--mod", folder.relative_to(tmp_path))
    assert code == 0 and out.splitlines() == outputs[1]


def test_the_documented_conflict_warning_is_what_the_checker_says(doc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = tutorial_files(doc)
    mods = tmp_path / "mods"
    for mod_id, delta in (("hotline", 3), ("tech_boom", 4)):
        folder = mods / mod_id
        folder.mkdir(parents=True)
        (folder / "mod.yaml").write_text(files["hotline/mod.yaml"].replace("id: hotline", f"id: {mod_id}"), encoding="utf-8")
        actions = files["hotline/actions.yaml"].split("# Take a base card")[0].replace("delta: 3}", f"delta: {delta}}}")
        (folder / "actions.yaml").write_text(actions.replace("# yaml-language-server: $schema=../../schemas/rules.schema.json\n# Same id as the base game's action: this replaces it, whole.\n", ""), encoding="utf-8")
    code, out, _ = call("check", "--mod", "mods/hotline", "--mod", "mods/tech_boom")
    quoted = re.search(r"    (mods/tech_boom/actions.yaml:.*changed by two mods.*)\n", doc).group(1)
    assert code == 0 and quoted in out.splitlines()


def test_the_guide_presents_every_example_mod(doc):
    for folder in sorted((REPO / "mods").iterdir()):
        if (folder / "mod.yaml").is_file():
            assert f"`{folder.name}`" in doc, f"docs/modding.md does not present the example mod {folder.name}"
