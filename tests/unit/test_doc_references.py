"""Every citation of the project's own reference pages resolves, and none points outside the repository.

Comments and docstrings cite protocol facts and hall rules as a page and, optionally, a section:
the page's path, a section sign and the text of one of its headings (see the pages' own citations,
e.g. in drivers/printer/codec.py). The sentence may go on after the heading, so the longest heading
that the text after the section sign starts with, ending at a word boundary, is the one cited. A
section sign anywhere else (a bare section number) cites nothing a reader can find, and neither do
the notes this project was started from, which are not in the repository: both fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("drivers", "fleet_agent", "hall_server", "zizhu", "kiosk", "bench", "tests", "config")
SUFFIXES = (".py", ".toml")

SECTION_SIGN = "\u00a7"  # written as an escape so that this file's own text cites nothing
# A page, then optionally a section sign and the text up to the line's end or the next page cited.
REFERENCE = re.compile(r"(?<![\w/.-])(?P<page>docs/[\w./-]+?\.md)\b"
                       r"(?:[ \t]*(?P<sign>\u00a7)[ \t]*(?P<section>(?:(?!docs/)[^\n])*))?")
# Notes outside the repository that comments used to cite.
OUTSIDE = re.compile(r"\b(?:HARDWARE|KIOSK|DESIGN|FLEET)\.md\b")
HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$")


@dataclass(frozen=True)
class Bad:
    where: str  # path:line
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


def headings(page: Path) -> list[str]:
    """The heading texts of a Markdown page (not the lines of fenced code that start with ``#``)."""
    out, fenced = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (m := HEADING.match(line)):
            out.append(m["title"])
    return out


def _ends_at_boundary(text: str, title: str) -> bool:
    rest = text[len(title):]
    return not rest or not (rest[0].isalnum() or rest[0] in "_-")


def cited_heading(text: str, titles: list[str]) -> str | None:
    """The heading a citation's text names: the longest one it starts with, at a word boundary."""
    found = [t for t in titles if text.startswith(t) and _ends_at_boundary(text, t)]
    return max(found, key=len) if found else None


def source_files(root: Path) -> list[Path]:
    return sorted(p for d in SCANNED if (root / d).is_dir() for p in (root / d).rglob("*")
                  if p.suffix in SUFFIXES and p.is_file() and "__pycache__" not in p.parts)


def bad_references(root: Path) -> list[Bad]:
    """Every citation under ``root`` that does not resolve, with the reason."""
    bad: list[Bad] = []
    pages: dict[str, list[str] | None] = {}
    for path in source_files(root):
        rel = path.relative_to(root)
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            where = f"{rel}:{n}"
            for m in OUTSIDE.finditer(line):
                bad.append(Bad(where, f"cites {m[0]}, which is not in the repository: cite a page under docs/"))
            cited_signs = set()
            for m in REFERENCE.finditer(line):
                page = m["page"]
                if page not in pages:
                    file = root / page
                    pages[page] = headings(file) if file.is_file() else None
                if m["sign"] is not None:
                    cited_signs.add(m.start("sign"))
                titles = pages[page]
                if titles is None:
                    bad.append(Bad(where, f"cites {page}, which does not exist"))
                elif m["sign"] is not None and cited_heading(m["section"], titles) is None:
                    bad.append(Bad(where, f"cites {page} {SECTION_SIGN}{m['section'].strip()!r}: no such heading "
                                          f"there (headings: {', '.join(titles)})"))
            for i, ch in enumerate(line):
                if ch == SECTION_SIGN and i not in cited_signs:
                    bad.append(Bad(where, f"a section sign that follows no docs/… page: {line.strip()!r}"))
    return bad


def test_every_reference_in_the_source_tree_resolves() -> None:
    bad = bad_references(ROOT)
    assert not bad, "references that do not resolve:\n" + "\n".join(map(str, bad))


def test_the_tree_does_cite_the_pages() -> None:
    """The scan sees the citations (a broken pattern would find nothing and pass)."""
    cited = {m["page"] for p in source_files(ROOT) for m in REFERENCE.finditer(p.read_text(encoding="utf-8"))}
    assert {"docs/protocols/printer.md", "docs/protocols/idcard.md", "docs/protocols/locker.md",
            "docs/protocols/camera.md", "docs/hall-rules.md"} <= cited


def test_bad_references_are_named(tmp_path: Path) -> None:
    s = SECTION_SIGN
    page = "docs/" + "page.md"  # split: this file's own text must cite nothing
    (tmp_path / "docs").mkdir()
    (tmp_path / page).write_text("# Page\n\n## Status (DLE EOT)\n\n```\n# Not a heading\n```\n\n## Frames\n",
                                 encoding="utf-8")
    (tmp_path / "drivers").mkdir()
    (tmp_path / "drivers" / "good.py").write_text(
        f'"""Bits: {page} {s}Status (DLE EOT). Frames ({page} {s}Frames). Whole page: {page}."""\n',
        encoding="utf-8")
    (tmp_path / "drivers" / "bad.py").write_text(
        f"# {page} {s}Nowhere\n"
        f"# {page} {s}Not a heading\n"
        f"# {page} {s}Framesets\n"
        f"# {'docs/' + 'missing.md'} {s}Frames\n"
        f"# old note {'HARDWARE' + '.md'} and the bare {s}3.1\n",
        encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "x.toml").write_text(f"# see {'KIOSK' + '.md'}\n", encoding="utf-8")
    (tmp_path / "docs" / "ignored.py").write_text(f"# {s}9 outside the scanned folders\n", encoding="utf-8")

    found = [str(b) for b in bad_references(tmp_path)]
    assert len(found) == 7, "\n".join(found)
    expect = [("config/x.toml:1", "cites KIOSK" ".md, which is not in the repository"),
              ("drivers/bad.py:1", f"cites {page} {s}'Nowhere': no such heading there"),
              ("drivers/bad.py:2", f"cites {page} {s}'Not a heading'"),
              ("drivers/bad.py:3", f"cites {page} {s}'Framesets'"),
              ("drivers/bad.py:4", "cites docs/" + "missing.md, which does not exist"),
              ("drivers/bad.py:5", "cites HARDWARE" ".md"),
              ("drivers/bad.py:5", "a section sign that follows no docs/")]
    for (where, why), got in zip(expect, found, strict=True):
        assert got.startswith(f"{where}: {why}"), (where, why, got)


def test_headings_of_each_page_are_unambiguous() -> None:
    """No heading of a page is a word-boundary prefix of another: a citation names exactly one."""
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        titles = headings(page)
        for t in titles:
            assert titles.count(t) == 1, f"{page}: heading {t!r} twice"
            longer = [u for u in titles if u != t and u.startswith(t) and _ends_at_boundary(u, t)]
            assert not longer, f"{page}: heading {t!r} is the start of {longer}"
