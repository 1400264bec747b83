import QtQuick
import QtQuick.Layouts

// Before a session ends for inactivity: the seconds left and one large 继续 (WCAG 2.2.1).
Rectangle {
    id: root
    objectName: "countdown"
    visible: kiosk.sessionState === "warning"
    color: "#e6000000"
    MouseArea { objectName: "blocker"; anchors.fill: parent }  // nothing behind it takes a touch meanwhile
    onVisibleChanged: if (visible) kiosk.say(qsTranslate("Zizhu", "您还在吗？如需继续办理，请点击“继续”"))
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pad, col.implicitWidth + 4 * Theme.pad)
        height: col.implicitHeight + 4 * Theme.pad
        radius: Theme.radius
        color: Theme.bg
        ColumnLayout {
            id: col
            anchors.centerIn: parent
            width: parent.width - 4 * Theme.pad
            spacing: Theme.gap
            KText { Layout.fillWidth: true; heading: true; src: QT_TRANSLATE_NOOP("Zizhu", "您还在吗？") }
            KText {
                objectName: "countdownText"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "%1 秒后将结束本次办理并清除您的信息")
                args: [kiosk.secondsLeft]
            }
            KButton {
                objectName: "continueButton"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.target * 1.5
                src: QT_TRANSLATE_NOOP("Zizhu", "继续")
                enabled: kiosk.extensionsLeft > 0
                onClicked: kiosk.extend()
            }
        }
    }
}
