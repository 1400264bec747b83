import QtQuick
import QtQuick.Layouts

// 文件柜取件: the pickup code on the large pad (shown as dots), the ID card of the holder or the
// authorised agent, then the slot opens; the page says what to do until the door is closed again.
KPage {
    id: page
    name: "pickup"
    title: QT_TRANSLATE_NOOP("Zizhu", "文件柜取件")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请输入取件码，然后放置身份证")
    readonly property var v: locker.pickup.view
    readonly property string st: v.state || ""
    Component.onCompleted: locker.pickup.act("open")
    property string said: ""
    onVChanged: {
        // Speak each new state's words once (the view is refreshed by device polls too).
        var st = v.state || ""  // not page.st: its binding may not have caught up yet
        var words = st === "door_open" ? "请取出您的物品，并随手关好柜门"
                  : st === "card" && !v.error ? "请放置领取人或受托人的身份证"
                  : st === "locked" ? "取件码已连续输错5次，该件已锁定"
                  : st === "done" ? "取件完成"
                  : v.error ? LockerTexts.reason(v.error) : ""
        var key = st + "/" + (v.error || "")
        if (words !== "" && key !== said) kiosk.say(qsTranslate("Zizhu", words))
        said = key
    }

    // The words over the pad: the error, the tries left, what to type.
    component Notes: ColumnLayout {
        id: notes
        property bool label: false
        spacing: Theme.gap
        KText {
            objectName: "pickupError"
            Layout.fillWidth: true
            visible: !!page.v.error
            color: Theme.danger
            bold: true
            src: LockerTexts.reason(page.v.error || "")
        }
        KText {
            objectName: "pickupAttempts"
            Layout.fillWidth: true
            visible: page.v.error === "pickup_wrong_code"
            color: Theme.danger
            src: QT_TRANSLATE_NOOP("Zizhu", "还可输入%1次")
            args: [String(page.v.attemptsLeft || 0)]
        }
        KText { Layout.fillWidth: true; visible: notes.label; src: QT_TRANSLATE_NOOP("Zizhu", "取件码（见短信通知）") }
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
                            objectName: "pickupCode"
                            anchors.verticalCenter: parent.verticalCenter
                            x: Theme.pad
                            text: "●".repeat(page.v.codeLength || 0)
                            font.pixelSize: Theme.heading
                            font.letterSpacing: 6
                        }
                    }
                    NumPad {
                        Layout.fillWidth: true
                        onKey: (k) => locker.pickup.act("key", k)
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    Notes { Layout.fillWidth: true; visible: page.landscape; label: true }
                    KButton {
                        objectName: "pickupSubmit"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "确定")
                        enabled: (page.v.codeLength || 0) > 0
                        onClicked: locker.pickup.act("submit")
                    }
                    KText {
                        Layout.fillWidth: true
                        src: page.v.hasCard ? QT_TRANSLATE_NOOP("Zizhu", "将核对您已放置的身份证")
                                            : QT_TRANSLATE_NOOP("Zizhu", "确定后请放置领取人或受托人的身份证")
                    }
                }
            }
            KText {
                objectName: "pickupPlaceCard"
                Layout.fillWidth: true
                visible: page.st === "card"
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请放置领取人或受托人的身份证")
            }
            KText {
                Layout.fillWidth: true
                visible: page.st === "checking"
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "正在核对，请稍候…")
            }
            KButton {
                objectName: "pickupOtherCard"
                visible: page.st === "mismatch"
                Layout.fillWidth: true
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "换一张证件")
                onClicked: locker.pickup.act("otherCard")
            }
            Rectangle {
                objectName: "pickupLocked"
                visible: page.st === "locked"
                Layout.fillWidth: true
                implicitHeight: lockCol.implicitHeight + 2 * Theme.pad
                radius: Theme.radius
                color: Theme.warningBg
                ColumnLayout {
                    id: lockCol
                    anchors.fill: parent
                    anchors.margins: Theme.pad
                    spacing: Theme.gap
                    KText { Layout.fillWidth: true; heading: true; color: Theme.fgWarning
                            src: QT_TRANSLATE_NOOP("Zizhu", "取件码已连续输错5次，该件已锁定") }
                    KText { Layout.fillWidth: true; color: Theme.fgWarning
                            src: QT_TRANSLATE_NOOP("Zizhu", "请到人工窗口办理：%1"); args: [kiosk.hall.staffedWindow || ""] }
                }
            }
            LockerSteps {
                visible: page.st !== "done"
                Layout.fillWidth: true
                v: page.v
                doorText: QT_TRANSLATE_NOOP("Zizhu", "请取出您的物品，并随手关好柜门")
            }
            GridLayout {  // what was collected, and beside it in landscape the slip's state and 完成
                visible: page.st === "done"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KText { objectName: "pickupDone"; Layout.fillWidth: true; heading: true; src: QT_TRANSLATE_NOOP("Zizhu", "取件完成") }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "取件物品：%1"); args: [(page.v.pickup || {}).item || ""] }
                    KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "办件编号：%1"); args: [(page.v.pickup || {}).caseNo || ""] }
                    KText { Layout.fillWidth: true; visible: !!(page.v.pickup || {}).agent
                            src: QT_TRANSLATE_NOOP("Zizhu", "受%1委托代领"); args: [(page.v.pickup || {}).holder || ""] }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    LockerSteps { Layout.fillWidth: true; v: page.v }
                    KButton {
                        objectName: "pickupFinish"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "完成并退出")
                        onClicked: kiosk.completed()
                    }
                }
            }
            KButton {
                objectName: "pickupAgain"
                visible: page.st === "error" && !page.v.doorOpen
                Layout.fillWidth: true
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "重新输入取件码")
                onClicked: locker.pickup.act("open")
            }
        }
    }
}
