pragma Singleton
import QtQuick

// The words of 延时服务预约's codes (kiosk/flows_appointment.py, kiosk/backend/appointments.py): what
// happened and where to go. The phone's and the agent's codes are FeedbackTexts', every other Texts'.
QtObject {
    readonly property var reasons: ({
        "appointment_no_reader": QT_TRANSLATE_NOOP("Zizhu", "预约需要读取身份证，身份证阅读器暂停使用，请到咨询导引台或拨打咨询电话预约"),
        "hall_not_reached": QT_TRANSLATE_NOOP("Zizhu", "预约未成功：未能通知大厅，本次预约已撤销。请稍后重试，或到咨询导引台预约"),
        "undo_failed": QT_TRANSLATE_NOOP("Zizhu", "预约状态不确定，请凭预约编号拨打咨询电话核实"),
        "day_holiday": QT_TRANSLATE_NOOP("Zizhu", "该日为法定节假日，不提供延时服务，请选择其他日期"),
        "day_workday": QT_TRANSLATE_NOOP("Zizhu", "该日为调休工作日，窗口正常上班，无需预约"),
        "day_closed": QT_TRANSLATE_NOOP("Zizhu", "该日预约已截止（截至前一天周五12:00）"),
        "day_unknown": QT_TRANSLATE_NOOP("Zizhu", "该日所在年度的法定节假日安排尚未公布，暂不能预约"),
        "too_late": QT_TRANSLATE_NOOP("Zizhu", "预约当天及之后不能在终端取消，如需取消请拨打咨询电话"),
        "refused_holiday": QT_TRANSLATE_NOOP("Zizhu", "该日为法定节假日，不提供延时服务，请选择其他日期"),
        "refused_workday": QT_TRANSLATE_NOOP("Zizhu", "该日为调休工作日，窗口正常上班，无需预约"),
        "refused_closed": QT_TRANSLATE_NOOP("Zizhu", "该日预约已截止（截至前一天周五12:00）"),
        "refused_unknown": QT_TRANSLATE_NOOP("Zizhu", "该日所在年度的法定节假日安排尚未公布，暂不能预约"),
        "refused_not_saturday": QT_TRANSLATE_NOOP("Zizhu", "延时服务仅在周六上午提供"),
        "refused_past": QT_TRANSLATE_NOOP("Zizhu", "该日期已过，请选择其他日期"),
        "refused_full": QT_TRANSLATE_NOOP("Zizhu", "该日预约已满，请选择其他日期"),
        "refused_already_booked": QT_TRANSLATE_NOOP("Zizhu", "您已预约该日的该事项，可在“我的预约”中查看"),
        "refused_phone_invalid": QT_TRANSLATE_NOOP("Zizhu", "联系电话不正确，请重新输入"),
        "refused_too_late": QT_TRANSLATE_NOOP("Zizhu", "预约当天及之后不能在终端取消，如需取消请拨打咨询电话"),
        "refused_not_yours": QT_TRANSLATE_NOOP("Zizhu", "未查询到您的该预约"),
        "refused_cancelled": QT_TRANSLATE_NOOP("Zizhu", "该预约已取消")
    })
    // A Saturday's status on the list (ground/extended_hours.py).
    readonly property var dayStatus: ({
        "open": QT_TRANSLATE_NOOP("Zizhu", "可预约"),
        "holiday": QT_TRANSLATE_NOOP("Zizhu", "%1，法定节假日不提供延时服务"),
        "workday": QT_TRANSLATE_NOOP("Zizhu", "调休工作日，窗口正常上班，无需预约"),
        "closed": QT_TRANSLATE_NOOP("Zizhu", "预约已截止"),
        "unknown": QT_TRANSLATE_NOOP("Zizhu", "%1年节假日安排尚未公布，暂不能预约")
    })
    readonly property var holidays: ({
        "元旦": QT_TRANSLATE_NOOP("Zizhu", "元旦"), "春节": QT_TRANSLATE_NOOP("Zizhu", "春节"),
        "清明节": QT_TRANSLATE_NOOP("Zizhu", "清明节"), "劳动节": QT_TRANSLATE_NOOP("Zizhu", "劳动节"),
        "端午节": QT_TRANSLATE_NOOP("Zizhu", "端午节"), "国庆节": QT_TRANSLATE_NOOP("Zizhu", "国庆节"),
        "中秋节": QT_TRANSLATE_NOOP("Zizhu", "中秋节")
    })
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : FeedbackTexts.reason(code) }
    function status(s) { return dayStatus[s] !== undefined ? dayStatus[s] : "" }
    function statusArg(d) { return d.status === "holiday" ? (holidays[d.holiday] || d.holiday) : d.status === "unknown" ? d.day.substring(0, 4) : "" }
}
