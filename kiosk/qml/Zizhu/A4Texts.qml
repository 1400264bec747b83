pragma Singleton
import QtQuick

// The words of A4 printing's codes (kiosk/flows_a4.py; the printer's of drivers/a4printer): what
// happened and where to go. Every other code is Texts'.
QtObject {
    readonly property var reasons: ({
        "a4_paper_out": QT_TRANSLATE_NOOP("Zizhu", "A4打印机缺纸，未能打印。已通知工作人员，请到人工窗口办理"),
        "a4_jammed": QT_TRANSLATE_NOOP("Zizhu", "A4打印机卡纸，未能打印。已通知工作人员，请到人工窗口办理"),
        "a4_cover_open": QT_TRANSLATE_NOOP("Zizhu", "A4打印机盖门未关好，未能打印。请到人工窗口办理"),
        "a4_toner_out": QT_TRANSLATE_NOOP("Zizhu", "A4打印机墨粉用完，未能打印。请到人工窗口办理"),
        "a4_stopped": QT_TRANSLATE_NOOP("Zizhu", "A4打印暂停服务，未能打印。请到人工窗口办理"),
        "a4_offline": QT_TRANSLATE_NOOP("Zizhu", "A4打印机无响应，未能打印。请到人工窗口办理"),
        "a4_missing": QT_TRANSLATE_NOOP("Zizhu", "本机A4打印机不可用，请到人工窗口办理"),
        "a4_unavailable": QT_TRANSLATE_NOOP("Zizhu", "A4打印机暂停使用，请到人工窗口办理"),
        "a4_timeout": QT_TRANSLATE_NOOP("Zizhu", "打印超时，文件可能未打印完整，请到人工窗口办理"),
        "a4_failed": QT_TRANSLATE_NOOP("Zizhu", "未能打印，请到人工窗口办理"),
        "a4_lost": QT_TRANSLATE_NOOP("Zizhu", "打印结果未知，请查看A4出纸口；如未打印，请到人工窗口办理"),
        "a4_render_failed": QT_TRANSLATE_NOOP("Zizhu", "文件生成失败，请到人工窗口办理"),
        "a4_no_reader": QT_TRANSLATE_NOOP("Zizhu", "打印证明需要读取身份证，身份证阅读器暂停使用，请到人工窗口办理"),
        "no_forms": QT_TRANSLATE_NOOP("Zizhu", "本机暂无可打印的表格，请到人工窗口领取"),
        "no_certificates": QT_TRANSLATE_NOOP("Zizhu", "本机暂不提供证明打印，请到人工窗口办理"),
        "cert_none_social_insurance": QT_TRANSLATE_NOOP("Zizhu", "未查询到您的社会保险参保记录，请到社保窗口咨询"),
        "cert_none_household": QT_TRANSLATE_NOOP("Zizhu", "未查询到您在本地的户籍登记，请到户籍窗口咨询"),
        "cert_none": QT_TRANSLATE_NOOP("Zizhu", "未查询到可出具证明的记录，请到人工窗口咨询"),
        "a4printer_paper_out": QT_TRANSLATE_NOOP("Zizhu", "A4打印机缺纸，暂停使用"),
        "a4printer_stopped": QT_TRANSLATE_NOOP("Zizhu", "A4打印暂停服务"),
        "a4printer_offline": QT_TRANSLATE_NOOP("Zizhu", "A4打印机暂停使用"),
        "a4printer_fault": QT_TRANSLATE_NOOP("Zizhu", "A4打印机暂停使用"),
        "a4printer_missing": QT_TRANSLATE_NOOP("Zizhu", "本机不能打印A4文件")
    })
    // While the printer holds the job (before the driver gives up on it): said at once.
    readonly property var held: ({
        "a4_paper_out": QT_TRANSLATE_NOOP("Zizhu", "A4打印机缺纸，正在等待…"),
        "a4_stopped": QT_TRANSLATE_NOOP("Zizhu", "打印队列已停止，正在等待…"),
        "a4_offline": QT_TRANSLATE_NOOP("Zizhu", "A4打印机无响应，正在等待…")
    })
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : Texts.reason(code) }
    function heldWords(code) { return held[code] !== undefined ? held[code] : (code ? QT_TRANSLATE_NOOP("Zizhu", "打印机暂停，正在等待…") : "") }
}
