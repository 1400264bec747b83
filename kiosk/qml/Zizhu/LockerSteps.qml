import QtQuick
import QtQuick.Layouts

// What pickup and deposit share once a slot is chosen: opening, the open door, recording, and the
// slip's state when done. Says everything in words; the slot number is large.
ColumnLayout {
    id: steps
    property var v: ({})
    property string doorText      // what to do at the open door (a source string)
    spacing: Theme.gap
    readonly property string st: v.state || ""
    KText {
        objectName: "lockerOpening"
        Layout.fillWidth: true
        visible: steps.st === "opening"
        heading: true
        src: QT_TRANSLATE_NOOP("Zizhu", "正在打开格口，请稍候…")
    }
    Rectangle {
        objectName: "lockerDoorOpen"
        Layout.fillWidth: true
        visible: steps.st === "door_open"
        implicitHeight: doorCol.implicitHeight + 2 * Theme.pad
        radius: Theme.radius
        color: Theme.warningBg
        ColumnLayout {
            id: doorCol
            anchors.fill: parent
            anchors.margins: Theme.pad
            spacing: Theme.gap
            KText {
                Layout.fillWidth: true
                heading: true
                color: Theme.fgWarning
                pixelSize: Theme.title
                src: QT_TRANSLATE_NOOP("Zizhu", "%1号格口已打开")
                args: [steps.v.slot || ""]
            }
            KText { Layout.fillWidth: true; color: Theme.fgWarning; bold: true; src: steps.doorText }
        }
    }
    KText {
        Layout.fillWidth: true
        visible: steps.st === "recording"
        heading: true
        src: QT_TRANSLATE_NOOP("Zizhu", "正在登记，请稍候…")
    }
    KText {
        objectName: "lockerPrintStatus"
        Layout.fillWidth: true
        visible: steps.st === "done" && (steps.v.printState || "") !== ""
        color: steps.v.printState === "failed" ? Theme.danger : Theme.text
        bold: true
        src: steps.v.printState === "printing" ? QT_TRANSLATE_NOOP("Zizhu", "正在打印，请稍候…")
             : steps.v.printState === "printed" ? QT_TRANSLATE_NOOP("Zizhu", "打印完成，请取走凭条")
             : Texts.reason(steps.v.printError || "")
    }
}
