pragma Singleton
import QtQuick

// The words of the mailing page's codes (kiosk/flows_mailing.py). Chinese source strings in context
// "Zizhu", like Texts.qml; the phone's and the agent's codes are FeedbackTexts'.
QtObject {
    readonly property var reasons: ({
        "not_yours": QT_TRANSLATE_NOOP("Zizhu", "该办件不是持证人本人的办件，不能申请邮寄。请使用申请人本人的身份证"),
        "case_not_mailable": QT_TRANSLATE_NOOP("Zizhu", "该办件当前状态不能申请邮寄（已领取、不予受理或已撤回），请咨询人工窗口"),
        "no_mailable_case": QT_TRANSLATE_NOOP("Zizhu", "您暂无可申请邮寄的办件。已申请或已办结待领取的办件才能邮寄"),
        "region_missing": QT_TRANSLATE_NOOP("Zizhu", "请依次选择省、市、区县"),
        "street_missing": QT_TRANSLATE_NOOP("Zizhu", "请输入详细地址：街道、门牌号、小区、楼号和房号"),
        "street_too_long": QT_TRANSLATE_NOOP("Zizhu", "详细地址请控制在100字以内"),
        "recipient_missing": QT_TRANSLATE_NOOP("Zizhu", "请输入收件人姓名"),
        "recipient_too_long": QT_TRANSLATE_NOOP("Zizhu", "收件人姓名请控制在30字以内"),
        "hall_copy_failed": QT_TRANSLATE_NOOP("Zizhu", "申请未能提交：终端与服务中心的连接中断，业务系统中的申请已撤回。您填写的内容仍在本页，可稍后重试，或到人工窗口申请"),
        "withdraw_failed": QT_TRANSLATE_NOOP("Zizhu", "申请未能完整提交，请到人工窗口出示申请编号处理，请勿重复申请"),
        "no_card": QT_TRANSLATE_NOOP("Zizhu", "请将申请人本人的身份证放在读卡区")
    })
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : FeedbackTexts.reason(code) }
}
