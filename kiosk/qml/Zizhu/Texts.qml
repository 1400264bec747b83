pragma Singleton
import QtQuick

// The words for every code the Python side hands over (errors, reasons, states): one place.
// Each is a Chinese source string in context "Zizhu"; KText translates it when shown.
QtObject {
    readonly property var reasons: ({
        "card_expired": QT_TRANSLATE_NOOP("Zizhu", "证件已过有效期，请到人工窗口办理"),
        "card_invalid": QT_TRANSLATE_NOOP("Zizhu", "证件信息校验失败，请到人工窗口办理"),
        "card_unreadable": QT_TRANSLATE_NOOP("Zizhu", "读卡失败，请取下证件后重新放置"),
        "card_already_read": QT_TRANSLATE_NOOP("Zizhu", "本次业务已读取该证件，请取走证件"),
        "idcard_offline": QT_TRANSLATE_NOOP("Zizhu", "身份证阅读器暂停使用，可用办件编号查询"),
        "idcard_fault": QT_TRANSLATE_NOOP("Zizhu", "身份证阅读器暂停使用，可用办件编号查询"),
        "idcard_missing": QT_TRANSLATE_NOOP("Zizhu", "本机未配置身份证阅读器"),
        "printer_paper_out": QT_TRANSLATE_NOOP("Zizhu", "打印纸已用完，请扫码查看"),
        "printer_cover_open": QT_TRANSLATE_NOOP("Zizhu", "打印机暂停使用，请扫码查看"),
        "printer_offline": QT_TRANSLATE_NOOP("Zizhu", "打印机暂停使用，请扫码查看"),
        "printer_fault": QT_TRANSLATE_NOOP("Zizhu", "打印机暂停使用，请扫码查看"),
        "printer_missing": QT_TRANSLATE_NOOP("Zizhu", "本机不能打印，请扫码查看"),
        "print_hardware": QT_TRANSLATE_NOOP("Zizhu", "打印中断，请扫码查看，或到人工窗口领取"),
        "print_offline": QT_TRANSLATE_NOOP("Zizhu", "打印机无响应，请扫码查看，或到人工窗口领取"),
        "print_failed": QT_TRANSLATE_NOOP("Zizhu", "未能打印，请扫码查看，或到人工窗口领取"),
        "backend_timeout": QT_TRANSLATE_NOOP("Zizhu", "业务系统响应超时，请稍后再试或到人工窗口办理"),
        "backend_error": QT_TRANSLATE_NOOP("Zizhu", "业务系统暂时无法访问，请稍后再试或到人工窗口办理"),
        "not_found": QT_TRANSLATE_NOOP("Zizhu", "未查询到相关信息，请核对后重试"),
        "case_no_invalid": QT_TRANSLATE_NOOP("Zizhu", "办件编号应为6至24位数字，请核对后重新输入"),
        "no_card": QT_TRANSLATE_NOOP("Zizhu", "请先读取身份证"),
        "case_no_is_id": QT_TRANSLATE_NOOP("Zizhu", "这是身份证号码，不是办件编号：请在首页放置身份证查询您的办件"),
        "out_of_service": QT_TRANSLATE_NOOP("Zizhu", "本终端暂停服务"),
        "notice": QT_TRANSLATE_NOOP("Zizhu", "系统故障，暂停服务")
    })
    readonly property var statuses: ({
        "submitted": QT_TRANSLATE_NOOP("Zizhu", "已申请，待受理"),
        "accepted": QT_TRANSLATE_NOOP("Zizhu", "已受理"),
        "in_review": QT_TRANSLATE_NOOP("Zizhu", "审查中"),
        "correction": QT_TRANSLATE_NOOP("Zizhu", "需补正材料"),
        "approved": QT_TRANSLATE_NOOP("Zizhu", "已办结，待领取"),
        "collected": QT_TRANSLATE_NOOP("Zizhu", "已办结，已领取"),
        "refused": QT_TRANSLATE_NOOP("Zizhu", "不予受理"),
        "withdrawn": QT_TRANSLATE_NOOP("Zizhu", "已撤回")
    })
    readonly property var cardKinds: ({
        "resident": QT_TRANSLATE_NOOP("Zizhu", "居民身份证"),
        "hmt_permit": QT_TRANSLATE_NOOP("Zizhu", "港澳台居民居住证"),
        "foreign_pr_2017": QT_TRANSLATE_NOOP("Zizhu", "外国人永久居留身份证"),
        "foreign_pr_2023": QT_TRANSLATE_NOOP("Zizhu", "外国人永久居留身份证")
    })
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : (code ? QT_TRANSLATE_NOOP("Zizhu", "暂时无法办理，请到人工窗口") : "") }
    function status(code) { return statuses[code] !== undefined ? statuses[code] : code }
    function cardKind(code) { return cardKinds[code] !== undefined ? cardKinds[code] : "" }
    function tr(src) { return qsTranslate("Zizhu", src) }
}
