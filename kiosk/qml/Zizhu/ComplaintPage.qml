import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// 办不成事反映 (the complaint window), one step at a time: category, the matter (common matters to
// tap, or words on the Pinyin keyboard), a call-back phone on the pad, the case if any; then the
// work order number and its slip. The phone and the words are wiped when the session ends.
KPage {
    id: page
    name: "complaint"
    title: QT_TRANSLATE_NOOP("Zizhu", "办不成事反映")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请选择您要反映的问题类型")
    signal finished()
    readonly property var v: feedback.complaint.view
    readonly property string st: v.state || ""
    readonly property bool onPad: st === "phone" || st === "case"
    Component.onCompleted: feedback.complaint.act("open")
    property string lastState: ""
    onVChanged: {
        if (st !== lastState) {
            Qt.inputMethod.hide()
            if (lastState !== "") kiosk.say(qsTranslate("Zizhu", stepPrompt(st)))
        }
        lastState = st
        if (v.error) kiosk.say(qsTranslate("Zizhu", FeedbackTexts.reason(v.error)))
    }
    function speakPrompt() { kiosk.say(qsTranslate("Zizhu", stepPrompt(st))) }  // 🔊: the step's words
    function stepPrompt(s) {
        return s === "category" ? QT_TRANSLATE_NOOP("Zizhu", "请选择您要反映的问题类型")
             : s === "matter" ? QT_TRANSLATE_NOOP("Zizhu", "请选择常见问题，也可以输入您要反映的事项")
             : s === "phone" ? QT_TRANSLATE_NOOP("Zizhu", "请输入联系电话，工作人员将回电答复")
             : s === "case" ? QT_TRANSLATE_NOOP("Zizhu", "如与某个办件有关，请输入办件编号，也可以跳过")
             : s === "confirm" ? QT_TRANSLATE_NOOP("Zizhu", "请核对您的反映内容，确认后提交")
             : s === "sending" ? QT_TRANSLATE_NOOP("Zizhu", "正在提交，请稍候…")
             : s === "accepted" ? QT_TRANSLATE_NOOP("Zizhu", "已提交，您的反映已受理")
             : QT_TRANSLATE_NOOP("Zizhu", "暂时无法提交，请稍后重试或到人工窗口反映")
    }

    // On the pad's steps in landscape and Mongolian, the pad stands left, its words and buttons right.
    readonly property bool padBeside: onPad && landscape
    readonly property bool navBeside: padBeside || (st === "matter" && landscape)
    component ErrorText: KText {
        objectName: "complaintError"
        Layout.fillWidth: true
        color: Theme.danger
        bold: true
        src: FeedbackTexts.reason(page.v.error || "")
    }
    // The way on: one row under the page, or a column beside the pad (long Mongolian and elderly
    // pages need the height). Only one of the two is shown.
    component Nav: GridLayout {
        Layout.fillWidth: true
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap
        KButton {
            objectName: "complaintBack"
            visible: page.st !== "category" && page.st !== "sending" && page.st !== "accepted"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: false
            src: QT_TRANSLATE_NOOP("Zizhu", "上一步")
            onClicked: feedback.complaint.act("back")
        }
        KButton {
            objectName: "complaintSkipCase"
            visible: page.st === "case"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: false
            src: QT_TRANSLATE_NOOP("Zizhu", "不填，跳过")
            onClicked: feedback.complaint.act("skipCase")
        }
        KButton {
            objectName: "complaintNext"
            visible: page.st === "matter" || page.onPad
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            src: QT_TRANSLATE_NOOP("Zizhu", "下一步")
            onClicked: feedback.complaint.act("next")
        }
        KButton {
            objectName: "complaintSubmit"
            visible: page.st === "confirm" || page.st === "failed"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            src: page.st === "failed" ? QT_TRANSLATE_NOOP("Zizhu", "重新提交") : QT_TRANSLATE_NOOP("Zizhu", "确认提交")
            onClicked: feedback.complaint.act("submit")
        }
        KButton {
            objectName: "complaintDone"
            visible: page.st === "accepted"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "返回首页")
            onClicked: page.finished()
        }
    }
    // The step and what to do in it; beside the pad on its steps in landscape and Mongolian.
    component StepHead: RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap * 2
        KText {
            objectName: "complaintStep"
            visible: (page.v.step || 0) > 0
            Layout.alignment: Qt.AlignTop
            color: Theme.primary
            bold: true
            wrap: false
            src: QT_TRANSLATE_NOOP("Zizhu", "第%1步，共%2步")
            args: [page.v.step || 0, page.v.steps || 0]
        }
        KText {  // body size in landscape Mongolian: its vertical columns would take the page's height
            Layout.fillWidth: true
            heading: !(page.landscape && kiosk.language === "mn")
            bold: true
            src: page.stepPrompt(page.st)
        }
    }
    component Choice: KButton {
        property bool chosen: false
        Layout.fillWidth: true
        primary: chosen
        icon: chosen ? "✓" : ""
    }
    component PadLabel: KText {
        Layout.fillWidth: true
        src: page.st === "phone" ? QT_TRANSLATE_NOOP("Zizhu", "联系电话（手机号码，或带区号的固定电话）")
                                 : QT_TRANSLATE_NOOP("Zizhu", "办件编号（可不填）")
    }
    component Shown: Rectangle {  // what is typed on the pad, large
        property string value
        property string name
        Layout.fillWidth: true
        implicitHeight: Theme.target
        radius: Theme.radius
        border.color: Theme.primary
        border.width: 2
        color: Theme.bg
        DataText {
            objectName: parent.name
            anchors.verticalCenter: parent.verticalCenter
            x: Theme.pad
            text: parent.value
            font.pixelSize: Theme.heading
            font.letterSpacing: 2
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        // the on-screen keyboard rises over the window's bottom: the field and 下一步 stay above it
        anchors.bottomMargin: Theme.pad + (Qt.inputMethod.visible ? Qt.inputMethod.keyboardRectangle.height : 0)
        spacing: Theme.gap
        StepHead { visible: !page.padBeside }
        ErrorText { visible: !!page.v.error && !page.padBeside }

        // 1 — category
        GridLayout {
            visible: page.st === "category"
            Layout.fillWidth: true
            columns: page.landscape ? 3 : 1
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap / 2
            Repeater {
                model: page.v.categories || []
                delegate: Choice {
                    required property string modelData
                    objectName: "category_" + modelData
                    chosen: page.v.category === modelData
                    src: FeedbackTexts.category(modelData)
                    reason: FeedbackTexts.categoryHints[modelData] || ""
                    onClicked: feedback.complaint.act("category", modelData)
                }
            }
        }

        // 2 — the matter: the common ones to tap (a list that scrolls), the keyboard for the rest
        GridLayout {
            visible: page.st === "matter"
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: page.landscape ? 2 : 1
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap
            Flickable {
                id: matterFlick
                Layout.fillWidth: true
                Layout.preferredWidth: 1  // the two columns share the width
                Layout.fillHeight: true
                contentHeight: matterGrid.implicitHeight
                clip: true
                GridLayout {
                    id: matterGrid
                    width: matterFlick.width
                    columns: 1
                    columnSpacing: Theme.gap
                    rowSpacing: Theme.gap / 2
                    Repeater {
                        model: page.v.matterCodes || []
                        delegate: Choice {
                            required property string modelData
                            objectName: "matter_" + modelData
                            chosen: (page.v.matters || []).indexOf(modelData) >= 0
                            src: FeedbackTexts.matter(modelData)
                            onClicked: feedback.complaint.act("matter", modelData)
                        }
                    }
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                KText {
                    Layout.fillWidth: true
                    bold: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "补充说明（可不填）")
                }
                TextField {
                    id: matterField
                    objectName: "matterField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target
                    font.pixelSize: Theme.body
                    font.family: Theme.font
                    color: Theme.text
                    maximumLength: 300
                    // not in Mongolian mode: a placeholder cannot stand vertically (the label above says it)
                    placeholderText: kiosk.language === "mn" ? "" : qsTranslate("Zizhu", "也可以在此输入（点击后弹出键盘，支持拼音）")
                    placeholderTextColor: Theme.muted
                    inputMethodHints: Qt.ImhNoPredictiveText
                    Accessible.name: qsTranslate("Zizhu", "反映事项")
                    background: Rectangle { color: Theme.bg; border.color: Theme.primary; border.width: 2; radius: Theme.radius }
                    onTextChanged: feedback.complaint.act("text", text)
                    onAccepted: Qt.inputMethod.hide()
                }
                Nav { visible: page.navBeside; columns: 2 }
            }
        }
        Connections {  // the flow forgot the words (session end, a new complaint): so does the field
            target: feedback.complaint
            function onChanged() { if ((feedback.complaint.view.text || "") === "" && matterField.text !== "") matterField.clear() }
        }

        // 3, 4 — phone, case on the pad
        GridLayout {
            visible: page.onPad
            Layout.fillWidth: true
            Layout.fillHeight: page.padBeside
            columns: page.padBeside ? 2 : 1
            columnSpacing: Theme.gap * 2
            rowSpacing: Theme.gap
            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1  // beside: the two columns share the width
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                PadLabel { visible: !page.padBeside && !page.v.error }  // the error says what is wanted
                Shown { name: "complaintPhone"; visible: page.st === "phone"; value: page.v.phone || "" }
                Shown { name: "complaintCase"; visible: page.st === "case"; value: page.v.caseNo || "" }
                NumPad {
                    Layout.fillWidth: true
                    onKey: (k) => feedback.complaint.act("key", k)
                }
            }
            ColumnLayout {
              Layout.fillWidth: true
              Layout.preferredWidth: 1
              Layout.fillHeight: page.padBeside
              Layout.alignment: Qt.AlignTop
              spacing: Theme.gap
              visible: page.padBeside || (page.st === "case" && (page.v.knownCases || []).length > 0)
              Flickable {
                id: sideFlick
                Layout.fillWidth: true
                Layout.fillHeight: page.padBeside
                Layout.preferredHeight: page.padBeside ? -1 : side.implicitHeight
                contentHeight: side.implicitHeight
                clip: true
                ColumnLayout {
                id: side
                width: sideFlick.width
                spacing: Theme.gap
                StepHead { visible: page.padBeside }
                PadLabel { visible: page.padBeside }
                ErrorText { visible: page.padBeside && !!page.v.error }
                KText {
                    Layout.fillWidth: true
                    visible: page.st === "case" && (page.v.knownCases || []).length > 0
                    src: QT_TRANSLATE_NOOP("Zizhu", "本次查询过的办件")
                }
                Repeater {
                    model: page.st === "case" ? (page.v.knownCases || []) : []
                    delegate: Rectangle {
                        id: kc
                        required property var modelData
                        objectName: "knownCase_" + modelData.caseNo
                        Layout.fillWidth: true
                        implicitHeight: Math.max(Theme.target, kcText.implicitHeight + Theme.pad)
                        radius: Theme.radius
                        color: Theme.secondaryBg
                        border.color: Theme.primary
                        border.width: 2
                        Accessible.role: Accessible.Button
                        Accessible.name: modelData.matter + " " + modelData.caseNo
                        Accessible.onPressAction: feedback.complaint.act("useCase", modelData.caseNo)
                        DataText {
                            id: kcText
                            anchors.verticalCenter: parent.verticalCenter
                            x: Theme.pad
                            width: parent.width - 2 * Theme.pad
                            color: Theme.fgSecondary
                            text: kc.modelData.matter + "\n" + kc.modelData.caseNo
                        }
                        MouseArea { anchors.fill: parent; onClicked: feedback.complaint.act("useCase", kc.modelData.caseNo) }
                    }
                }
                }
              }
              Nav { visible: page.padBeside; columns: page.landscape ? 3 : 1 }
            }
        }

        // 5 — confirm
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
                KText { Layout.fillWidth: true; bold: true; color: Theme.primary; src: QT_TRANSLATE_NOOP("Zizhu", "问题类型") }
                KText { objectName: "confirmCategory"; Layout.fillWidth: true; src: FeedbackTexts.category(page.v.category || "") }
                KText { Layout.fillWidth: true; bold: true; color: Theme.primary; src: QT_TRANSLATE_NOOP("Zizhu", "反映事项") }
                Repeater {
                    model: page.v.matters || []
                    delegate: KText { required property string modelData; Layout.fillWidth: true; src: FeedbackTexts.matter(modelData) }
                }
                DataText { objectName: "confirmText"; Layout.fillWidth: true; visible: text !== ""; text: page.v.text || "" }
                KText { Layout.fillWidth: true; bold: true; color: Theme.primary; src: QT_TRANSLATE_NOOP("Zizhu", "联系电话") }
                DataText { objectName: "confirmPhone"; Layout.fillWidth: true; text: page.v.phone || "" }
                KText { Layout.fillWidth: true; bold: true; color: Theme.primary; src: QT_TRANSLATE_NOOP("Zizhu", "相关办件") }
                KText {
                    Layout.fillWidth: true
                    src: page.v.caseNo ? QT_TRANSLATE_NOOP("Zizhu", "办件编号：%1") : QT_TRANSLATE_NOOP("Zizhu", "未填写")
                    args: [page.v.caseNo || ""]
                }
                KText {
                    visible: page.st === "failed"
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "人工窗口：%1")
                    args: [kiosk.hall.staffedWindow || ""]
                }
                KText {
                    visible: page.st === "failed"
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "投诉电话：%1")
                    args: [kiosk.hall.complaintPhone || kiosk.hall.hotline || ""]
                }
            }
        }

        // accepted: the work order number and its slip
        ColumnLayout {
            visible: page.st === "accepted"
            Layout.fillWidth: true
            spacing: Theme.gap
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: orderCol.implicitHeight + Theme.pad * 2
                radius: Theme.radius
                color: Theme.secondaryBg
                ColumnLayout {
                    id: orderCol
                    anchors.centerIn: parent
                    width: parent.width - Theme.pad * 2
                    KText { Layout.fillWidth: true; color: Theme.fgSecondary; src: QT_TRANSLATE_NOOP("Zizhu", "工单编号") }
                    DataText {
                        objectName: "orderNo"
                        Layout.fillWidth: true
                        text: page.v.orderNo || ""
                        color: Theme.fgSecondary
                        font.pixelSize: Theme.title
                        font.bold: true
                    }
                }
            }
            KText {
                objectName: "answerRule"
                Layout.fillWidth: true
                bold: true
                src: QT_TRANSLATE_NOOP("Zizhu", "我们将在1个工作日内答复（按国家法定工作日计算），并致电您留下的号码")
            }
            KText {
                objectName: "complaintPrint"
                Layout.fillWidth: true
                visible: !!page.v.printState
                color: page.v.printState === "failed" ? Theme.danger : Theme.text
                bold: page.v.printState === "failed"
                src: page.v.printState === "printing" ? QT_TRANSLATE_NOOP("Zizhu", "正在打印回执，请稍候…")
                     : page.v.printState === "printed" ? QT_TRANSLATE_NOOP("Zizhu", "回执已打印，请取走并保管好工单编号")
                     : QT_TRANSLATE_NOOP("Zizhu", "回执未能打印，请记下工单编号")
            }
            KButton {
                objectName: "complaintReprint"
                visible: page.v.printState === "failed" && !page.v.printer
                Layout.fillWidth: true
                primary: false
                icon: "🖨"
                src: QT_TRANSLATE_NOOP("Zizhu", "重新打印回执")
                onClicked: feedback.complaint.act("print")
            }
        }

        Item { Layout.fillHeight: !page.padBeside && page.st !== "matter" && page.st !== "confirm" && page.st !== "failed" }

        Nav { visible: !page.navBeside; columns: 5 }
    }
}
