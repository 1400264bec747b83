import QtQuick
import QtQuick.Layouts

// A4打印: a blank form of a service item (自助打表) or a certificate of the card's holder (证明打印),
// printed on the A4 printer through CUPS; the job followed in words (kiosk/flows_a4.py).
KPage {
    id: page
    name: "a4"
    title: QT_TRANSLATE_NOOP("Zizhu", "表格和证明打印")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请选择要打印的表格或证明")
    signal finished()
    readonly property var v: kioskA4.view
    readonly property string st: v.state || ""
    Component.onCompleted: kioskA4.act("open")
    property string lastSaid: ""
    function say(src) { if (src !== "" && src !== lastSaid) { lastSaid = src; kiosk.say(qsTranslate("Zizhu", src)) } }
    onVChanged: {
        if (st === "error") say(A4Texts.reason(v.error || ""))
        else if (st === "card") say(QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区"))
        else if (st === "printing") say(v.held ? A4Texts.heldWords(v.held) : QT_TRANSLATE_NOOP("Zizhu", "正在打印，请稍候"))
        else if (st === "done") say(QT_TRANSLATE_NOOP("Zizhu", "打印完成，请在A4出纸口取走文件"))
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

            KText {
                objectName: "a4Error"
                Layout.fillWidth: true
                visible: page.st === "error"
                color: Theme.danger
                bold: true
                src: A4Texts.reason(page.v.error || "")
            }
            KText {
                objectName: "a4Window"
                Layout.fillWidth: true
                visible: page.st === "error"
                src: QT_TRANSLATE_NOOP("Zizhu", "人工窗口：%1；咨询电话：%2")
                args: [kiosk.hall.staffedWindow || "", kiosk.hall.hotline || ""]
            }

            // the menu
            KButton {
                objectName: "a4Forms"
                visible: page.st === "menu"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.target * 1.6, implicitHeight)
                src: QT_TRANSLATE_NOOP("Zizhu", "打印空白表格（自助打表）")
                onClicked: kioskA4.act("forms")
            }
            KText {
                visible: page.st === "menu"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "申请表等空白表格，打印后手工填写，免费")
            }
            KButton {
                objectName: "a4Certificates"
                visible: page.st === "menu"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.target * 1.6, implicitHeight)
                src: QT_TRANSLATE_NOOP("Zizhu", "打印证明（需读取身份证）")
                onClicked: kioskA4.act("certificates")
            }
            KText {
                visible: page.st === "menu"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "社保参保证明、户籍证明，带防伪验证码；打印后本机不保存")
            }

            KText {
                visible: page.st === "forms_loading" || page.st === "certs_loading" || page.st === "rendering"
                Layout.fillWidth: true
                src: page.st === "rendering" ? QT_TRANSLATE_NOOP("Zizhu", "正在生成文件，请稍候…")
                                             : QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
            }

            // the forms
            KText {
                visible: page.st === "forms"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请选择要打印的表格")
            }
            Repeater {
                model: page.v.forms || []
                delegate: Rectangle {
                    id: frow
                    required property var modelData
                    required property int index
                    objectName: "a4Form_" + index
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.target, fcol.implicitHeight + Theme.gap)
                    radius: Theme.radius
                    border.color: Theme.primary
                    border.width: 2
                    color: Theme.bg
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.title
                    Accessible.onPressAction: kioskA4.act("chooseForm", frow.modelData.key)
                    ColumnLayout {
                        id: fcol
                        anchors.fill: parent
                        anchors.margins: Theme.gap / 2
                        DataText { Layout.fillWidth: true; text: frow.modelData.title; font.bold: true }
                        DataText { Layout.fillWidth: true; text: frow.modelData.item + "　" + frow.modelData.department }
                    }
                    MouseArea { anchors.fill: parent; onClicked: kioskA4.act("chooseForm", frow.modelData.key) }
                }
            }

            // the certificates
            KText {
                visible: page.st === "certs"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请选择要打印的证明")
            }
            Repeater {
                model: page.v.kinds || []
                delegate: Rectangle {
                    id: krow
                    required property var modelData
                    objectName: "a4Cert_" + modelData.code
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.target, kcol.implicitHeight + Theme.gap)
                    radius: Theme.radius
                    border.color: Theme.primary
                    border.width: 2
                    color: Theme.bg
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.name
                    Accessible.onPressAction: kioskA4.act("chooseCertificate", krow.modelData.code)
                    ColumnLayout {
                        id: kcol
                        anchors.fill: parent
                        anchors.margins: Theme.gap / 2
                        DataText { Layout.fillWidth: true; text: krow.modelData.name; font.bold: true }
                        DataText { Layout.fillWidth: true; text: krow.modelData.issuer }
                        DataText { Layout.fillWidth: true; text: krow.modelData.note }
                    }
                    MouseArea { anchors.fill: parent; onClicked: kioskA4.act("chooseCertificate", krow.modelData.code) }
                }
            }

            // the card
            KText {
                objectName: "a4PlaceCard"
                visible: page.st === "card"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区")
            }
            KText {
                visible: page.st === "card" && !!page.v.error
                Layout.fillWidth: true
                color: Theme.danger
                src: Texts.reason(page.v.error || "")
            }

            // printing and done
            KText {
                objectName: "a4Printing"
                visible: page.st === "printing"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "正在打印，请稍候")
            }
            DataText {  // the platform's name of the document, shown as it comes (Chinese)
                visible: page.st === "printing"
                Layout.fillWidth: true
                text: page.v.title || ""
                font.bold: true
            }
            KText {
                objectName: "a4Held"
                visible: page.st === "printing"
                Layout.fillWidth: true
                color: page.v.held ? Theme.danger : Theme.text
                src: page.v.held ? A4Texts.heldWords(page.v.held) : QT_TRANSLATE_NOOP("Zizhu", "请稍候，不要离开")
            }
            KText {
                objectName: "a4Done"
                visible: page.st === "done"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "打印完成，请在A4出纸口取走文件")
            }
            DataText {
                visible: page.st === "done"
                Layout.fillWidth: true
                text: page.v.title || ""
                font.bold: true
            }
            KText {
                visible: page.st === "done"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "本机不保存打印的文件")
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                KButton {
                    objectName: "a4Back"
                    visible: page.st === "forms" || page.st === "certs" || page.st === "card" || (page.st === "error" && page.v.error.indexOf("a4printer_") !== 0)
                    Layout.fillWidth: true
                    primary: false
                    src: QT_TRANSLATE_NOOP("Zizhu", "返回")
                    onClicked: kioskA4.act("back")
                }
                KButton {
                    objectName: "a4Home"
                    visible: page.st !== "printing" && page.st !== "rendering"
                    Layout.fillWidth: true
                    primary: page.st === "done"
                    src: QT_TRANSLATE_NOOP("Zizhu", "返回首页")
                    // printed: the rating page comes first (as after every service), then home
                    onClicked: page.st === "done" && !page.v.rated ? kioskA4.act("finish") : page.finished()
                }
            }
        }
    }
}
