import QtQuick
import QtQuick.Layouts

// Always on top: the page's title, 🔊 (repeat), 首页 and 结束 while a session runs.
Rectangle {
    id: bar
    property string title
    property bool home: true
    signal speak()
    signal goHome()
    color: Theme.bar
    implicitHeight: row.implicitHeight + Theme.pad
    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.pad / 2
        spacing: Theme.gap
        KText {
            Layout.fillWidth: true
            src: bar.title
            heading: true
            color: Theme.fgBar
        }
        KButton {
            objectName: "speakButton"
            src: QT_TRANSLATE_NOOP("Zizhu", "朗读")
            icon: "🔊"
            primary: false
            onClicked: bar.speak()
        }
        KButton {
            objectName: "homeButton"
            visible: !bar.home
            src: QT_TRANSLATE_NOOP("Zizhu", "首页")
            primary: false
            onClicked: bar.goHome()
        }
        KButton {
            objectName: "endButton"
            visible: kiosk.sessionState !== "idle"
            src: QT_TRANSLATE_NOOP("Zizhu", "结束")
            danger: true
            onClicked: kiosk.endSession()
        }
    }
}
