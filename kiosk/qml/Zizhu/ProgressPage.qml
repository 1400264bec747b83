import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// 办件查询: the case number on a large pad, or the citizen's cases by the ID card.
KPage {
    id: page
    name: "progress"
    title: QT_TRANSLATE_NOOP("Zizhu", "办件查询")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请输入办件编号，或使用身份证查询")
    signal openCase()
    readonly property var v: kiosk.progress.view
    Component.onCompleted: kiosk.progress.act("open")
    property string lastState: ""
    onVChanged: {
        if (v.state === "case" && lastState !== "case" && page.StackView.status === StackView.Active) page.openCase()  // on entering the state, not on every refresh
        lastState = v.state
        if (v.error) kiosk.say(qsTranslate("Zizhu", Texts.reason(v.error)))
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        spacing: Theme.gap
        KText {
            objectName: "progressError"
            Layout.fillWidth: true
            visible: page.v.state === "error"
            color: Theme.danger
            bold: true
            src: Texts.reason(page.v.error || "")
        }
        KText {
            visible: page.v.state === "loading"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
        }
        GridLayout {
            visible: page.v.state === "start" || page.v.state === "error" || page.v.state === "case"
            Layout.fillWidth: true
            columns: page.landscape ? 2 : 1
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "办件编号") }
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: Theme.target
                    radius: Theme.radius
                    border.color: Theme.primary
                    border.width: 2
                    color: Theme.bg
                    DataText {
                        objectName: "caseNumber"
                        anchors.verticalCenter: parent.verticalCenter
                        x: Theme.pad
                        text: page.v.number || ""
                        font.pixelSize: Theme.heading
                        font.letterSpacing: 2
                    }
                }
                NumPad {
                    Layout.fillWidth: true
                    onKey: (k) => kiosk.progress.act("key", k)
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                KButton {
                    objectName: "findNumber"
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "查询")
                    enabled: (page.v.number || "").length > 0
                    onClicked: kiosk.progress.act("findNumber")
                }
                KButton {
                    objectName: "findByCard"
                    Layout.fillWidth: true
                    primary: false
                    src: QT_TRANSLATE_NOOP("Zizhu", "用身份证查询我的办件")
                    enabled: page.v.hasCard === true
                    reason: page.v.hasCard ? "" : (kiosk.availability.idcard ? Texts.reason(kiosk.availability.idcard)
                                                                             : QT_TRANSLATE_NOOP("Zizhu", "请先在首页放置身份证"))
                    onClicked: kiosk.progress.act("findByCard")
                }
            }
        }
        ListView {
            id: cases
            objectName: "caseList"
            visible: page.v.state === "list"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap / 2
            model: page.v.cases || []
            header: KText {
                width: cases.width
                visible: (page.v.cases || []).length === 0
                height: visible ? implicitHeight : 0
                src: QT_TRANSLATE_NOOP("Zizhu", "未查询到您的办件")
            }
            delegate: Rectangle {
                id: crow
                required property var modelData
                objectName: "case_" + modelData.caseNo
                width: cases.width
                height: Math.max(Theme.target, ccol.implicitHeight + Theme.pad)
                radius: Theme.radius
                color: Theme.card
                Accessible.role: Accessible.Button
                Accessible.name: modelData.matter + " " + modelData.caseNo
                Accessible.onPressAction: kiosk.progress.act("choose", modelData.caseNo)
                ColumnLayout {
                    id: ccol
                    anchors.verticalCenter: parent.verticalCenter
                    x: Theme.pad
                    width: parent.width - 2 * Theme.pad
                    DataText { Layout.fillWidth: true; text: crow.modelData.matter; font.bold: true }
                    DataText { Layout.fillWidth: true; text: crow.modelData.caseNo }
                    KText { Layout.fillWidth: true; src: Texts.status(crow.modelData.status) }
                }
                MouseArea { anchors.fill: parent; onClicked: kiosk.progress.act("choose", crow.modelData.caseNo) }
            }
        }
        Item { Layout.fillHeight: page.v.state !== "list" }
        KButton {
            objectName: "progressAgain"
            visible: page.v.state === "list"
            Layout.fillWidth: true
            primary: false
            src: QT_TRANSLATE_NOOP("Zizhu", "按办件编号查询")
            onClicked: kiosk.progress.act("open")
        }
    }
}
