import QtQuick

// Traditional Mongolian, top to bottom, columns left to right: each single-line column is rotated
// 90° clockwise (Qt has no vertical mode; a rotated multi-line Text would order its columns wrongly).
Row {
    id: root
    property string text
    property string template: text  // the words without filled-in data (the tests read it)
    property int pixelSize: Theme.body
    property color color: Theme.text
    property bool bold: false
    property int maxHeight: Theme.mnColumn
    spacing: 2
    Repeater {
        model: kiosk.mnColumns(root.text, root.pixelSize, root.maxHeight)
        delegate: Item {
            required property string modelData
            width: col.height
            height: col.width
            Text {
                id: col
                property bool kioskMongolian: true
                anchors.centerIn: parent
                rotation: 90
                text: parent.modelData
                color: root.color
                font.family: Theme.mongolianFont
                font.pixelSize: root.pixelSize
                font.bold: root.bold
            }
        }
    }
}
