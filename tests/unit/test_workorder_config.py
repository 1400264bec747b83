"""``[feedback] departments`` (docs/workorders.md): the list a work order is assigned from, read from a hall file
with every problem named; the default is a 东胜区 hall's."""

from __future__ import annotations

from pathlib import Path

import pytest

from hall_server.config import DEFAULT_DEPARTMENTS, FeedbackConfig
from zizhu.config import ConfigError, load_any

HALL = '[hall]\nid = "h1"\nname = "东胜区政务服务中心"\n'


def _load(tmp_path: Path, feedback: str) -> object:
    p = tmp_path / "hall.toml"
    p.write_text(HALL + "[feedback]\n" + feedback, encoding="utf-8")
    return load_any(p)[1]


def test_the_default_is_a_dongsheng_halls_departments() -> None:
    assert FeedbackConfig().departments == list(DEFAULT_DEPARTMENTS)
    assert "区市场监督管理局" in DEFAULT_DEPARTMENTS and len(set(DEFAULT_DEPARTMENTS)) == len(DEFAULT_DEPARTMENTS)


def test_a_hall_names_its_own(tmp_path: Path) -> None:
    cfg = _load(tmp_path, 'departments = ["区医疗保障局", "区税务局"]\n')
    assert cfg.feedback.departments == ["区医疗保障局", "区税务局"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("value", "words"), [
    ("[]", "departments"),  # none at all: nothing could be assigned
    ('["区税务局", "区税务局"]', "named twice"),
    ('[""]', "departments"),
    ('["' + "局" * 101 + '"]', "departments"),
])
def test_a_bad_list_is_refused_naming_the_key(tmp_path: Path, value: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words) as ei:
        _load(tmp_path, f"departments = {value}\n")
    assert "key feedback" in str(ei.value) and "departments" in str(ei.value)
