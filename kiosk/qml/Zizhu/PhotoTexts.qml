pragma Singleton
import QtQuick

// The words of the ID photo page's codes (kiosk/flows_photo.py). The checks' words are those of
// drivers/camera/photo.py (MESSAGES) and the driver's covered lens, copied here as source strings
// so that lupdate finds them; tests/kiosk/test_photo_flow.py keeps the two the same.
QtObject {
    readonly property var checks: ({
        "camera_covered": QT_TRANSLATE_NOOP("Zizhu", "摄像头被遮挡，请移开遮挡物"),
        "no_face": QT_TRANSLATE_NOOP("Zizhu", "请正对镜头"),
        "several_faces": QT_TRANSLATE_NOOP("Zizhu", "画面中只能有一个人"),
        "not_frontal": QT_TRANSLATE_NOOP("Zizhu", "请正对镜头，不要侧脸"),
        "tilted": QT_TRANSLATE_NOOP("Zizhu", "请保持头部端正"),
        "too_far": QT_TRANSLATE_NOOP("Zizhu", "请靠近镜头一些"),
        "too_close": QT_TRANSLATE_NOOP("Zizhu", "请离镜头远一些"),
        "off_centre": QT_TRANSLATE_NOOP("Zizhu", "请站到画面中间"),
        "too_high": QT_TRANSLATE_NOOP("Zizhu", "请把头稍微放低一点"),
        "too_low": QT_TRANSLATE_NOOP("Zizhu", "请坐直，把头抬高一点"),
        "too_dark": QT_TRANSLATE_NOOP("Zizhu", "光线太暗"),
        "too_bright": QT_TRANSLATE_NOOP("Zizhu", "光线太亮，脸部过曝"),
        "blurred": QT_TRANSLATE_NOOP("Zizhu", "照片模糊，请保持不动"),
        "background_not_white": QT_TRANSLATE_NOOP("Zizhu", "背景不够白"),
        "background_uneven": QT_TRANSLATE_NOOP("Zizhu", "背景不均匀，请站在白色背景前")
    })
    readonly property var reasons: ({
        "camera_covered": QT_TRANSLATE_NOOP("Zizhu", "摄像头被遮挡，暂不能拍照，请到人工窗口办理"),
        "camera_offline": QT_TRANSLATE_NOOP("Zizhu", "摄像头暂停使用，请到人工窗口拍照"),
        "camera_fault": QT_TRANSLATE_NOOP("Zizhu", "摄像头暂停使用，请到人工窗口拍照"),
        "camera_missing": QT_TRANSLATE_NOOP("Zizhu", "本机没有摄像头，请到人工窗口拍照"),
        "no_open_case": QT_TRANSLATE_NOOP("Zizhu", "未查询到需要补交照片的办件"),
        "case_closed": QT_TRANSLATE_NOOP("Zizhu", "该办件已办结，不需要补交照片")
    })
    function check(code) { return checks[code] !== undefined ? checks[code] : "" }
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : Texts.reason(code) }
}
