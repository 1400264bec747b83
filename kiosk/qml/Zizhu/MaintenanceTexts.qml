pragma Singleton
import QtQuick

// The words of the maintenance screen's codes (kiosk/flows_maintenance.py): for technicians, in
// Chinese first, through the translation files like every other string.
QtObject {
    readonly property var words: ({
        "pin_wrong": QT_TRANSLATE_NOOP("Zizhu", "维护密码错误，还可输入%1次"),
        "pin_locked": QT_TRANSLATE_NOOP("Zizhu", "密码连续输错%1次，维护入口已锁定，请%2分钟后再试"),
        "no_technicians": QT_TRANSLATE_NOOP("Zizhu", "本终端未登记技术员，不能进入维护模式"),
        "card_unknown": QT_TRANSLATE_NOOP("Zizhu", "此证件未登记为技术员证件"),
        "test_ok": QT_TRANSLATE_NOOP("Zizhu", "%1自检通过"),
        "test_failed": QT_TRANSLATE_NOOP("Zizhu", "%1自检未通过，见下方结果"),
        "page_printed": QT_TRANSLATE_NOOP("Zizhu", "测试页已打印"),
        "page_failed": QT_TRANSLATE_NOOP("Zizhu", "测试页未能打印：%1"),
        "slot_opened": QT_TRANSLATE_NOOP("Zizhu", "%1号格口已打开，已记入开箱记录"),
        "slot_failed": QT_TRANSLATE_NOOP("Zizhu", "%1号格口未能打开：%2"),
        "roll_reported": QT_TRANSLATE_NOOP("Zizhu", "已确认更换%1，已报告大厅"),
        "roll_not_sent": QT_TRANSLATE_NOOP("Zizhu", "已确认更换%1，但未能报告大厅（监控程序未连接）")
    })
    readonly property var kinds: ({
        "printer": QT_TRANSLATE_NOOP("Zizhu", "凭条打印机"),
        "idcard": QT_TRANSLATE_NOOP("Zizhu", "身份证阅读器"),
        "camera": QT_TRANSLATE_NOOP("Zizhu", "摄像头"),
        "locker": QT_TRANSLATE_NOOP("Zizhu", "智能文件柜")
    })
    readonly property var states: ({
        "online": QT_TRANSLATE_NOOP("Zizhu", "正常"),
        "busy": QT_TRANSLATE_NOOP("Zizhu", "忙"),
        "offline": QT_TRANSLATE_NOOP("Zizhu", "离线"),
        "hardware_error": QT_TRANSLATE_NOOP("Zizhu", "硬件故障"),
        "user_error": QT_TRANSLATE_NOOP("Zizhu", "需要处理"),
        "no_device": QT_TRANSLATE_NOOP("Zizhu", "未连接"),
        "power_off": QT_TRANSLATE_NOOP("Zizhu", "未通电"),
        "unknown": QT_TRANSLATE_NOOP("Zizhu", "未知")
    })
    readonly property var stations: ({
        "receipt": QT_TRANSLATE_NOOP("Zizhu", "凭条纸卷"),
        "journal": QT_TRANSLATE_NOOP("Zizhu", "流水纸卷")
    })
    function word(code) { return words[code] !== undefined ? words[code] : "" }
    function kind(k) { return kinds[k] !== undefined ? kinds[k] : k }
    function state(s) { return states[s] !== undefined ? states[s] : states["unknown"] }
    function station(s) { return stations[s] !== undefined ? stations[s] : s }
}
