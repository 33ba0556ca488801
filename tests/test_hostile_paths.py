"""A rules folder cannot reach files outside itself through links.

The mod manifests' own paths (``..``, absolute paths) are covered with the
mods; here a plain rules folder (the base game, or a copy a teacher edits)
holds a file link and a folder link leading out, and neither is read.
"""

from __future__ import annotations

import os

import pytest

from eurasia_game.loading.loader import load_rules

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links are not available")


def test_links_leading_out_of_the_rules_folder_are_refused(rules_copy, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("texts:\n  leaked: the secret came in\n", encoding="utf-8")
    os.symlink(outside / "secret.yaml", rules_copy / "linked.yaml")
    os.symlink(outside, rules_copy / "linked_dir")
    result = load_rules(rules_copy)
    refused = {p.file for p in result.errors if "outside" in p.message}
    assert any(f.endswith("linked.yaml") for f in refused), [str(p) for p in result.problems]
    assert any(f.endswith("linked_dir") for f in refused), [str(p) for p in result.problems]
    assert result.rules is None or "leaked" not in result.rules.texts


def test_a_link_to_a_system_file_is_not_read(rules_copy):
    target = "/etc/passwd"
    if not os.path.exists(target):
        pytest.skip("needs /etc/passwd")
    os.symlink(target, rules_copy / "passwd.yaml")
    result = load_rules(rules_copy)
    mine = [p for p in result.errors if p.file.endswith("passwd.yaml")]
    assert mine and "outside" in mine[0].message
    assert "root:" not in "\n".join(str(p) for p in result.problems)


def test_a_link_inside_the_folder_is_fine(rules_copy):
    (rules_copy / "extra").mkdir()
    (rules_copy / "extra" / "more.yaml").write_text("texts:\n  extra_word: fine\n", encoding="utf-8")
    os.symlink(rules_copy / "extra" / "more.yaml", rules_copy / "alias.yaml")
    result = load_rules(rules_copy)
    assert not [p for p in result.errors if "outside" in p.message]
