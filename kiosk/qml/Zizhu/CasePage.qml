import QtQuick
import QtQuick.Layouts

// One case: status, steps, the promised deadline in working days, what is missing, the slip.
KPage {
    id: page
    name: "case"
    title: QT_TRANSLATE_NOOP("Zizhu", "办件进度")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "这是您的办件进度，可打印进度凭条或扫码查看")
    signal back()
    signal openMailing(string caseNo)  // 政务专递, when the case is applied for or ready
    readonly property var v: kiosk.progress.view
    readonly property var c: v.case || ({})
    onVChanged: if (v.printState === "printed") kiosk.say(qsTranslate("Zizhu", "打印完成，请取走凭条"))
                else if (v.printError) kiosk.say(qsTranslate("Zizhu", Texts.reason(v.printError)))

    // Scrolls when the page is longer than the screen (Mongolian columns, elderly sizes, many steps):
    // the slip, 邮寄送达 and 返回 stay in reach.
    Flickable {
        id: flick
        objectName: "caseFlick"
        anchors.fill: parent
        contentHeight: col.height + 2 * Theme.pad
        clip: true
        ColumnLayout {
            id: col
            x: Theme.pad
            y: Theme.pad
            width: flick.width - 2 * Theme.pad
            height: Math.max(implicitHeight, flick.height - 2 * Theme.pad)
            spacing: Theme.gap
            DataText { objectName: "caseMatter"; Layout.fillWidth: true; text: page.c.matter || ""; font.pixelSize: Theme.heading; font.bold: true }
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "办件编号：%1"); args: [page.c.caseNo || ""] }
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "申请人：%1"); args: [page.c.applicant || ""] }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: st.implicitHeight + Theme.pad
                radius: Theme.radius
                color: Theme.secondaryBg
                KText { id: st; objectName: "caseStatus"; anchors.centerIn: parent; width: parent.width - Theme.pad; heading: true; color: Theme.fgSecondary; src: Texts.status(page.c.status || "") }
            }
            KText {
                objectName: "caseDeadline"
                Layout.fillWidth: true
                bold: true
                src: page.c.deadlineCode === "ok" ? QT_TRANSLATE_NOOP("Zizhu", "承诺办结日期：%1（按工作日计算）")
                     : page.c.deadlineCode === "unknown_year" ? QT_TRANSLATE_NOOP("Zizhu", "%1年法定节假日安排尚未公布，办结日期请以窗口告知为准")
                     : page.c.deadlineCode === "no_limit" ? QT_TRANSLATE_NOOP("Zizhu", "办结日期请以窗口告知为准")
                     : QT_TRANSLATE_NOOP("Zizhu", "已办结")
                args: [page.c.deadline || ""]
            }
            KText { Layout.fillWidth: true; visible: !!page.c.pickup; src: QT_TRANSLATE_NOOP("Zizhu", "领取方式：%1"); args: [page.c.pickup || ""] }
            KText { Layout.fillWidth: true; visible: (page.c.missing || []).length > 0; src: QT_TRANSLATE_NOOP("Zizhu", "需补正的材料"); bold: true; color: Theme.danger }
            Repeater {
                model: page.c.missing || []
                delegate: DataText { required property var modelData; Layout.fillWidth: true; text: "· " + modelData.name + "：" + modelData.problem }
            }
            KText { Layout.fillWidth: true; visible: !!page.c.refusal; src: QT_TRANSLATE_NOOP("Zizhu", "不予受理理由：%1"); args: [page.c.refusal || ""] }
            ListView {
                objectName: "caseSteps"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: contentHeight  // every step: the page scrolls, not the list
                interactive: false
                spacing: Theme.gap / 2
                model: page.c.steps || []
                delegate: DataText {
                    required property var modelData
                    width: ListView.view.width
                    text: modelData.time + "  " + modelData.step + "：" + modelData.result + (modelData.by ? "（" + modelData.by + "）" : "")
                }
            }
            PrintPanel {
                Layout.fillWidth: true
                v: page.v
                qr: page.c.progressUrl || kiosk.hall.guideUrl || ""
                printLabel: QT_TRANSLATE_NOOP("Zizhu", "打印进度凭条")
                onPrintRequested: kiosk.progress.act("print")
            }
            KButton {
                objectName: "caseMailing"
                visible: page.c.mailable === true
                Layout.fillWidth: true
                primary: false
                icon: "✉"
                src: QT_TRANSLATE_NOOP("Zizhu", "邮寄送达（政务专递，免费）")
                onClicked: page.openMailing(page.c.caseNo)
            }
            KButton { objectName: "caseBack"; Layout.fillWidth: true; primary: false; src: QT_TRANSLATE_NOOP("Zizhu", "返回"); onClicked: page.back() }
        }
    }
}
