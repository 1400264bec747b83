import QtQuick
import QtQuick.Layouts

KPage {
    id: page
    name: "identity"
    title: QT_TRANSLATE_NOOP("Zizhu", "读取身份证")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区，不要移动")
    signal done()
    readonly property var v: kiosk.identity.view
    onVChanged: if (v.error) kiosk.say(qsTranslate("Zizhu", Texts.reason(v.error)))

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        spacing: Theme.gap * 2
        KText {
            objectName: "identityState"
            Layout.fillWidth: true
            heading: true
            src: page.v.state === "done" ? QT_TRANSLATE_NOOP("Zizhu", "读取成功")
                 : page.v.state === "error" ? QT_TRANSLATE_NOOP("Zizhu", "未能读取证件")
                 : QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区")
        }
        KText {
            objectName: "identityError"
            Layout.fillWidth: true
            visible: page.v.state === "error"
            color: Theme.danger
            bold: true
            src: Texts.reason(page.v.error || "")
        }
        ColumnLayout {
            visible: page.v.state === "done"
            Layout.fillWidth: true
            spacing: Theme.gap
            KText { Layout.fillWidth: true; src: Texts.cardKind((page.v.card || {}).kind || "") }
            KText { objectName: "cardName"; Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "姓名：%1"); args: [(page.v.card || {}).name || ""] }
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "证件号码：%1"); args: [(page.v.card || {}).number || ""] }
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "有效期至：%1"); args: [(page.v.card || {}).validTo || ""] }
        }
        Item { Layout.fillHeight: true }
        KButton {
            objectName: "identityRetry"
            visible: page.v.state === "error"
            Layout.fillWidth: true
            primary: false
            src: QT_TRANSLATE_NOOP("Zizhu", "重新读取")
            onClicked: kiosk.identity.act("start")
        }
        KButton {
            objectName: "identityDone"
            visible: page.v.state === "done"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "选择业务")
            onClicked: page.done()
        }
    }
}
