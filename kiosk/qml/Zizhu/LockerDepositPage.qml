import QtQuick
import QtQuick.Layouts

// 材料存放: a case chosen by its number or by the ID card, a free slot opens, the materials go in,
// the door is closed, and the receipt prints with the code the staff open the slot with.
KPage {
    id: page
    name: "deposit"
    title: QT_TRANSLATE_NOOP("Zizhu", "材料存放")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请输入办件编号，或使用身份证查询要存放材料的办件")
    readonly property var v: locker.deposit.view
    readonly property string st: v.state || ""
    readonly property var c: v.case || ({})
    Component.onCompleted: locker.deposit.act("open")
    property string said: ""
    onVChanged: {
        var st = v.state || ""  // not page.st: its binding may not have caught up yet
        var words = st === "door_open" ? "请放入材料，并随手关好柜门"
                  : st === "done" ? "材料已存放"
                  : v.error ? LockerTexts.reason(v.error) : ""
        var key = st + "/" + (v.error || "")
        if (words !== "" && key !== said) kiosk.say(qsTranslate("Zizhu", words))
        said = key
    }

    // The words over the pad: the error and what to type.
    component Notes: ColumnLayout {
        id: notes
        property bool label: false
        spacing: Theme.gap
        KText {
            objectName: "depositError"
            Layout.fillWidth: true
            visible: !!page.v.error
            color: Theme.danger
            bold: true
            src: LockerTexts.reason(page.v.error || "")
        }
        KText { Layout.fillWidth: true; visible: notes.label; src: QT_TRANSLATE_NOOP("Zizhu", "办件编号") }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: col.implicitHeight + 2 * Theme.pad
        clip: true
        ColumnLayout {
            id: col
            x: Theme.pad
            y: Theme.pad
            width: page.width - 2 * Theme.pad
            spacing: Theme.gap

            Notes {  // above the pad; beside it in landscape, where the pad needs the height
                Layout.fillWidth: true
                visible: !(page.landscape && page.st === "start")
                label: page.st === "start"
            }
            KText {
                visible: page.st === "loading"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
            }
            GridLayout {
                visible: page.st === "start"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.target
                        radius: Theme.radius
                        border.color: Theme.primary
                        border.width: 2
                        color: Theme.bg
                        DataText {
                            objectName: "depositNumber"
                            anchors.verticalCenter: parent.verticalCenter
                            x: Theme.pad
                            text: page.v.number || ""
                            font.pixelSize: Theme.heading
                            font.letterSpacing: 2
                        }
                    }
                    NumPad {
                        Layout.fillWidth: true
                        onKey: (k) => locker.deposit.act("key", k)
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    Notes { Layout.fillWidth: true; visible: page.landscape; label: true }
                    KButton {
                        objectName: "depositFindNumber"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "查询")
                        enabled: (page.v.number || "").length > 0
                        onClicked: locker.deposit.act("findNumber")
                    }
                    KButton {
                        objectName: "depositFindByCard"
                        Layout.fillWidth: true
                        primary: false
                        src: QT_TRANSLATE_NOOP("Zizhu", "用身份证查询我的办件")
                        enabled: page.v.hasCard === true
                        reason: page.v.hasCard ? "" : QT_TRANSLATE_NOOP("Zizhu", "请先在首页放置身份证")
                        onClicked: locker.deposit.act("findByCard")
                    }
                }
            }
            KText {
                Layout.fillWidth: true
                visible: page.st === "list" && (page.v.cases || []).length === 0
                src: QT_TRANSLATE_NOOP("Zizhu", "没有可存放材料的办件")
            }
            Repeater {
                model: page.st === "list" ? (page.v.cases || []) : []
                delegate: Rectangle {
                    id: crow
                    required property var modelData
                    objectName: "depositCase_" + modelData.caseNo
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.target, ccol.implicitHeight + Theme.pad)
                    radius: Theme.radius
                    color: Theme.card
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.matter + " " + modelData.caseNo
                    Accessible.onPressAction: locker.deposit.act("choose", modelData.caseNo)
                    ColumnLayout {
                        id: ccol
                        anchors.verticalCenter: parent.verticalCenter
                        x: Theme.pad
                        width: parent.width - 2 * Theme.pad
                        DataText { Layout.fillWidth: true; text: crow.modelData.matter; font.bold: true }
                        DataText { Layout.fillWidth: true; text: crow.modelData.caseNo }
                        KText { Layout.fillWidth: true; src: Texts.status(crow.modelData.status) }
                    }
                    MouseArea { anchors.fill: parent; onClicked: locker.deposit.act("choose", crow.modelData.caseNo) }
                }
            }
            GridLayout {  // the case, and beside it in landscape (where vertical Mongolian is tall) the buttons
                visible: page.st === "confirm"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    DataText { objectName: "depositMatter"; Layout.fillWidth: true; text: page.c.matter || ""; font.pixelSize: Theme.heading; font.bold: true }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "办件编号：%1"); args: [page.c.caseNo || ""] }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "申请人：%1"); args: [page.c.applicant || ""] }
                    KText { Layout.fillWidth: true; src: Texts.status(page.c.status || "") }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KText { Layout.fillWidth: true; bold: true; src: QT_TRANSLATE_NOOP("Zizhu", "确认后将打开一个空格口，请放入材料并关好柜门") }
                    KButton {
                        objectName: "depositStart"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "打开格口存放材料")
                        onClicked: locker.deposit.act("deposit")
                    }
                    KButton {
                        objectName: "depositBack"
                        Layout.fillWidth: true
                        primary: false
                        src: QT_TRANSLATE_NOOP("Zizhu", "返回")
                        onClicked: locker.deposit.act("back")
                    }
                }
            }
            LockerSteps {
                visible: page.st !== "done"
                Layout.fillWidth: true
                v: page.v
                doorText: QT_TRANSLATE_NOOP("Zizhu", "请放入材料，并随手关好柜门")
            }
            GridLayout {  // the receipt's facts, and beside them in landscape its print state and 完成
                visible: page.st === "done"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KText { objectName: "depositDone"; Layout.fillWidth: true; heading: true; src: QT_TRANSLATE_NOOP("Zizhu", "材料已存放") }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "办件编号：%1"); args: [page.c.caseNo || ""] }
                    KText { objectName: "depositCode"; Layout.fillWidth: true; bold: true
                            src: QT_TRANSLATE_NOOP("Zizhu", "工作人员取件码：%1"); args: [page.v.retrievalCode || ""] }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "取件码已印在凭条上，工作人员凭此取出材料") }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    LockerSteps { Layout.fillWidth: true; v: page.v }
                    KButton {
                        objectName: "depositFinish"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "完成并退出")
                        onClicked: kiosk.completed()
                    }
                }
            }
            KButton {
                objectName: "depositBack"
                visible: page.st === "list" || page.st === "error"
                Layout.fillWidth: true
                primary: false
                src: page.st === "list" ? QT_TRANSLATE_NOOP("Zizhu", "按办件编号查询") : QT_TRANSLATE_NOOP("Zizhu", "返回")
                onClicked: locker.deposit.act("back")
            }
        }
    }
}
