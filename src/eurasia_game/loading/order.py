"""The load order of enabled mods, decided only by their manifests.

A total conversion loads first (it takes the base game's place); every mod
loads after the mods it depends on and after the mods in its ``load_after``
list that are enabled; anything left undecided goes by mod id.  The order is
therefore the same on every machine, whatever order the mods were given or
found in.  Missing or mismatched dependencies, duplicate ids, two total
conversions and cycles are reported against the manifest that causes them.
"""

from __future__ import annotations

import heapq

from eurasia_game.lang.catalogue import S
from eurasia_game.loading.manifest import ModFolder
from eurasia_game.loading.problems import Problem, did_you_mean
from eurasia_game.model.mod import version_matches


def load_order(mods: list[ModFolder]) -> tuple[list[ModFolder], list[Problem]]:
    """The mods to load, in order, and the problems that decide which are left out."""
    problems: list[Problem] = []
    by_id: dict[str, ModFolder] = {}
    for mod in sorted((m for m in mods if m.manifest is not None), key=lambda m: (m.manifest.id, str(m.folder))):
        if mod.manifest.id in by_id:
            first = by_id[mod.manifest.id]
            if first.folder == mod.folder:
                continue  # the same folder given twice
            problems.append(mod.problem("error", ("id",), S("prob_mod_id_twice", id=mod.manifest.id, folder=first.display), S("prob_mod_own_id")))
            continue
        by_id[mod.manifest.id] = mod

    conversions = [m for m in by_id.values() if m.manifest.replaces_base]
    for extra in conversions[1:]:
        problems.append(extra.problem("error", ("replaces_base",), S("prob_one_conversion", id=conversions[0].manifest.id), S("prob_enable_one")))
        del by_id[extra.manifest.id]

    usable: dict[str, ModFolder] = {}
    for mod_id, mod in by_id.items():
        ok = True
        for index, dep in enumerate(mod.manifest.depends):
            if dep.id == mod_id:
                problems.append(mod.problem("error", ("depends", index, "id"), S("prob_depends_itself"), S("prob_remove_entry")))
                ok = False
            elif dep.id not in by_id:
                hint = did_you_mean(dep.id, by_id) or S("prob_enable_dependency", id=dep.id)
                problems.append(mod.problem("error", ("depends", index, "id"), S("prob_dependency_missing", id=dep.id), hint))
                ok = False
            elif not version_matches(by_id[dep.id].manifest.version, dep.versions):
                have = by_id[dep.id].manifest.version
                problems.append(mod.problem("error", ("depends", index, "versions"), S("prob_dependency_version", id=dep.id, versions=dep.versions, version=have), S("prob_use_dependency_version", id=dep.id, versions=dep.versions)))
                ok = False
        if ok:
            usable[mod_id] = mod

    # a mod whose dependency was left out is left out as well
    changed = True
    while changed:
        changed = False
        for mod_id, mod in list(usable.items()):
            missing = [d.id for d in mod.manifest.depends if d.id not in usable]
            if missing:
                problems.append(mod.problem("error", ("depends",), S("prob_dependency_not_loaded", id=missing[0])))
                del usable[mod_id]
                changed = True

    after: dict[str, set[str]] = {m: set() for m in usable}
    for mod_id, mod in usable.items():
        for dep in mod.manifest.depends:
            after[mod_id].add(dep.id)
        for other in mod.manifest.load_after:
            if other in usable and other != mod_id:
                after[mod_id].add(other)
        if not mod.manifest.replaces_base:
            after[mod_id].update(c.manifest.id for c in conversions[:1] if c.manifest.id in usable)

    order: list[ModFolder] = []
    waiting = {m: set(deps) for m, deps in after.items()}
    ready = [m for m, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    while ready:
        mod_id = heapq.heappop(ready)
        order.append(usable[mod_id])
        del waiting[mod_id]
        for other, deps in waiting.items():
            if mod_id in deps:
                deps.discard(mod_id)
                if not deps:
                    heapq.heappush(ready, other)
    if waiting:
        stuck = sorted(waiting)
        for mod_id in stuck:
            mod = usable[mod_id]
            problems.append(mod.problem(
                "error", ("load_after",) if not mod.manifest.depends else ("depends",),
                S("prob_order_circle", mods=", ".join(stuck)),
                S("prob_break_circle"),
            ))
    return order, problems
