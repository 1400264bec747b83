import QtQuick
import QtQuick.Layouts

// The terminal cannot help now (the hall's outage notice, or the agent's out-of-service
// command): where a staffed window is, and the hotline. Covers everything.
Rectangle {
    id: root
    objectName: "closedScreen"
    readonly property string why: kiosk.availability.closed || ""
    visible: why !== ""
    color: Theme.bg
    onVisibleChanged: if (visible) kiosk.say(qsTranslate("Zizhu", "本终端暂停服务，请到人工窗口或其他终端办理"))
    MouseArea { objectName: "blocker"; anchors.fill: parent }
    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 4 * Theme.pad
        spacing: Theme.gap * 2
        KText { Layout.fillWidth: true; src: Texts.reason(root.why); pixelSize: Theme.title; bold: true; color: Theme.danger }
        DataText {
            Layout.fillWidth: true
            visible: text !== ""
            text: kiosk.availability.noticeTitle || ""
            font.pixelSize: Theme.heading
        }
        DataText { Layout.fillWidth: true; visible: text !== ""; text: kiosk.availability.noticeMessage || "" }
        KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "请到人工窗口或其他自助终端办理") }
        KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "人工窗口：%1"); args: [kiosk.hall.staffedWindow || ""] }
        KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "咨询电话：%1"); args: [kiosk.hall.hotline || ""]; heading: true }
    }
}
