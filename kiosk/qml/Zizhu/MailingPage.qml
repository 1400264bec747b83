import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// 政务专递 (free mailing of a case's documents), one step at a time: the card (the case must be the
// holder's), the region on three lists (province, city, district), the street on the Pinyin
// keyboard, the recipient (the card holder by default), the phone on the pad, the confirmation
// (the address in full, for the citizen to check: masked everywhere else), then the request number
// and its slip. Everything personal is wiped when the session ends (kiosk/flows_mailing.py).
KPage {
    id: page
    name: "mailing"
    title: QT_TRANSLATE_NOOP("Zizhu", "政务专递")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "办件结果可免费邮寄到家，请按提示填写邮寄信息")
    signal finished()
    readonly property var v: kioskMailing.view
    readonly property string st: v.state || ""
    readonly property bool typing: st === "street" || st === "recipient"
    // opened by who shows it (Main.qml): kioskMailing.act("open", the case's number or "")
    property string lastState: ""
    onVChanged: {
        const now = v.state || ""  // not st: its binding may not be re-evaluated yet here
        if (now !== lastState) {
            Qt.inputMethod.hide()
            if (lastState !== "") kiosk.say(qsTranslate("Zizhu", stepPrompt(now)))
            if (now === "street" && streetField.text !== (v.street || "")) streetField.text = v.street || ""
            if (now === "recipient" && recipientField.text !== (v.recipient || "")) recipientField.text = v.recipient || ""
        }
        lastState = now
        if (v.error) kiosk.say(qsTranslate("Zizhu", MailingTexts.reason(v.error)))
    }
    function speakPrompt() { kiosk.say(qsTranslate("Zizhu", stepPrompt(st))) }
    function stepPrompt(s) {
        return s === "card" ? QT_TRANSLATE_NOOP("Zizhu", "请将申请人本人的身份证放在读卡区")
             : s === "loading" ? QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
             : s === "cases" ? QT_TRANSLATE_NOOP("Zizhu", "请选择要邮寄结果的办件")
             : s === "region" ? QT_TRANSLATE_NOOP("Zizhu", "请依次选择省、市、区县")
             : s === "street" ? QT_TRANSLATE_NOOP("Zizhu", "请输入详细地址（支持拼音输入）")
             : s === "recipient" ? QT_TRANSLATE_NOOP("Zizhu", "请确认收件人姓名，可以修改")
             : s === "phone" ? QT_TRANSLATE_NOOP("Zizhu", "请输入收件人联系电话")
             : s === "confirm" ? QT_TRANSLATE_NOOP("Zizhu", "请核对邮寄信息，确认后提交")
             : s === "sending" ? QT_TRANSLATE_NOOP("Zizhu", "正在提交，请稍候…")
             : s === "done" ? QT_TRANSLATE_NOOP("Zizhu", "申请已提交，结果文书将免费邮寄给您")
             : QT_TRANSLATE_NOOP("Zizhu", "暂时无法申请，请稍后重试或到人工窗口办理")
    }

    component Heading: KText { Layout.fillWidth: true; bold: true; color: Theme.primary }
    // One list of the region picker: large rows, the chosen one marked (not by colour alone: ✓).
    component RegionList: ColumnLayout {
        id: rl
        property string label
        property var rows: []
        property string chosen: ""
        property string kind
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 1
        spacing: Theme.gap / 2
        KText { Layout.fillWidth: true; bold: true; src: rl.label }
        ListView {
            id: lv
            objectName: "regionList_" + rl.kind
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: rl.rows
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AlwaysOn; width: 14 }
            delegate: Rectangle {
                id: row
                required property var modelData
                objectName: rl.kind + "_" + modelData.code
                readonly property bool on: modelData.code === rl.chosen
                width: lv.width - 18
                height: Math.max(Theme.target, rowText.implicitHeight + Theme.pad)
                radius: Theme.radius
                color: on ? Theme.primary : Theme.card
                border.color: Theme.primary
                border.width: on ? 0 : 1
                Accessible.role: Accessible.Button
                Accessible.name: modelData.name
                Accessible.onPressAction: kioskMailing.act(rl.kind, modelData.code)
                DataText {
                    id: rowText
                    anchors.verticalCenter: parent.verticalCenter
                    x: Theme.pad / 2
                    width: parent.width - Theme.pad
                    text: (row.on ? "✓ " : "") + row.modelData.name
                    color: row.on ? Theme.fgPrimary : Theme.text
                    font.bold: row.on
                }
                MouseArea { anchors.fill: parent; onClicked: kioskMailing.act(rl.kind, row.modelData.code) }
            }
            Component.onCompleted: positionChosen()
            onCountChanged: positionChosen()
            function positionChosen() {
                for (let i = 0; i < rl.rows.length; i++)
                    if (rl.rows[i].code === rl.chosen) { positionViewAtIndex(i, ListView.Contain); return }
            }
        }
    }
    component Field: TextField {
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.target
        font.pixelSize: Theme.body
        font.family: Theme.font
        color: Theme.text
        placeholderTextColor: Theme.muted
        inputMethodHints: Qt.ImhNoPredictiveText
        background: Rectangle { color: Theme.bg; border.color: Theme.primary; border.width: 2; radius: Theme.radius }
        onAccepted: Qt.inputMethod.hide()
    }
    component Line: ColumnLayout {  // one answer on the confirm step: its label, its value, 修改
        id: ln
        property string label
        property string value
        property string step
        property string name
        Layout.fillWidth: true
        spacing: 2
        RowLayout {
            Layout.fillWidth: true
            Heading { src: ln.label }
            KButton {
                objectName: "mailingEdit_" + ln.step
                visible: ln.step !== ""
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "修改")
                onClicked: kioskMailing.act("edit", ln.step)
            }
        }
        DataText { objectName: ln.name; Layout.fillWidth: true; text: ln.value; font.pixelSize: Theme.heading }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        // the on-screen keyboard rises over the window's bottom: the field and 下一步 stay above it
        anchors.bottomMargin: Theme.pad + (Qt.inputMethod.visible ? Qt.inputMethod.keyboardRectangle.height : 0)
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap * 2
            KText {
                objectName: "mailingStep"
                visible: (page.v.step || 0) > 0
                Layout.alignment: Qt.AlignTop
                color: Theme.primary
                bold: true
                wrap: false
                src: QT_TRANSLATE_NOOP("Zizhu", "第%1步，共%2步")
                args: [page.v.step || 0, page.v.steps || 0]
            }
            // body size in Mongolian: its vertical columns would take the page's height
            KText { Layout.fillWidth: true; heading: kiosk.language !== "mn"; bold: true; src: page.stepPrompt(page.st) }
        }
        DataText {
            objectName: "mailingCase"
            Layout.fillWidth: true
            visible: !!(page.v.case || {}).caseNo && page.st !== "cases"
            color: Theme.muted
            text: ((page.v.case || {}).matter || "") + "  " + ((page.v.case || {}).caseNo || "")
        }
        KText {
            objectName: "mailingError"
            Layout.fillWidth: true
            visible: !!page.v.error
            color: Theme.danger
            bold: true
            src: MailingTexts.reason(page.v.error || "")
        }
        KText {
            objectName: "mailingFree"
            visible: page.st === "card" || page.st === "cases"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "免费邮寄：邮寄费用由政府承担。办件结果办结后寄出，材料也可寄回（双向免费）")
        }

        // the card holder's cases (from the home page)
        ListView {
            id: caseList
            objectName: "mailingCases"
            visible: page.st === "cases"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap / 2
            model: page.st === "cases" ? (page.v.cases || []) : []
            delegate: Rectangle {
                id: crow
                required property var modelData
                objectName: "mailingCase_" + modelData.caseNo
                width: caseList.width
                height: Math.max(Theme.target, ccol.implicitHeight + Theme.pad)
                radius: Theme.radius
                color: Theme.card
                Accessible.role: Accessible.Button
                Accessible.name: modelData.matter + " " + modelData.caseNo
                Accessible.onPressAction: kioskMailing.act("choose", modelData.caseNo)
                ColumnLayout {
                    id: ccol
                    anchors.verticalCenter: parent.verticalCenter
                    x: Theme.pad
                    width: parent.width - 2 * Theme.pad
                    DataText { Layout.fillWidth: true; text: crow.modelData.matter; font.bold: true }
                    DataText { Layout.fillWidth: true; text: crow.modelData.caseNo }
                    KText { Layout.fillWidth: true; src: Texts.status(crow.modelData.status) }
                }
                MouseArea { anchors.fill: parent; onClicked: kioskMailing.act("choose", crow.modelData.caseNo) }
            }
        }

        // 1 — the region: three lists side by side
        DataText {
            objectName: "mailingRegion"
            Layout.fillWidth: true
            visible: page.st === "region" || page.st === "street"
            font.pixelSize: Theme.heading
            font.bold: true
            text: page.v.region || ""
        }
        RowLayout {
            visible: page.st === "region"
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap
            RegionList { label: QT_TRANSLATE_NOOP("Zizhu", "省份"); kind: "province"; rows: page.v.provinces || []; chosen: page.v.province || "" }
            RegionList { label: QT_TRANSLATE_NOOP("Zizhu", "城市"); kind: "city"; rows: page.v.cities || []; chosen: page.v.city || "" }
            RegionList { label: QT_TRANSLATE_NOOP("Zizhu", "区县"); kind: "district"; rows: page.v.districts || []; chosen: page.v.district || "" }
        }

        // 2 — the street, 3 — the recipient: the Pinyin keyboard
        KText {  // not in Mongolian: the step's prompt says it, and the columns need the height
            visible: page.st === "street" && kiosk.language !== "mn"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "详细地址：街道、门牌号、小区、楼号和房号")
        }
        Field {
            id: streetField
            objectName: "streetField"
            visible: page.st === "street"
            maximumLength: 100
            placeholderText: kiosk.language === "mn" ? "" : qsTranslate("Zizhu", "点击后弹出键盘，支持拼音输入")
            Accessible.name: qsTranslate("Zizhu", "详细地址")
            onTextChanged: if (page.st === "street") kioskMailing.act("street", text)
        }
        KText {
            visible: page.st === "recipient" && kiosk.language !== "mn"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "收件人（默认为身份证持有人，可修改）")
        }
        Field {
            id: recipientField
            objectName: "recipientField"
            visible: page.st === "recipient"
            maximumLength: 30
            Accessible.name: qsTranslate("Zizhu", "收件人")
            onTextChanged: if (page.st === "recipient") kioskMailing.act("recipient", text)
        }
        Connections {  // the flow forgot the answers (session end, a new request): so do the fields
            target: kioskMailing
            function onChanged() {
                if (["idle", "card"].indexOf(kioskMailing.view.state) >= 0) { streetField.clear(); recipientField.clear() }
            }
        }

        // 4 — the phone on the pad (in landscape the pad stands left, the number right)
        GridLayout {
            visible: page.st === "phone"
            Layout.fillWidth: true
            columns: page.landscape ? 2 : 1
            flow: GridLayout.TopToBottom
            rows: page.landscape ? 1 : 2
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap
            ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "联系电话（手机号码，或带区号的固定电话）") }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: Theme.target
                radius: Theme.radius
                border.color: Theme.primary
                border.width: 2
                color: Theme.bg
                DataText {
                    objectName: "mailingPhone"
                    anchors.verticalCenter: parent.verticalCenter
                    x: Theme.pad
                    text: page.v.phone || ""
                    font.pixelSize: Theme.heading
                    font.letterSpacing: 2
                }
            }
            }
            NumPad { Layout.fillWidth: true; Layout.preferredWidth: 1; onKey: (k) => kioskMailing.act("key", k) }
        }

        // 5 — confirm: the address in full, for the citizen to check (masked on every other screen)
        Flickable {
            id: confirmFlick
            visible: page.st === "confirm" || page.st === "failed"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: summary.implicitHeight
            clip: true
            ColumnLayout {
                id: summary
                width: confirmFlick.width
                spacing: Theme.gap / 2
                Line { name: "confirmRegion"; label: QT_TRANSLATE_NOOP("Zizhu", "邮寄地区"); value: page.v.region || ""; step: "region" }
                Line { name: "confirmStreet"; label: QT_TRANSLATE_NOOP("Zizhu", "详细地址"); value: page.v.street || ""; step: "street" }
                Line { name: "confirmRecipient"; label: QT_TRANSLATE_NOOP("Zizhu", "收件人"); value: page.v.recipient || ""; step: "recipient" }
                Line { name: "confirmPhone"; label: QT_TRANSLATE_NOOP("Zizhu", "联系电话"); value: page.v.phone || ""; step: "phone" }
                KText { Layout.fillWidth: true; bold: true; src: QT_TRANSLATE_NOOP("Zizhu", "邮寄费用由政府承担，您无需支付任何费用") }
                KText {
                    visible: page.st === "failed"
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "人工窗口：%1")
                    args: [kiosk.hall.staffedWindow || ""]
                }
                DataText {
                    objectName: "failedRequestNo"
                    visible: page.st === "failed" && !!page.v.requestNo
                    Layout.fillWidth: true
                    text: page.v.requestNo || ""
                    font.pixelSize: Theme.heading
                }
            }
        }

        // done: the request number and its slip
        ColumnLayout {
            visible: page.st === "done"
            Layout.fillWidth: true
            spacing: Theme.gap
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: doneCol.implicitHeight + Theme.pad * 2
                radius: Theme.radius
                color: Theme.secondaryBg
                ColumnLayout {
                    id: doneCol
                    anchors.centerIn: parent
                    width: parent.width - Theme.pad * 2
                    KText { Layout.fillWidth: true; color: Theme.fgSecondary; src: QT_TRANSLATE_NOOP("Zizhu", "申请编号") }
                    DataText {
                        objectName: "requestNo"
                        Layout.fillWidth: true
                        text: page.v.requestNo || ""
                        color: Theme.fgSecondary
                        font.pixelSize: Theme.title
                        font.bold: true
                    }
                }
            }
            DataText { objectName: "doneAddress"; Layout.fillWidth: true; text: (page.v.region || "") + (page.v.street || "") }
            DataText { Layout.fillWidth: true; text: (page.v.recipient || "") + "  " + (page.v.phone || "") }
            KText {
                Layout.fillWidth: true
                bold: true
                src: QT_TRANSLATE_NOOP("Zizhu", "办结后，结果文书将通过政务专递免费寄出，寄出后工作人员将电话告知")
            }
            KText {
                objectName: "mailingPrint"
                Layout.fillWidth: true
                visible: !!page.v.printState
                color: page.v.printState === "failed" ? Theme.danger : Theme.text
                bold: page.v.printState === "failed"
                src: page.v.printState === "printing" ? QT_TRANSLATE_NOOP("Zizhu", "正在打印回执，请稍候…")
                     : page.v.printState === "printed" ? QT_TRANSLATE_NOOP("Zizhu", "回执已打印，请取走并保管好申请编号")
                     : QT_TRANSLATE_NOOP("Zizhu", "回执未能打印，请记下申请编号")
            }
            KButton {
                objectName: "mailingReprint"
                visible: page.v.printState === "failed" && !page.v.printer
                Layout.fillWidth: true
                primary: false
                icon: "🖨"
                src: QT_TRANSLATE_NOOP("Zizhu", "重新打印回执")
                onClicked: kioskMailing.act("print")
            }
        }

        Item { Layout.fillHeight: page.st !== "region" && page.st !== "cases" && page.st !== "confirm" && page.st !== "failed" }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            KButton {
                objectName: "mailingBack"
                visible: ["street", "recipient", "phone", "confirm", "failed"].indexOf(page.st) >= 0
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "上一步")
                onClicked: kioskMailing.act("back")
            }
            KButton {
                objectName: "mailingNext"
                visible: ["region", "street", "recipient", "phone"].indexOf(page.st) >= 0
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                src: QT_TRANSLATE_NOOP("Zizhu", "下一步")
                onClicked: kioskMailing.act("next")
            }
            KButton {
                objectName: "mailingSubmit"
                visible: page.st === "confirm" || (page.st === "failed" && page.v.error !== "withdraw_failed")
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                src: page.st === "failed" ? QT_TRANSLATE_NOOP("Zizhu", "重新提交") : QT_TRANSLATE_NOOP("Zizhu", "确认提交")
                onClicked: kioskMailing.act("submit")
            }
            KButton {
                objectName: "mailingDone"
                visible: ["done", "error", "card", "cases"].indexOf(page.st) >= 0
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: page.st === "done"
                src: QT_TRANSLATE_NOOP("Zizhu", "返回首页")
                onClicked: page.finished()
            }
        }
    }
}
