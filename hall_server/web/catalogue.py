"""The public side's words in traditional Mongolian and Chinese: the one home of every public string.

The region's rule: Mongolian first, Chinese beside it at the same size (the status page and the
outage notice). Staff write notices in Chinese; the Mongolian side then carries the catalogue's
general words for a notice (:data:`MONGOLIAN` ``notice_general``) above the staff's text.

NEEDS NATIVE REVIEW: every Mongolian string below. Those marked ``kiosk`` are the kiosk's
translations (kiosk/i18n/zizhu_mn.ts, themselves marked for review); the rest were composed for
this page. A native speaker should check them before a hall goes live; until then the Chinese
beside each is authoritative.
"""

from __future__ import annotations

from typing import Final

CHINESE: Final[dict[str, str]] = {
    "title": "服务状态",
    "area": "24小时自助服务区",
    "all_well": "自助服务正常",
    "outage": "部分自助服务暂停",
    "in_service": "可用终端",
    "notices": "公告",
    "published": "发布时间",
    "updated": "更新于",
    "go_to_window": "请到人工窗口或其他自助终端办理",
    "system_fault": "系统故障，暂停服务",
    "notice_general": "自助服务公告，详情见右侧中文",
    "no_notices": "目前没有公告",
}

MONGOLIAN: Final[dict[str, str]] = {
    "title": "ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠪᠠᠢᠳᠠᠯ",  # composed
    "area": "24 ᠴᠠᠭ\u202fᠤᠨ ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ",  # kiosk: 24小时自助服务
    "all_well": "ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠬᠡᠪ\u180eᠦᠨ",  # composed
    "outage": "ᠵᠠᠷᠢᠮ ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ",  # composed from the kiosk's 暂停服务
    "in_service": "ᠠᠵᠢᠯᠯᠠᠵᠤ ᠪᠠᠢᠭ\u180eᠠ ᠮᠠᠱᠢᠨ",  # composed
    "notices": "ᠮᠡᠳᠡᠭᠳᠡᠯ",  # composed
    "published": "ᠨᠡᠢᠲᠡᠯᠡᠭᠰᠡᠨ ᠴᠠᠭ",  # composed
    "updated": "ᠰᠢᠨᠡᠴᠢᠯᠡᠭᠰᠡᠨ ᠴᠠᠭ",  # composed
    "go_to_window": ("ᠠᠵᠢᠯᠲᠠᠨ\u202fᠤ ᠴᠣᠨᠬᠣ ᠪᠤᠶᠤ ᠥᠭᠡᠷ\u180eᠡ ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠬᠦ ᠮᠠᠱᠢᠨ\u202fᠳᠤ "
                     "ᠣᠴᠢᠵᠤ ᠪᠦᠲᠦᠭᠡᠭᠡᠷᠡᠢ᠃"),  # kiosk: 请到人工窗口或其他自助终端办理
    "system_fault": "ᠰᠢᠰᠲᠧᠮ\u202fᠳᠦ ᠭᠡᠮᠲᠡᠯ ᠭᠠᠷᠴᠤ᠂ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠲᠦᠷ ᠵᠣᠭᠰᠣᠪᠠ",  # kiosk: 系统故障，暂停服务
    "notice_general": "ᠥᠪᠡᠷᠢᠶᠡᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠳᠡᠯ",  # composed: "self-service notice"
    "no_notices": "ᠣᠳᠣ ᠮᠡᠳᠡᠭᠳᠡᠯ ᠦᠭᠡᠢ",  # composed
}

assert set(CHINESE) == set(MONGOLIAN), "every public string in both languages"
