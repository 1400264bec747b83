import QtQuick
import QtQuick.Layouts

// 材料提交 (自助申报): the case, the document camera's live preview with what to change in words,
// page by page, the pages reviewed, one PDF to the case (kiosk/flows_capture.py). Frames and pages
// come from image://capture (kiosk/qt/capture.py).
KPage {
    id: page
    name: "capture"
    title: QT_TRANSLATE_NOOP("Zizhu", "材料提交")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请选择办件，再把材料逐页放在高拍仪下拍摄")
    signal finished()
    signal openMailing(string caseNo)  // 政务专递 for the case the materials went to
    readonly property var v: kioskCapture.view
    readonly property string st: v.state || ""
    readonly property string checkWords: v.checking ? QT_TRANSLATE_NOOP("Zizhu", "正在检查画面…")
                                         : v.check ? CaptureTexts.check(v.check)
                                         : QT_TRANSLATE_NOOP("Zizhu", "页面清晰，请点击拍这一页")
    readonly property int shownW: page.landscape ? Math.min(page.width * 0.5, (page.height - 2 * Theme.pad) * 4 / 3)
                                                 : Math.min(page.width - 2 * Theme.pad, 960, page.height * 0.45 * 4 / 3)
    Component.onCompleted: kioskCapture.act("open")
    Component.onDestruction: kioskCapture.act("leave")
    property string lastSaid: ""
    function say(src) { if (src !== "" && src !== lastSaid) { lastSaid = src; kiosk.say(qsTranslate("Zizhu", src)) } }
    onVChanged: {
        if (st === "error") say(CaptureTexts.reason(v.error || ""))
        else if (st === "preview" && v.refused) say(CaptureTexts.check(v.refused))
        else if (st === "preview" && !v.checking) say(page.checkWords)
        else if (st === "review") say(QT_TRANSLATE_NOOP("Zizhu", "请核对已拍的页面，无误请点击提交材料"))
        else if (st === "done") say(QT_TRANSLATE_NOOP("Zizhu", "材料已提交"))
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
                objectName: "captureError"
                Layout.fillWidth: true
                visible: page.st === "error"
                color: Theme.danger
                bold: true
                src: CaptureTexts.reason(page.v.error || "")
            }
            KButton {
                objectName: "captureAgain"
                visible: page.st === "error" && page.v.error !== "camera_missing"
                Layout.fillWidth: true
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "重试")
                onClicked: kioskCapture.act("again")
            }

            // 1. the case
            KText {
                visible: page.st === "loading" || (page.st === "case" && !page.landscape)
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请输入需要提交材料的办件编号")
            }
            GridLayout {
                visible: page.st === "case"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: Theme.target
                        radius: Theme.radius
                        border.color: Theme.primary
                        border.width: 2
                        color: Theme.bg
                        DataText {
                            objectName: "captureCaseNumber"
                            anchors.verticalCenter: parent.verticalCenter
                            x: Theme.pad
                            text: page.v.number || ""
                            font.pixelSize: Theme.heading
                            font.letterSpacing: 2
                        }
                    }
                    NumPad {
                        Layout.fillWidth: true
                        onKey: (k) => kioskCapture.act("key", k)
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KText {
                        visible: page.landscape
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "请输入需要提交材料的办件编号")
                    }
                    KButton {
                        objectName: "captureFind"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "查询")
                        enabled: (page.v.number || "").length > 0
                        onClicked: kioskCapture.act("findNumber")
                    }
                    KButton {
                        objectName: "captureByCard"
                        Layout.fillWidth: true
                        primary: false
                        src: QT_TRANSLATE_NOOP("Zizhu", "用身份证查找我的办件")
                        enabled: page.v.hasCard === true
                        reason: page.v.hasCard ? "" : QT_TRANSLATE_NOOP("Zizhu", "请先在首页放置身份证")
                        onClicked: kioskCapture.act("findByCard")
                    }
                    KText {
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "材料只提交到您的办件，本机不保存")
                    }
                }
            }
            KText {
                visible: page.st === "loading" || page.st === "submitting"
                Layout.fillWidth: true
                bold: true
                src: page.st === "loading" ? QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
                                           : QT_TRANSLATE_NOOP("Zizhu", "正在提交材料，请稍候…")
            }
            Repeater {
                model: page.st === "cases" ? (page.v.cases || []) : []
                delegate: Rectangle {
                    id: crow
                    required property var modelData
                    objectName: "captureCase_" + modelData.caseNo
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.target, ccol.implicitHeight + Theme.pad)
                    radius: Theme.radius
                    color: Theme.card
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.matter + " " + modelData.caseNo
                    Accessible.onPressAction: kioskCapture.act("chooseCase", crow.modelData.caseNo)
                    ColumnLayout {
                        id: ccol
                        anchors.verticalCenter: parent.verticalCenter
                        x: Theme.pad
                        width: parent.width - 2 * Theme.pad
                        DataText { Layout.fillWidth: true; text: crow.modelData.matter; font.bold: true }
                        DataText { Layout.fillWidth: true; text: crow.modelData.caseNo }
                    }
                    MouseArea { anchors.fill: parent; onClicked: kioskCapture.act("chooseCase", crow.modelData.caseNo) }
                }
            }

            // 2. the camera, page by page
            DataText {
                objectName: "captureForCase"
                visible: page.st === "preview" || page.st === "review" || page.st === "done"
                Layout.fillWidth: true
                text: ((page.v.case || {}).matter || "") + "  " + ((page.v.case || {}).caseNo || "")
            }
            GridLayout {
                visible: page.st === "preview"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                Item {  // portrait: below the words and the button, which stay in reach above it
                    Layout.row: page.landscape ? 0 : 4
                    Layout.column: 0
                    Layout.rowSpan: page.landscape ? 5 : 1
                    Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                    Layout.preferredWidth: page.shownW
                    Layout.minimumWidth: page.shownW
                    Layout.preferredHeight: page.shownW * 3 / 4
                    Image {
                        objectName: "captureLive"
                        anchors.fill: parent
                        source: page.st === "preview" ? "image://capture/live/" + kioskCapture.frameNo : ""
                        cache: false
                        asynchronous: false
                        fillMode: Image.PreserveAspectFit
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTranslate("Zizhu", "高拍仪画面")
                    }
                }
                Rectangle {
                    objectName: "captureCheck"
                    Layout.row: 0
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    implicitHeight: words.implicitHeight + Theme.pad
                    radius: Theme.radius
                    color: page.v.check || page.v.checking ? Theme.warningBg : Theme.secondaryBg
                    KText {
                        id: words
                        objectName: "captureCheckWords"
                        anchors.centerIn: parent
                        width: parent.width - Theme.pad
                        heading: true
                        color: page.v.check || page.v.checking ? Theme.fgWarning : Theme.fgSecondary
                        src: page.checkWords
                    }
                }
                Rectangle {  // the last 拍这一页 that took nothing, and why
                    objectName: "captureRefused"
                    visible: !!page.v.refused
                    Layout.row: 1
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    implicitHeight: refusedCol.implicitHeight + Theme.pad
                    radius: Theme.radius
                    color: Theme.card
                    border.color: Theme.danger
                    border.width: 3
                    ColumnLayout {
                        id: refusedCol
                        anchors.centerIn: parent
                        width: parent.width - Theme.pad
                        KText {
                            Layout.fillWidth: true
                            color: Theme.danger
                            bold: true
                            src: QT_TRANSLATE_NOOP("Zizhu", "这一页没有拍成：")
                        }
                        KText {
                            objectName: "captureRefusedWords"
                            Layout.fillWidth: true
                            color: Theme.danger
                            src: CaptureTexts.check(page.v.refused || "")
                        }
                    }
                }
                KText {
                    objectName: "capturePages"
                    Layout.row: 3
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    bold: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "已拍 %1 页")
                    args: [page.v.pages || 0]
                }
                KButton {
                    objectName: "captureTake"
                    Layout.row: 2
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.max(Theme.target * 1.4, implicitHeight)
                    src: QT_TRANSLATE_NOOP("Zizhu", "拍这一页")
                    enabled: !page.v.checking
                    reason: page.v.checking ? QT_TRANSLATE_NOOP("Zizhu", "正在检查画面…") : ""
                    onClicked: kioskCapture.act("capture")
                }
                KButton {
                    objectName: "captureReview"
                    Layout.row: 5
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    primary: false
                    src: QT_TRANSLATE_NOOP("Zizhu", "拍完了，查看页面")
                    enabled: (page.v.pages || 0) > 0
                    reason: (page.v.pages || 0) > 0 ? "" : QT_TRANSLATE_NOOP("Zizhu", "请先拍摄至少一页")
                    onClicked: kioskCapture.act("review")
                }
            }

            // 3. the pages reviewed
            KText {
                visible: page.st === "review"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请核对已拍的页面，共 %1 页")
                args: [page.v.pages || 0]
            }
            Flow {
                visible: page.st === "review"
                Layout.fillWidth: true
                spacing: Theme.gap
                Repeater {
                    model: page.st === "review" ? (page.v.pages || 0) : 0
                    delegate: ColumnLayout {
                        id: pcol
                        required property int index
                        width: Math.min(420, (col.width - 2 * Theme.gap) / (page.landscape ? 4 : 2))
                        spacing: Theme.gap / 2
                        Image {
                            objectName: "capturePage_" + pcol.index
                            Layout.fillWidth: true
                            Layout.preferredHeight: width * 297 / 210
                            source: "image://capture/page/" + pcol.index + "/" + kioskCapture.pagesNo
                            cache: false
                            fillMode: Image.PreserveAspectFit
                            Accessible.role: Accessible.Graphic
                            Accessible.name: qsTranslate("Zizhu", "拍好的页面")
                        }
                        KText {
                            Layout.fillWidth: true
                            horizontalAlignment: Text.AlignHCenter
                            src: QT_TRANSLATE_NOOP("Zizhu", "第 %1 页")
                            args: [pcol.index + 1]
                        }
                        KButton {
                            objectName: "captureDrop_" + pcol.index
                            Layout.fillWidth: true
                            primary: false
                            src: QT_TRANSLATE_NOOP("Zizhu", "删除")
                            onClicked: kioskCapture.act("drop", String(pcol.index))
                        }
                    }
                }
            }
            RowLayout {
                visible: page.st === "review"
                Layout.fillWidth: true
                spacing: Theme.gap
                KButton {
                    objectName: "captureMore"
                    Layout.fillWidth: true
                    primary: false
                    src: QT_TRANSLATE_NOOP("Zizhu", "继续拍摄")
                    enabled: (page.v.pages || 0) < (page.v.maxPages || 0)
                    reason: enabled ? "" : QT_TRANSLATE_NOOP("Zizhu", "已达到最多页数，请提交")
                    onClicked: kioskCapture.act("more")
                }
                KButton {
                    objectName: "captureSubmit"
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "提交材料")
                    onClicked: kioskCapture.act("submit")
                }
            }

            // 4. done
            KText {
                objectName: "captureDone"
                visible: page.st === "done"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "材料已提交")
            }
            KText {
                visible: page.st === "done"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "共 %1 页已提交到办件 %2，本机不保存")
                args: [page.v.received || 0, (page.v.case || {}).caseNo || ""]
            }
            KButton {
                objectName: "captureMailing"
                visible: page.st === "done" && page.v.mailable === true
                Layout.fillWidth: true
                primary: false
                icon: "✉"
                src: QT_TRANSLATE_NOOP("Zizhu", "办结后免费邮寄结果（政务专递）")
                onClicked: page.openMailing((page.v.case || {}).caseNo || "")
            }
            KButton {
                objectName: "captureFinish"
                visible: page.st === "done"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "完成")
                onClicked: page.finished()
            }
        }
    }
}
