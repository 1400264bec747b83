pragma Singleton
import QtQuick

// The words of the materials page's codes (kiosk/flows_capture.py). The page checks' words are those
// of drivers/camera/document.py (MESSAGES) and the driver's covered lens, copied here as source
// strings so that lupdate finds them; tests/kiosk/test_capture_flow.py keeps the two the same.
QtObject {
    readonly property var checks: ({
        "camera_covered": QT_TRANSLATE_NOOP("Zizhu", "摄像头被遮挡，请移开遮挡物"),
        "no_page": QT_TRANSLATE_NOOP("Zizhu", "没有找到材料，请把材料平放在拍摄区内"),
        "cut_off": QT_TRANSLATE_NOOP("Zizhu", "材料超出拍摄范围，请把整页材料放在拍摄区内"),
        "not_flat": QT_TRANSLATE_NOOP("Zizhu", "材料没有放平或被遮挡，请放平、移开手"),
        "blurred": QT_TRANSLATE_NOOP("Zizhu", "画面模糊，请放平材料，保持不动"),
        "same_page": QT_TRANSLATE_NOOP("Zizhu", "这一页已经拍过，请换下一页"),
        "not_ready": QT_TRANSLATE_NOOP("Zizhu", "正在检查画面…"),
        "too_many_pages": QT_TRANSLATE_NOOP("Zizhu", "已达到最多页数，请提交")
    })
    readonly property var reasons: ({
        "camera_covered": QT_TRANSLATE_NOOP("Zizhu", "摄像头被遮挡，暂不能拍摄材料，请到人工窗口办理"),
        "camera_offline": QT_TRANSLATE_NOOP("Zizhu", "高拍仪暂停使用，请到人工窗口提交材料"),
        "camera_fault": QT_TRANSLATE_NOOP("Zizhu", "高拍仪暂停使用，请到人工窗口提交材料"),
        "camera_missing": QT_TRANSLATE_NOOP("Zizhu", "本机没有高拍仪，请到人工窗口提交材料"),
        "no_open_case": QT_TRANSLATE_NOOP("Zizhu", "未查询到可以提交材料的办件"),
        "case_closed": QT_TRANSLATE_NOOP("Zizhu", "该办件已办结，不需要提交材料")
    })
    function check(code) { return checks[code] !== undefined ? checks[code] : "" }
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : Texts.reason(code) }
}
