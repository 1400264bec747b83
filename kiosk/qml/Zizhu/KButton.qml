import QtQuick

// A touch target: at least Theme.target square, its words (and why it is off) always in text,
// never colour alone; named for the accessibility tree.
Rectangle {
    id: root
    property string src
    property var args: []
    property string reason: ""      // why it is greyed out (a source string)
    property bool primary: true
    property bool danger: false
    property string icon: ""
    signal clicked()

    readonly property color fg: !enabled ? Theme.fgDisabled : (primary || danger ? Theme.fgPrimary : Theme.fgSecondary)
    implicitWidth: Math.max(Theme.target, content.implicitWidth + 2 * Theme.pad)
    implicitHeight: Math.max(Theme.target, content.implicitHeight + Theme.pad)
    radius: Theme.radius
    color: !enabled ? Theme.disabledBg : (danger ? Theme.danger : (primary ? Theme.primary : Theme.secondaryBg))
    border.width: 2
    border.color: enabled ? Theme.primary : Theme.muted

    Accessible.role: Accessible.Button
    Accessible.name: label.shown + (reason !== "" ? "：" + qsTranslate("Zizhu", reason) : "")
    Accessible.onPressAction: if (root.enabled) root.clicked()

    Column {
        id: content
        anchors.centerIn: parent
        width: Math.min(implicitWidth, root.width - Theme.pad)
        spacing: 4
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.gap / 2
            Text {
                visible: root.icon !== ""
                anchors.verticalCenter: parent.verticalCenter
                text: root.icon
                color: root.fg
                font.pixelSize: Theme.heading
            }
            KText {
                id: label
                anchors.verticalCenter: parent.verticalCenter
                src: root.src
                args: root.args
                color: root.fg
                bold: true
                wrap: false
            }
        }
        KText {
            visible: root.reason !== ""
            anchors.horizontalCenter: parent.horizontalCenter
            src: root.reason
            color: root.fg
            pixelSize: Theme.small
            wrap: false
        }
    }
    MouseArea {
        anchors.fill: parent
        onClicked: root.clicked()
    }
}
