import QtQuick
import QtQuick.Layouts

// 维护模式: the technician's screen over everything (kiosk/flows_maintenance.py, kiosk/qt/maintenance.py).
// The PIN pad (or a technician's card), then every device's status and self-test, a test page, a
// locker slot opened for maintenance, a new paper roll confirmed, the terminal's open incidents.
// While it is open the terminal is out of service for citizens; 退出维护 or 5 minutes untouched
// return it to service.
Rectangle {
    id: root
    objectName: "maintenanceScreen"
    readonly property var v: maintenance.view
    readonly property string st: v.state || "closed"
    readonly property bool idle: !v.busy
    visible: st !== "closed"
    color: Theme.bg
    MouseArea { objectName: "blocker"; anchors.fill: parent }  // nothing underneath takes a touch meanwhile

    // The words of a device or a station, untranslated: KText gives the Mongolian column its Mongolian
    // and the Chinese beside it its Chinese (translateArgs).
    function noticeWords() {
        var n = v.notice || "", a = v.noticeArgs || []
        if (n === "test_ok" || n === "test_failed")
            return [MaintenanceTexts.kind(a[0] || "")]
        if (n === "roll_reported" || n === "roll_not_sent")
            return [MaintenanceTexts.station(a[0] || "")]
        return []
    }
    function noticeArgs() {
        var words = noticeWords()
        return words.length ? words : (v.noticeArgs || [])
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Rectangle {
            Layout.fillWidth: true
            color: Theme.bar
            implicitHeight: head.implicitHeight + Theme.pad
            RowLayout {
                id: head
                anchors.fill: parent
                anchors.margins: Theme.pad / 2
                spacing: Theme.gap
                KText {
                    Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "维护模式")
                    heading: true
                    color: Theme.fgBar
                }
                DataText {
                    objectName: "maintenanceTechnician"
                    visible: text !== ""
                    text: root.v.technician || ""
                    color: Theme.fgBar
                }
                KButton {
                    objectName: root.st === "open" ? "maintenanceLeave" : "maintenanceCancel"
                    primary: false
                    src: root.st === "open" ? QT_TRANSLATE_NOOP("Zizhu", "退出维护") : QT_TRANSLATE_NOOP("Zizhu", "取消")
                    onClicked: maintenance.act("leave")
                }
            }
        }
        Rectangle {
            objectName: "maintenanceOutOfService"
            visible: root.st === "open"
            Layout.fillWidth: true
            color: Theme.warningBg
            implicitHeight: oos.implicitHeight + Theme.pad
            KText {
                id: oos
                anchors.verticalCenter: parent.verticalCenter
                x: Theme.pad
                width: parent.width - 2 * Theme.pad
                bold: true
                color: Theme.fgWarning
                src: QT_TRANSLATE_NOOP("Zizhu", "维护中：本终端已暂停对外服务，退出维护或%1分钟无操作后恢复服务")
                args: [String(root.v.idleMinutes || 0)]
            }
        }

        // -- the PIN pad, or the lock: side by side in landscape, one column in portrait -------------
        Flickable {  // scrolls where even that does not fit
            visible: root.st === "pin" || root.st === "locked"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: pinGrid.implicitHeight + 2 * Theme.pad
            clip: true
            GridLayout {
                id: pinGrid
                readonly property bool pad: root.st === "pin" && root.v.error !== "no_technicians"
                x: Theme.pad
                y: Theme.pad
                width: root.width - 2 * Theme.pad
                columns: root.width > root.height ? 2 : 1
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap
                    KText {
                        Layout.fillWidth: true
                        visible: pinGrid.pad
                        src: QT_TRANSLATE_NOOP("Zizhu", "请输入维护密码，或放置技术员证件")
                        heading: true
                    }
                    KText {
                        objectName: "maintenanceError"
                        Layout.fillWidth: true
                        visible: !!root.v.error
                        color: Theme.danger
                        bold: true
                        src: MaintenanceTexts.word(root.v.error || "")
                        args: root.v.error === "pin_locked" ? [String(root.v.maxAttempts || 0), String(root.v.lockMinutes || 0)]
                              : [String(root.v.attemptsLeft || 0)]
                    }
                    Rectangle {
                        visible: pinGrid.pad
                        Layout.fillWidth: true
                        implicitHeight: Theme.target
                        radius: Theme.radius
                        border.color: Theme.primary
                        border.width: 2
                        color: Theme.bg
                        DataText {
                            objectName: "maintenancePin"
                            anchors.verticalCenter: parent.verticalCenter
                            x: Theme.pad
                            text: "●".repeat(root.v.pinLength || 0)
                            font.pixelSize: Theme.heading
                            font.letterSpacing: 6
                        }
                    }
                    KButton {
                        objectName: "maintenanceSubmit"
                        visible: pinGrid.pad
                        Layout.fillWidth: true
                        enabled: (root.v.pinLength || 0) >= 4 && !root.v.checking
                        src: QT_TRANSLATE_NOOP("Zizhu", "进入维护")
                        onClicked: maintenance.act("submit")
                    }
                }
                NumPad {
                    visible: pinGrid.pad
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    onKey: (k) => maintenance.act("key", k)
                }
            }
        }

        // -- open --------------------------------------------------------------------------------
        Flickable {
            visible: root.st === "open"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: col.implicitHeight + 2 * Theme.pad
            clip: true
            ColumnLayout {
                id: col
                x: Theme.pad
                y: Theme.pad
                width: root.width - 2 * Theme.pad
                spacing: Theme.gap

                KText {
                    objectName: "maintenanceNotice"
                    Layout.fillWidth: true
                    visible: !!root.v.notice
                    bold: true
                    color: (root.v.notice || "").indexOf("fail") >= 0 || root.v.notice === "roll_not_sent" ? Theme.danger : Theme.text
                    src: MaintenanceTexts.word(root.v.notice || "")
                    args: root.noticeArgs()
                    translateArgs: root.noticeWords().length > 0
                }
                KText {
                    objectName: "maintenanceBusy"
                    Layout.fillWidth: true
                    visible: !root.idle
                    src: QT_TRANSLATE_NOOP("Zizhu", "正在执行，请稍候…")
                }

                KText { Layout.fillWidth: true; heading: true; src: QT_TRANSLATE_NOOP("Zizhu", "设备状态与自检") }
                Repeater {
                    // A count, not the list: the view changes at every device poll, and delegates made
                    // anew each time would move under a finger (a tap landing on one still at 0,0).
                    model: (root.v.devices || []).length
                    delegate: Rectangle {
                        required property int index
                        readonly property var modelData: (root.v.devices || [])[index] || ({"kind": "", "state": "", "faults": [], "result": {}})
                        Layout.fillWidth: true
                        implicitHeight: row.implicitHeight + 2 * Theme.pad
                        radius: Theme.radius
                        color: Theme.card
                        RowLayout {
                            id: row
                            anchors.fill: parent
                            anchors.margins: Theme.pad
                            spacing: Theme.gap
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 4
                                Flow {
                                    Layout.fillWidth: true
                                    spacing: Theme.gap
                                    KText {
                                        objectName: "deviceName_" + modelData.kind
                                        wrap: false  // a short name: one line (in a Flow it was cut at its first width)
                                        bold: true
                                        src: MaintenanceTexts.kind(modelData.kind)
                                    }
                                    KText {
                                        objectName: "deviceState_" + modelData.kind
                                        wrap: false
                                        bold: true
                                        src: MaintenanceTexts.state(modelData.state)
                                        color: modelData.state === "online" || modelData.state === "busy" ? Theme.text : Theme.danger
                                    }
                                }
                                DataText {
                                    Layout.fillWidth: true
                                    visible: text !== ""
                                    text: [modelData.reason].concat(modelData.faults).filter(function (s) { return !!s }).join("；")
                                    font.pixelSize: Theme.small
                                }
                                KText {
                                    objectName: "selfTestResult_" + modelData.kind
                                    Layout.fillWidth: true
                                    visible: modelData.result.ok !== undefined
                                    bold: true
                                    color: modelData.result.ok ? Theme.text : Theme.danger
                                    src: modelData.result.ok ? QT_TRANSLATE_NOOP("Zizhu", "自检通过（%1秒）")
                                                             : QT_TRANSLATE_NOOP("Zizhu", "自检未通过（%1秒）")
                                    args: [String(modelData.result.elapsed)]
                                }
                                DataText {
                                    objectName: "selfTestSummary_" + modelData.kind
                                    Layout.fillWidth: true
                                    visible: modelData.result.ok !== undefined
                                    text: (modelData.result.summary || "") + ((modelData.result.faults || []).length
                                          ? "（" + modelData.result.faults.join("，") + "）" : "")
                                    font.pixelSize: Theme.small
                                }
                            }
                            KButton {
                                objectName: "selfTest_" + modelData.kind
                                enabled: root.idle
                                primary: false
                                src: root.v.busy === "self_test:" + modelData.kind ? QT_TRANSLATE_NOOP("Zizhu", "自检中…")
                                                                                 : QT_TRANSLATE_NOOP("Zizhu", "自检")
                                onClicked: maintenance.act("selfTest", modelData.kind)
                            }
                        }
                    }
                }

                KText {
                    Layout.fillWidth: true
                    visible: (root.v.stations || []).length > 0
                    heading: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "打印机")
                }
                KButton {
                    objectName: "testPage"
                    visible: (root.v.stations || []).length > 0
                    Layout.fillWidth: true
                    enabled: root.idle
                    src: QT_TRANSLATE_NOOP("Zizhu", "打印测试页")
                    onClicked: maintenance.act("testPage")
                }
                Repeater {
                    model: (root.v.stations || []).length
                    delegate: KButton {
                        required property int index
                        readonly property string modelData: (root.v.stations || [])[index] || ""
                        objectName: "roll_" + modelData
                        Layout.fillWidth: true
                        enabled: root.idle
                        primary: false
                        src: modelData === "journal" ? QT_TRANSLATE_NOOP("Zizhu", "确认已装好新的流水纸卷")
                                                     : QT_TRANSLATE_NOOP("Zizhu", "确认已装好新的凭条纸卷")
                        onClicked: maintenance.act("roll", modelData)
                    }
                }

                KText {
                    Layout.fillWidth: true
                    visible: (root.v.slots || []).length > 0
                    heading: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "打开文件柜格口（维护）")
                }
                GridLayout {
                    visible: (root.v.slots || []).length > 0
                    Layout.fillWidth: true
                    columns: root.width > root.height ? 10 : 6
                    columnSpacing: Theme.gap / 2
                    rowSpacing: Theme.gap / 2
                    Repeater {
                        model: (root.v.slots || []).length
                        delegate: KButton {
                            required property int index
                            readonly property var modelData: (root.v.slots || [])[index] || ({"slot": 0})
                            objectName: "slot_" + modelData.slot
                            Layout.fillWidth: true
                            enabled: root.idle
                            primary: false
                            src: (modelData.slot < 10 ? "0" : "") + modelData.slot
                            reason: modelData.door === "open" ? QT_TRANSLATE_NOOP("Zizhu", "门开")
                                  : modelData.door === "jammed" ? QT_TRANSLATE_NOOP("Zizhu", "卡住")
                                  : modelData.occupied ? QT_TRANSLATE_NOOP("Zizhu", "有物") : ""
                            onClicked: maintenance.act("openSlot", String(modelData.slot))
                        }
                    }
                }

                RowLayout {
                    visible: root.v.incidentsState !== ""
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    KText { Layout.fillWidth: true; heading: true; src: QT_TRANSLATE_NOOP("Zizhu", "本终端未处理的故障") }
                    KButton {
                        objectName: "incidentsRefresh"
                        primary: false
                        enabled: root.v.incidentsState !== "loading"
                        src: QT_TRANSLATE_NOOP("Zizhu", "刷新")
                        onClicked: maintenance.act("incidents")
                    }
                }
                KText {
                    objectName: "incidentsState"
                    Layout.fillWidth: true
                    visible: root.v.incidentsState !== "" && (root.v.incidentsState !== "ok" || (root.v.incidents || []).length === 0)
                    color: root.v.incidentsState === "unreachable" ? Theme.danger : Theme.text
                    src: root.v.incidentsState === "loading" ? QT_TRANSLATE_NOOP("Zizhu", "正在向大厅查询…")
                       : root.v.incidentsState === "unreachable" ? QT_TRANSLATE_NOOP("Zizhu", "无法连接大厅服务器，暂时看不到故障单")
                       : root.v.incidentsState === "unconfigured" ? QT_TRANSLATE_NOOP("Zizhu", "未配置大厅服务器地址，看不到故障单")
                       : QT_TRANSLATE_NOOP("Zizhu", "没有未处理的故障")
                }
                Repeater {
                    model: root.v.incidents || []
                    delegate: DataText {
                        required property var modelData
                        objectName: "incident_" + modelData.code
                        Layout.fillWidth: true
                        text: (modelData.opened || "") + "  " + modelData.code + (modelData.title ? "  " + modelData.title : "")
                    }
                }
            }
        }
    }
}
