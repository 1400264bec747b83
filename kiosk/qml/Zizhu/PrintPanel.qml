import QtQuick
import QtQuick.Layouts

// Print a slip, or — when the printer cannot — scan the QR code instead. Says which, in words.
ColumnLayout {
    id: panel
    property var v: ({})          // the flow's view: printState, printError, printer
    property string qr: ""        // what the QR code holds (a public URL)
    property string printLabel
    signal printRequested()
    spacing: Theme.gap
    readonly property string blocked: v.printer || ""
    KText {
        objectName: "printerBlocked"
        Layout.fillWidth: true
        visible: panel.blocked !== "" && panel.v.printState !== "failed"
        color: Theme.danger
        bold: true
        src: Texts.reason(panel.blocked)
    }
    KText {
        objectName: "printStatus"
        Layout.fillWidth: true
        visible: panel.v.printState !== "" && panel.v.printState !== undefined
        color: panel.v.printState === "failed" ? Theme.danger : Theme.text
        bold: true
        src: panel.v.printState === "printing" ? QT_TRANSLATE_NOOP("Zizhu", "正在打印，请稍候…")
             : panel.v.printState === "printed" ? QT_TRANSLATE_NOOP("Zizhu", "打印完成，请取走凭条")
             : Texts.reason(panel.v.printError || "")
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap
        Image {
            objectName: "qrCode"
            visible: panel.qr !== ""
            source: panel.qr !== "" ? "image://qr/" + encodeURIComponent(panel.qr) : ""
            sourceSize.width: Theme.target * 2.4
            sourceSize.height: Theme.target * 2.4
            Layout.preferredWidth: Theme.target * 2.4
            Layout.preferredHeight: Theme.target * 2.4
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTranslate("Zizhu", "扫码查看")
        }
        ColumnLayout {
            Layout.fillWidth: true
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "手机扫码查看，可随时查阅") }
            KButton {
                objectName: "printButton"
                Layout.fillWidth: true
                src: panel.printLabel
                icon: "🖨"
                enabled: panel.blocked === "" && panel.v.printState !== "printing"
                reason: panel.blocked !== "" ? QT_TRANSLATE_NOOP("Zizhu", "打印暂不可用") : ""
                onClicked: panel.printRequested()
            }
        }
    }
}
