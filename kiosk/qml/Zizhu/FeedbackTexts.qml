pragma Singleton
import QtQuick

// The words of the rating and complaint pages' codes (kiosk/flows_feedback.py): levels, tags,
// categories, common matters, errors. Chinese source strings in context "Zizhu", like Texts.qml.
QtObject {
    readonly property var levels: ({
        "very_satisfied": QT_TRANSLATE_NOOP("Zizhu", "非常满意"),
        "satisfied": QT_TRANSLATE_NOOP("Zizhu", "满意"),
        "basic": QT_TRANSLATE_NOOP("Zizhu", "基本满意"),
        "dissatisfied": QT_TRANSLATE_NOOP("Zizhu", "不满意"),
        "very_dissatisfied": QT_TRANSLATE_NOOP("Zizhu", "非常不满意")
    })
    // Not colour alone: each level has its own face and its words.
    readonly property var faces: ({
        "very_satisfied": "😄", "satisfied": "🙂", "basic": "😐", "dissatisfied": "🙁", "very_dissatisfied": "😞"
    })
    readonly property var tags: ({
        "efficiency": QT_TRANSLATE_NOOP("Zizhu", "效率"),
        "attitude": QT_TRANSLATE_NOOP("Zizhu", "态度"),
        "guide_accurate": QT_TRANSLATE_NOOP("Zizhu", "办事指南准确"),
        "convenience": QT_TRANSLATE_NOOP("Zizhu", "操作便利")
    })
    readonly property var categories: ({
        "cannot_do": QT_TRANSLATE_NOOP("Zizhu", "办不成事"),
        "slow": QT_TRANSLATE_NOOP("Zizhu", "蜗牛办事"),
        "complaint": QT_TRANSLATE_NOOP("Zizhu", "投诉"),
        "suggestion": QT_TRANSLATE_NOOP("Zizhu", "建议"),
        "other": QT_TRANSLATE_NOOP("Zizhu", "其他")
    })
    readonly property var categoryHints: ({
        "cannot_do": QT_TRANSLATE_NOOP("Zizhu", "想办的事没办成"),
        "slow": QT_TRANSLATE_NOOP("Zizhu", "办事慢、拖延"),
        "complaint": QT_TRANSLATE_NOOP("Zizhu", "对服务或人员不满"),
        "suggestion": QT_TRANSLATE_NOOP("Zizhu", "改进服务的想法"),
        "other": QT_TRANSLATE_NOOP("Zizhu", "其他问题")
    })
    readonly property var matters: ({
        "repeat_correction": QT_TRANSLATE_NOOP("Zizhu", "材料反复补正，多次跑腿"),
        "long_wait": QT_TRANSLATE_NOOP("Zizhu", "排队等候时间过长"),
        "overdue": QT_TRANSLATE_NOOP("Zizhu", "超过承诺时限仍未办结"),
        "attitude": QT_TRANSLATE_NOOP("Zizhu", "工作人员服务态度差"),
        "online_onsite": QT_TRANSLATE_NOOP("Zizhu", "网上可办却要求到现场"),
        "terminal_broken": QT_TRANSLATE_NOOP("Zizhu", "自助终端无法正常使用"),
        "guide_wrong": QT_TRANSLATE_NOOP("Zizhu", "办事指南与实际要求不一致")
    })
    readonly property var reasons: ({
        "level_missing": QT_TRANSLATE_NOOP("Zizhu", "请先选择一个满意程度"),
        "agent_unavailable": QT_TRANSLATE_NOOP("Zizhu", "暂时无法提交：终端与服务中心的连接中断。您填写的内容仍在本页，可稍后重试，或到人工窗口反映"),
        "feedback_refused": QT_TRANSLATE_NOOP("Zizhu", "本终端未能提交，请到人工窗口反映"),
        "not_configured": QT_TRANSLATE_NOOP("Zizhu", "本终端暂不能受理反映，请到人工窗口或拨打投诉电话"),
        "complaint_off": QT_TRANSLATE_NOOP("Zizhu", "本机暂不受理，请到人工窗口"),
        "matter_missing": QT_TRANSLATE_NOOP("Zizhu", "请选择常见问题，或输入您要反映的事项"),
        "matter_too_long": QT_TRANSLATE_NOOP("Zizhu", "反映事项请控制在300字以内"),
        "phone_missing": QT_TRANSLATE_NOOP("Zizhu", "请输入联系电话，以便工作人员回复您"),
        "phone_mobile_invalid": QT_TRANSLATE_NOOP("Zizhu", "手机号码应为11位，以13至19开头，请核对后重新输入"),
        "phone_needs_area_code": QT_TRANSLATE_NOOP("Zizhu", "固定电话请加区号，例如0482开头"),
        "phone_invalid": QT_TRANSLATE_NOOP("Zizhu", "电话号码有误：请输入11位手机号码，或带区号的固定电话"),
        "case_no_invalid": QT_TRANSLATE_NOOP("Zizhu", "办件编号应为6至24位数字，请核对后重新输入"),
        "case_no_is_id": QT_TRANSLATE_NOOP("Zizhu", "这是身份证号码，不是办件编号，请勿在此输入")
    })
    function level(code) { return levels[code] !== undefined ? levels[code] : "" }
    function tag(code) { return tags[code] !== undefined ? tags[code] : "" }
    function category(code) { return categories[code] !== undefined ? categories[code] : "" }
    function matter(code) { return matters[code] !== undefined ? matters[code] : "" }
    function reason(code) { return reasons[code] !== undefined ? reasons[code] : (code ? Texts.reason(code) : "") }
}
