import QtQuick
import QtQuick.Layouts

// 证件照: the size, the case the photo is for, a live preview with what to change in words,
// capture, keep or retake (kiosk/flows_photo.py). Frames come from image://photo (kiosk/qt/photo.py).
KPage {
    id: page
    name: "photo"
    title: QT_TRANSLATE_NOOP("Zizhu", "证件照")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请选择照片尺寸，再按提示拍照")
    signal finished()
    readonly property var v: kioskPhoto.view
    readonly property string st: v.state || ""
    readonly property string checkWords: v.checking ? QT_TRANSLATE_NOOP("Zizhu", "正在检查画面…")
                                         : v.check ? PhotoTexts.check(v.check)
                                         : QT_TRANSLATE_NOOP("Zizhu", "很好，请保持不动，点击拍照")
    readonly property int shownW: page.landscape ? Math.min(page.width * 0.5, (page.height - 2 * Theme.pad) * 4 / 3)
                                                 : Math.min(page.width - 2 * Theme.pad, 960)
    Component.onCompleted: kioskPhoto.act("open")
    Component.onDestruction: kioskPhoto.act("leave")
    property string lastSaid: ""
    function say(src) { if (src !== "" && src !== lastSaid) { lastSaid = src; kiosk.say(qsTranslate("Zizhu", src)) } }
    onVChanged: {
        if (st === "error") say(PhotoTexts.reason(v.error || ""))
        else if (st === "preview" && !v.checking) say(page.checkWords)
        else if (st === "review") say(QT_TRANSLATE_NOOP("Zizhu", "请确认照片，满意请点击使用这张"))
        else if (st === "done") say(QT_TRANSLATE_NOOP("Zizhu", "照片已提交"))
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
                objectName: "photoError"
                Layout.fillWidth: true
                visible: page.st === "error"
                color: Theme.danger
                bold: true
                src: PhotoTexts.reason(page.v.error || "")
            }
            KButton {
                objectName: "photoAgain"
                visible: page.st === "error" && page.v.error !== "camera_missing"
                Layout.fillWidth: true
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "重试")
                onClicked: kioskPhoto.act("again")
            }

            // 1. the size
            KText {
                visible: page.st === "size"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请选择照片尺寸")
            }
            KButton {
                objectName: "size_resident_id"
                visible: page.st === "size"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.target * 1.4, implicitHeight)
                src: QT_TRANSLATE_NOOP("Zizhu", "居民身份证照片（358×441）")
                onClicked: kioskPhoto.act("size", "resident_id")
            }
            KButton {
                objectName: "size_one_inch"
                visible: page.st === "size"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.target * 1.4, implicitHeight)
                src: QT_TRANSLATE_NOOP("Zizhu", "一寸照片（295×413）")
                onClicked: kioskPhoto.act("size", "one_inch")
            }
            KText {
                visible: page.st === "size"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "照片只提交到您的办件，本机不保存")
            }

            // 2. the case
            KText {
                visible: page.st === "loading" || (page.st === "case" && !page.landscape)
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请输入需要补交照片的办件编号")
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
                            objectName: "photoCaseNumber"
                            anchors.verticalCenter: parent.verticalCenter
                            x: Theme.pad
                            text: page.v.number || ""
                            font.pixelSize: Theme.heading
                            font.letterSpacing: 2
                        }
                    }
                    NumPad {
                        Layout.fillWidth: true
                        onKey: (k) => kioskPhoto.act("key", k)
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KText {  // landscape: the prompt beside the pad, so that the pad fits the height
                        visible: page.landscape
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "请输入需要补交照片的办件编号")
                    }
                    KButton {
                        objectName: "photoFind"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "查询")
                        enabled: (page.v.number || "").length > 0
                        onClicked: kioskPhoto.act("findNumber")
                    }
                    KButton {
                        objectName: "photoByCard"
                        Layout.fillWidth: true
                        primary: false
                        src: QT_TRANSLATE_NOOP("Zizhu", "用身份证查找我的办件")
                        enabled: page.v.hasCard === true
                        reason: page.v.hasCard ? "" : QT_TRANSLATE_NOOP("Zizhu", "请先在首页放置身份证")
                        onClicked: kioskPhoto.act("findByCard")
                    }
                }
            }
            KText {
                visible: page.st === "loading" || page.st === "attaching"
                Layout.fillWidth: true
                bold: true
                src: page.st === "loading" ? QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
                                           : QT_TRANSLATE_NOOP("Zizhu", "正在提交照片，请稍候…")
            }
            Repeater {
                model: page.st === "cases" ? (page.v.cases || []) : []
                delegate: Rectangle {
                    id: crow
                    required property var modelData
                    objectName: "photoCase_" + modelData.caseNo
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.target, ccol.implicitHeight + Theme.pad)
                    radius: Theme.radius
                    color: Theme.card
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.matter + " " + modelData.caseNo
                    Accessible.onPressAction: kioskPhoto.act("chooseCase", crow.modelData.caseNo)
                    ColumnLayout {
                        id: ccol
                        anchors.verticalCenter: parent.verticalCenter
                        x: Theme.pad
                        width: parent.width - 2 * Theme.pad
                        DataText { Layout.fillWidth: true; text: crow.modelData.matter; font.bold: true }
                        DataText { Layout.fillWidth: true; text: crow.modelData.caseNo }
                    }
                    MouseArea { anchors.fill: parent; onClicked: kioskPhoto.act("chooseCase", crow.modelData.caseNo) }
                }
            }

            // 3. preview, capture
            DataText {
                objectName: "photoForCase"
                visible: page.st === "preview" || page.st === "review" || page.st === "done"
                Layout.fillWidth: true
                text: ((page.v.case || {}).matter || "") + "  " + ((page.v.case || {}).caseNo || "")
            }
            GridLayout {  // portrait: words, picture, button; landscape: the picture beside them
                visible: page.st === "preview"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                Rectangle {
                    objectName: "photoCheck"
                    Layout.row: 0
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    implicitHeight: words.implicitHeight + Theme.pad
                    radius: Theme.radius
                    color: page.v.check || page.v.checking ? Theme.warningBg : Theme.secondaryBg
                    KText {
                        id: words
                        objectName: "photoCheckWords"
                        anchors.centerIn: parent
                        width: parent.width - Theme.pad
                        heading: true
                        color: page.v.check || page.v.checking ? Theme.fgWarning : Theme.fgSecondary
                        src: page.checkWords  // the words say it, not the colour
                    }
                }
                Item {
                    Layout.row: page.landscape ? 0 : 1
                    Layout.column: 0
                    Layout.rowSpan: page.landscape ? 2 : 1
                    Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                    Layout.preferredWidth: page.shownW
                    Layout.minimumWidth: page.shownW
                    Layout.preferredHeight: page.shownW * 3 / 4
                    Image {
                        id: live
                        objectName: "photoLive"
                        anchors.fill: parent
                        source: page.st === "preview" ? "image://photo/live/" + kioskPhoto.frameNo : ""
                        cache: false
                        asynchronous: false
                        mirror: true  // like a mirror: the citizen moves the way they see
                        fillMode: Image.PreserveAspectFit
                        smooth: false
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTranslate("Zizhu", "摄像头画面")
                    }
                    // where the head goes: an outline only, the words say what to change
                    Rectangle {
                        anchors.horizontalCenter: parent.horizontalCenter
                        y: parent.height * 0.1
                        width: parent.width * 0.32
                        height: parent.height * 0.62
                        radius: width / 2
                        color: "transparent"
                        border.width: 4
                        border.color: page.v.check ? Theme.danger : Theme.primary
                    }
                }
                KButton {
                    objectName: "photoCapture"
                    Layout.row: page.landscape ? 1 : 2
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredHeight: Math.max(Theme.target * 1.4, implicitHeight)
                    icon: "📷"
                    src: QT_TRANSLATE_NOOP("Zizhu", "拍照")
                    enabled: page.v.canCapture === true
                    reason: page.v.canCapture ? "" : QT_TRANSLATE_NOOP("Zizhu", "请先按上方提示调整")
                    onClicked: kioskPhoto.act("capture")
                }
            }

            // 4. keep or retake
            GridLayout {
                visible: page.st === "review"
                Layout.fillWidth: true
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                KText {
                    Layout.row: 0
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    heading: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "请确认照片")
                }
                Image {
                    objectName: "photoKept"
                    Layout.row: page.landscape ? 0 : 1
                    Layout.column: 0
                    Layout.rowSpan: page.landscape ? 3 : 1
                    Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                    source: page.st === "review" ? "image://photo/kept/" + kioskPhoto.keptNo : ""
                    cache: false
                    Layout.preferredWidth: (page.v.width || 358) * (page.landscape ? 1.3 : 1.5)
                    Layout.preferredHeight: (page.v.height || 441) * (page.landscape ? 1.3 : 1.5)
                    fillMode: Image.PreserveAspectFit
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTranslate("Zizhu", "拍好的照片")
                }
                KText {
                    Layout.row: page.landscape ? 1 : 2
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "照片尺寸：%1×%2像素")
                    args: [page.v.width || 0, page.v.height || 0]
                }
                RowLayout {
                    Layout.row: page.landscape ? 2 : 3
                    Layout.column: page.landscape ? 1 : 0
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KButton {
                        objectName: "photoRetake"
                        Layout.fillWidth: true
                        primary: false
                        src: QT_TRANSLATE_NOOP("Zizhu", "重拍")
                        onClicked: kioskPhoto.act("retake")
                    }
                    KButton {
                        objectName: "photoKeep"
                        Layout.fillWidth: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "使用这张")
                        onClicked: kioskPhoto.act("keep")
                    }
                }
            }

            // 5. done
            KText {
                objectName: "photoDone"
                visible: page.st === "done"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "照片已提交")
            }
            KText {
                visible: page.st === "done"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "照片已提交到办件 %1，本机不保存照片")
                args: [(page.v.case || {}).caseNo || ""]
            }
            KButton {
                objectName: "photoFinish"
                visible: page.st === "done"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "完成")
                onClicked: page.finished()
            }
        }
    }
}
