pragma Singleton
import QtQuick

// The words of the document locker's codes (kiosk/flows_locker.py); every other code is Texts'.
QtObject {
    readonly property var reasons: ({
        "pickup_code_invalid": QT_TRANSLATE_NOOP("Zizhu", "取件码应为4至12位数字，请核对后重新输入"),
        "pickup_wrong_code": QT_TRANSLATE_NOOP("Zizhu", "取件码不正确，请核对短信后重新输入"),
        "pickup_card_mismatch": QT_TRANSLATE_NOOP("Zizhu", "此证件不是领取人或受托人的证件，不能取件"),
        "pickup_collected": QT_TRANSLATE_NOOP("Zizhu", "该件已被领取，不能重复开箱；如有疑问请到人工窗口"),
        "pickup_not_recorded": QT_TRANSLATE_NOOP("Zizhu", "格口已打开，但业务系统暂未登记取件，请告知人工窗口工作人员"),
        "locker_jammed": QT_TRANSLATE_NOOP("Zizhu", "格口未能打开，已通知工作人员，请到人工窗口办理"),
        "locker_silent": QT_TRANSLATE_NOOP("Zizhu", "文件柜无响应，已通知工作人员，请到人工窗口办理"),
        "locker_silent_open": QT_TRANSLATE_NOOP("Zizhu", "文件柜失去响应，本次开箱已登记，已通知工作人员"),
        "locker_door_open": QT_TRANSLATE_NOOP("Zizhu", "柜门未关闭，本次开箱已登记，已通知工作人员处理"),
        "locker_offline": QT_TRANSLATE_NOOP("Zizhu", "文件柜暂停使用，请到人工窗口办理"),
        "locker_fault": QT_TRANSLATE_NOOP("Zizhu", "文件柜暂停使用，请到人工窗口办理"),
        "locker_missing": QT_TRANSLATE_NOOP("Zizhu", "本机未配置文件柜"),
        "locker_no_slot": QT_TRANSLATE_NOOP("Zizhu", "该件不在本终端的文件柜中，请到人工窗口领取"),
        "locker_full": QT_TRANSLATE_NOOP("Zizhu", "文件柜暂无空格口，请到人工窗口递交材料"),
        "deposit_case_closed": QT_TRANSLATE_NOOP("Zizhu", "该办件不在办理中，不能存放材料，请到人工窗口办理"),
        "deposit_not_recorded": QT_TRANSLATE_NOOP("Zizhu", "材料已存入格口，但业务系统暂未登记，请告知人工窗口工作人员")
    })
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : Texts.reason(code) }
    // Why a locker service is off on the home screen: short, the device named.
    function homeReason(code) {
        if (!code) return ""
        if (code === "locker_missing") return reasons["locker_missing"]
        if (code.indexOf("locker_") === 0) return QT_TRANSLATE_NOOP("Zizhu", "文件柜暂停使用")
        if (code.indexOf("idcard_") === 0) return QT_TRANSLATE_NOOP("Zizhu", "身份证阅读器暂停使用")
        return Texts.reason(code)
    }
}
