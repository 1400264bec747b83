import QtQuick
import QtQuick.Layouts

// One item's whole guide (seed 002 第九条): every element, the QR code, the one-time slip.
KPage {
    id: page
    name: "guideItem"
    title: QT_TRANSLATE_NOOP("Zizhu", "办事指南详情")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "这是该事项的办事指南，可打印一次性告知书或扫码查看")
    signal back()
    readonly property var v: kiosk.guide.view
    readonly property var it: v.item || ({})
    onVChanged: if (v.printState === "printed") kiosk.say(qsTranslate("Zizhu", "打印完成，请取走凭条"))
                else if (v.printError) kiosk.say(qsTranslate("Zizhu", Texts.reason(v.printError)))

    component Field: ColumnLayout {
        property string label
        property string value
        Layout.fillWidth: true
        spacing: 2
        KText { Layout.fillWidth: true; src: parent.label; bold: true; color: Theme.primary }
        DataText { Layout.fillWidth: true; text: parent.value }
    }

    // A time limit in working days, in the citizen's language (0: 即办, done on the spot).
    component LimitField: ColumnLayout {
        property string label
        property int days
        Layout.fillWidth: true
        spacing: 2
        KText { Layout.fillWidth: true; src: parent.label; bold: true; color: Theme.primary }
        KText {
            Layout.fillWidth: true
            src: parent.days === 0 ? QT_TRANSLATE_NOOP("Zizhu", "即办") : QT_TRANSLATE_NOOP("Zizhu", "%1个工作日")
            args: [parent.days]
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        spacing: Theme.gap
        DataText {
            objectName: "itemName"
            Layout.fillWidth: true
            text: page.it.name + (page.it.subitem ? "（" + page.it.subitem + "）" : "")
            font.pixelSize: Theme.heading
            font.bold: true
        }
        Flickable {
            objectName: "guideDetail"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight
            clip: true
            ColumnLayout {
                id: body
                width: parent.width
                spacing: Theme.gap
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "事项类型"); value: page.it.type || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "实施主体"); value: page.it.authority || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "受理条件"); value: page.it.conditions || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "设定依据"); value: page.it.legalBasis || "" }
                LimitField { label: QT_TRANSLATE_NOOP("Zizhu", "法定办结时限"); days: page.it.legalDays || 0 }
                LimitField { label: QT_TRANSLATE_NOOP("Zizhu", "承诺办结时限"); days: page.it.promisedDays || 0 }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "收费标准及依据"); value: page.it.fees || "" }
                KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "所需材料"); bold: true; color: Theme.primary }
                Repeater {
                    model: page.it.materials || []
                    delegate: DataText {
                        required property var modelData
                        required property int index
                        Layout.fillWidth: true
                        text: (index + 1) + ". " + modelData.name + "（" + modelData.kind + "，" + modelData.copies + "份，"
                              + modelData.format + "；" + modelData.source + (modelData.sample ? "；" + modelData.sample : "") + "）"
                    }
                }
                KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "办理流程"); bold: true; color: Theme.primary }
                Repeater {
                    model: page.it.procedure || []
                    delegate: DataText {
                        required property var modelData
                        required property int index
                        Layout.fillWidth: true
                        text: (index + 1) + ". " + modelData
                    }
                }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "办理形式"); value: page.it.forms || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "办理地点"); value: page.it.place || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "办理时间"); value: page.it.hours || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "办理结果"); value: (page.it.result || "") + (page.it.resultSample ? "（" + page.it.resultSample + "）" : "") }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "咨询方式"); value: page.it.consult || "" }
                Field { label: QT_TRANSLATE_NOOP("Zizhu", "监督投诉方式"); value: page.it.supervise || "" }
            }
        }
        PrintPanel {
            Layout.fillWidth: true
            v: page.v
            qr: page.it.guideUrl || ""
            printLabel: QT_TRANSLATE_NOOP("Zizhu", "打印一次性告知书")
            onPrintRequested: kiosk.guide.act("print")
        }
        KButton {
            objectName: "itemBack"
            Layout.fillWidth: true
            primary: false
            src: QT_TRANSLATE_NOOP("Zizhu", "返回")
            onClicked: page.back()
        }
    }
}
