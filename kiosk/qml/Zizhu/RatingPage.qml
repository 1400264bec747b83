import QtQuick
import QtQuick.Layouts

// 好差评: after each completed service, five levels and optional tags; voluntary (跳过 goes home),
// one rating per service in a session (一次一评), the rater's identity never sent.
KPage {
    id: page
    name: "rating"
    title: QT_TRANSLATE_NOOP("Zizhu", "服务评价")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "本次服务已完成，欢迎您对本次服务作出评价")
    signal finished()
    readonly property var v: feedback.rating.view
    readonly property var svc: v.service || ({})
    readonly property bool choosing: v.state === "offered" || v.state === "error"
    readonly property bool mn: kiosk.language === "mn"
    property string lastState: ""
    onVChanged: {
        if (v.state !== lastState) {
            if (v.state === "sent") kiosk.say(qsTranslate("Zizhu", "已提交，感谢您的评价"))
            else if (v.state === "already") kiosk.say(qsTranslate("Zizhu", "本次服务您已评价过，每项服务只能评价一次"))
        }
        if (v.error) kiosk.say(qsTranslate("Zizhu", FeedbackTexts.reason(v.error)))
        lastState = v.state
    }
    // 🔊 and on arrival: a slip just printed is mentioned first (the voice stops for each new text)
    function speakPrompt() {
        kiosk.say((svc.slipPrinted ? qsTranslate("Zizhu", "打印完成，请取走凭条") + " " : "") + qsTranslate("Zizhu", prompt))
    }
    function stars(i) { return "★★★★★".slice(0, 5 - i) + "☆☆☆☆☆".slice(0, i) }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        spacing: Theme.gap
        Flickable {  // all but the buttons scroll: long Mongolian and elderly pages need it
            id: flick
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: form.implicitHeight
            clip: true
            ColumnLayout {
                id: form
                width: flick.width
                spacing: Theme.gap
                KText {
                    objectName: "slipReminder"
                    Layout.fillWidth: true
                    visible: !!page.svc.slipPrinted
                    heading: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "打印完成，请取走凭条")
                }
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: svcCol.implicitHeight + Theme.pad
                    radius: Theme.radius
                    color: Theme.card
                    ColumnLayout {
                        id: svcCol
                        anchors.centerIn: parent
                        width: parent.width - Theme.pad
                        KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "您办理的事项"); bold: true; color: Theme.primary }
                        DataText { objectName: "ratedItem"; Layout.fillWidth: true; text: page.svc.itemName || ""; font.bold: true }
                        KText {
                            Layout.fillWidth: true
                            visible: !!page.svc.caseNo
                            src: QT_TRANSLATE_NOOP("Zizhu", "办件编号：%1")
                            args: [page.svc.caseNo || ""]
                        }
                    }
                }
                KText {
                    objectName: "ratingDone"
                    visible: page.v.state === "sent" || page.v.state === "already"
                    Layout.fillWidth: true
                    heading: true
                    color: page.v.state === "sent" ? Theme.text : Theme.danger
                    src: page.v.state === "sent" ? QT_TRANSLATE_NOOP("Zizhu", "已提交，感谢您的评价")
                                                 : QT_TRANSLATE_NOOP("Zizhu", "本次服务您已评价过，每项服务只能评价一次")
                }
                KText {
                    visible: page.v.state === "sent"
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "您的评价将用于改进政务服务")
                }
                ColumnLayout {
                    visible: page.choosing
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    KText { Layout.fillWidth: true; heading: true; src: QT_TRANSLATE_NOOP("Zizhu", "您对本次服务满意吗？") }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: page.landscape ? 5 : (page.mn ? 3 : 1)  // vertical Mongolian is tall and narrow
                        columnSpacing: Theme.gap
                        rowSpacing: Theme.gap / 2
                        Repeater {
                            model: page.v.levels || []
                            delegate: KButton {
                                required property string modelData
                                required property int index
                                readonly property bool chosen: page.v.level === modelData
                                objectName: "level_" + modelData
                                Layout.fillWidth: true
                                Layout.preferredHeight: page.landscape || page.mn ? implicitHeight : Theme.target
                                primary: chosen
                                // stars beside the words (not in Mongolian: its columns need the width)
                                icon: (chosen ? "✓ " : "") + (page.mn ? "" : page.stars(index))
                                src: FeedbackTexts.level(modelData)
                                onClicked: feedback.rating.act("level", modelData)
                            }
                        }
                    }
                    KText { Layout.fillWidth: true; bold: true; src: QT_TRANSLATE_NOOP("Zizhu", "可选：您想评价哪些方面？（可多选）") }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: page.landscape ? 4 : 2
                        columnSpacing: Theme.gap
                        rowSpacing: Theme.gap / 2
                        Repeater {
                            model: page.v.tagCodes || []
                            delegate: KButton {
                                required property string modelData
                                readonly property bool chosen: (page.v.tags || []).indexOf(modelData) >= 0
                                objectName: "tag_" + modelData
                                Layout.fillWidth: true
                                primary: chosen
                                icon: chosen ? "✓" : ""
                                src: FeedbackTexts.tag(modelData)
                                onClicked: feedback.rating.act("tag", modelData)
                            }
                        }
                    }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "评价自愿，不记录您的身份信息") }
                }
            }
        }
        KText {
            objectName: "ratingError"
            Layout.fillWidth: true
            visible: !!page.v.error
            color: Theme.danger
            bold: true
            src: FeedbackTexts.reason(page.v.error || "")
        }
        KText {
            visible: page.v.state === "error"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "人工窗口：%1")
            args: [kiosk.hall.staffedWindow || ""]
        }
        KText {
            objectName: "ratingSending"
            visible: page.v.state === "sending"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "正在提交，请稍候…")
        }
        RowLayout {
            visible: page.choosing
            Layout.fillWidth: true
            spacing: Theme.gap
            KButton {
                objectName: "ratingSubmit"
                Layout.fillWidth: true
                src: page.v.state === "error" ? QT_TRANSLATE_NOOP("Zizhu", "重新提交") : QT_TRANSLATE_NOOP("Zizhu", "提交评价")
                onClicked: feedback.rating.act("submit")
            }
            KButton {
                objectName: "ratingSkip"
                Layout.fillWidth: true
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "跳过")
                onClicked: { feedback.rating.act("skip"); page.finished() }
            }
        }
        KButton {
            objectName: "ratingHome"
            visible: page.v.state === "sent" || page.v.state === "already"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "返回首页")
            onClicked: { feedback.rating.act("skip"); page.finished() }
        }
    }
}
