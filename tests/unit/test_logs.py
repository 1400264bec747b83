from __future__ import annotations

import json
import logging

import pytest

from ground.logs import JsonFormatter, MaskingFilter, mask_id_number, mask_name, mask_phone, mask_text


def test_mask_helpers() -> None:
    assert mask_id_number("15010219900101123X") == "1501**********123X"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0477-8581234") == "********1234"


def test_mask_text_finds_numbers_in_free_text() -> None:
    text = "card 15010219900101123X read, phone 13812345678, case 2026112200001"
    masked = mask_text(text)
    assert "15010219900101123X" not in masked and "13812345678" not in masked
    assert "1501**********123X" in masked and "138****5678" in masked
    # a 13-digit case number is neither an ID nor a phone number
    assert "2026112200001" in masked


def test_filter_masks_log_records(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("zizhu.test.mask")
    logger.addFilter(MaskingFilter())
    try:
        with caplog.at_level(logging.INFO, logger="zizhu.test.mask"):
            logger.info("read card %s for %s", "150102199001011234", "13912345678")
    finally:
        logger.filters.clear()
    assert "150102199001011234" not in caplog.text
    assert "1501**********1234" in caplog.text
    assert "139****5678" in caplog.text


def test_json_formatter_one_object_per_line() -> None:
    rec = logging.LogRecord("zizhu.x", logging.WARNING, __file__, 1, "打印机缺纸 %s", ("receipt",), None)
    rec.event = "fault"
    doc = json.loads(JsonFormatter().format(rec))
    assert doc["msg"] == "打印机缺纸 receipt" and doc["event"] == "fault" and doc["level"] == "warning"
