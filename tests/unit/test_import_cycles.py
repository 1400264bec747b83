"""No module of Zizhu imports one that imports it back, directly or through others.

The layers and the programs' independence are import-linter contracts (pyproject.toml, run by
scripts/test.sh); a cycle inside one room (hall_server/api.py ↔ service.py, once) is this test's.
"""

from __future__ import annotations

import grimp

PACKAGES = ("ground", "wire", "drivers", "terminal", "fleet_agent", "hall_server", "kiosk", "zizhu")


def cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    found = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                found.append((importer, *back))
    return found


def test_no_import_cycles() -> None:
    # Imports under TYPE_CHECKING count too: a type-only cycle is a cycle of the design.
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)  # no .grimp_cache left
    assert cycles(graph) == []


def test_the_check_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for m in ("a", "a.x", "a.y"):
        graph.add_module(m)
    graph.add_import(importer="a.x", imported="a.y")
    assert cycles(graph) == []
    graph.add_import(importer="a.y", imported="a.x")
    assert ("a.x", "a.y", "a.x") in cycles(graph)
