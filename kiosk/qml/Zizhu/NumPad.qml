import QtQuick
import QtQuick.Layouts

// The large numeric pad for case numbers and phone numbers.
GridLayout {
    id: pad
    signal key(string k)
    columns: 3
    rowSpacing: Theme.gap
    columnSpacing: Theme.gap
    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        delegate: KButton {
            required property string modelData
            objectName: "key_" + modelData
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.target
            primary: false
            src: modelData === "clear" ? QT_TRANSLATE_NOOP("Zizhu", "清空")
                 : modelData === "back" ? QT_TRANSLATE_NOOP("Zizhu", "退格") : modelData
            onClicked: pad.key(modelData)
        }
    }
}
