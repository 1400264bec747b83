import QtQuick
import QtQuick.Layouts

// 延时服务预约 (seed 000): book the Saturday 09:00–12:00 extended hours for a service item — card,
// item, Saturday (holidays greyed with the reason), phone on the pad, confirm; the slip says what to
// bring. 我的预约: the card's bookings, cancelled up to the day before (kiosk/flows_appointment.py).
KPage {
    id: page
    name: "appointment"
    title: QT_TRANSLATE_NOOP("Zizhu", "延时服务预约")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "周六上午9:00至12:00延时服务，请选择预约或查看我的预约")
    signal finished()
    readonly property var v: kioskAppointment.view
    readonly property string st: v.state || ""
    readonly property bool busy: ["items_loading", "booking", "sending", "undoing", "mine_loading", "cancelling", "cancel_sending"].indexOf(st) >= 0
    Component.onCompleted: kioskAppointment.act("open")
    property string lastSaid: ""
    function say(src) { if (src !== "" && src !== lastSaid) { lastSaid = src; kiosk.say(qsTranslate("Zizhu", src)) } }
    onVChanged: {
        if (v.error) say(AppointmentTexts.reason(v.error))
        else if (st === "card") say(QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区"))
        else if (st === "booked") say(QT_TRANSLATE_NOOP("Zizhu", "预约成功，请取走预约回执"))
        else if (st === "cancelled") say(QT_TRANSLATE_NOOP("Zizhu", "预约已取消"))
    }

    component Choice: Rectangle {
        id: choice
        property string label
        property string detail
        property bool available: true
        signal chosen()
        Layout.fillWidth: true
        implicitHeight: Math.max(Theme.target, ccol.implicitHeight + Theme.gap)
        radius: Theme.radius
        border.color: available ? Theme.primary : Theme.muted
        border.width: 2
        color: available ? Theme.bg : Theme.disabledBg
        Accessible.role: Accessible.Button
        Accessible.name: label + " " + detail
        Accessible.onPressAction: choice.chosen()
        ColumnLayout {
            id: ccol
            anchors.fill: parent
            anchors.margins: Theme.gap / 2
            DataText { Layout.fillWidth: true; text: choice.label; font.bold: true; color: choice.available ? Theme.text : Theme.fgDisabled }
            DataText { Layout.fillWidth: true; visible: choice.detail !== ""; text: choice.detail }
        }
        MouseArea { anchors.fill: parent; onClicked: choice.chosen() }
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
                objectName: "appointmentError"
                Layout.fillWidth: true
                visible: !!page.v.error
                color: Theme.danger
                bold: true
                src: AppointmentTexts.reason(page.v.error || "")
            }
            DataText {  // the number to give on the phone when the state of a booking is not certain
                Layout.fillWidth: true
                visible: page.v.error === "undo_failed" && !!page.v.booking.no
                text: (page.v.booking.no || "") + "　" + (kiosk.hall.hotline || "")
                font.bold: true
            }

            // the menu
            KText {
                visible: page.st === "menu"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "非工作日周六上午9:00—12:00提供预约延时服务（法定节假日除外），预约截至前一天周五12:00")
            }
            KButton {
                objectName: "appointmentBook"
                visible: page.st === "menu"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.target * 1.6, implicitHeight)
                src: QT_TRANSLATE_NOOP("Zizhu", "预约周六延时服务")
                onClicked: kioskAppointment.act("book")
            }
            KButton {
                objectName: "appointmentMine"
                visible: page.st === "menu"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.target * 1.6, implicitHeight)
                primary: false
                src: QT_TRANSLATE_NOOP("Zizhu", "我的预约（查看、取消）")
                onClicked: kioskAppointment.act("mine")
            }

            // the card
            KText {
                objectName: "appointmentPlaceCard"
                visible: page.st === "card"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区")
            }

            KText {
                visible: page.busy
                Layout.fillWidth: true
                heading: true
                src: page.st === "booking" || page.st === "sending" ? QT_TRANSLATE_NOOP("Zizhu", "正在预约，请稍候…")
                   : page.st === "cancelling" || page.st === "cancel_sending" || page.st === "undoing" ? QT_TRANSLATE_NOOP("Zizhu", "正在取消，请稍候…")
                   : QT_TRANSLATE_NOOP("Zizhu", "正在查询，请稍候…")
            }

            // step 1: the item
            KText {
                visible: page.st === "items"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "第1步：请选择要办理的事项")
            }
            Repeater {
                model: page.st === "items" ? (page.v.items || []) : []
                delegate: Choice {
                    required property var modelData
                    objectName: "appointmentItem_" + modelData.code
                    label: modelData.name
                    detail: modelData.department
                    onChosen: kioskAppointment.act("item", modelData.code)
                }
            }

            // step 2: the Saturday
            KText {
                visible: page.st === "day"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "第2步：请选择预约日期（周六上午9:00—12:00）")
            }
            DataText { visible: page.st === "day" || page.st === "phone" || page.st === "confirm"; Layout.fillWidth: true; text: page.v.item.name || ""; font.bold: true }
            Repeater {
                model: page.st === "day" ? (page.v.saturdays || []) : []
                delegate: Rectangle {
                    id: sat
                    required property var modelData
                    readonly property bool open: modelData.status === "open"
                    objectName: "appointmentDay_" + modelData.day
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.target, scol.implicitHeight + Theme.gap)
                    radius: Theme.radius
                    border.color: open ? Theme.primary : Theme.muted
                    border.width: 2
                    color: open ? Theme.bg : Theme.disabledBg
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.day + " " + stText.shown
                    Accessible.onPressAction: kioskAppointment.act("day", sat.modelData.day)
                    ColumnLayout {
                        id: scol
                        anchors.fill: parent
                        anchors.margins: Theme.gap / 2
                        KText {
                            Layout.fillWidth: true
                            bold: true
                            color: sat.open ? Theme.text : Theme.fgDisabled
                            src: QT_TRANSLATE_NOOP("Zizhu", "%1 星期六")
                            args: [sat.modelData.day]
                        }
                        KText {
                            id: stText
                            objectName: "appointmentDayStatus_" + sat.modelData.day
                            Layout.fillWidth: true
                            color: sat.open ? Theme.primary : Theme.danger
                            src: AppointmentTexts.status(sat.modelData.status)
                            args: [AppointmentTexts.statusArg(sat.modelData)]
                            translateArgs: sat.modelData.status === "holiday"
                        }
                    }
                    MouseArea { anchors.fill: parent; onClicked: kioskAppointment.act("day", sat.modelData.day) }
                }
            }

            // step 3: the phone
            KText {
                visible: page.st === "phone"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "第3步：请输入联系电话，部门工作人员将与您联系")
            }
            Rectangle {
                visible: page.st === "phone"
                Layout.fillWidth: true
                implicitHeight: Theme.target
                radius: Theme.radius
                color: Theme.card
                DataText {
                    objectName: "appointmentPhone"
                    anchors.centerIn: parent
                    text: page.v.phone || ""
                    font.pixelSize: Theme.heading
                }
            }
            NumPad {
                visible: page.st === "phone"
                Layout.fillWidth: true
                onKey: (k) => kioskAppointment.act("key", k)
            }

            // step 4: confirm
            KText {
                visible: page.st === "confirm"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "第4步：请核对预约信息")
            }
            KText {
                visible: page.st === "confirm"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "预约人：%1；联系电话：%2")
                args: [page.v.name || "", page.v.phoneMasked || ""]
            }
            KText {
                visible: page.st === "confirm"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "预约时间：%1 星期六 %2")
                args: [page.v.day || "", page.v.hours || ""]
            }

            // booked
            KText {
                objectName: "appointmentBooked"
                visible: page.st === "booked"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "预约成功，预约编号：%1")
                args: [page.v.booking.no || ""]
            }
            KText {
                visible: page.st === "booked"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "预约时间：%1 星期六 %2")
                args: [page.v.booking.day || "", page.v.hours || ""]
            }
            KText {
                visible: page.st === "booked"
                Layout.fillWidth: true
                bold: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请准时到达；超过约定时间30分钟未到，工作人员将与您联系；超过1小时未到视为放弃")
            }
            KText {
                visible: page.st === "booked" || page.st === "confirm"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "请携带以下材料：")
            }
            Repeater {
                model: page.st === "booked" || page.st === "confirm" ? (page.v.item.materials || []) : []
                delegate: DataText { required property string modelData; required property int index; Layout.fillWidth: true; text: (index + 1) + ". " + modelData }
            }
            KText {
                objectName: "appointmentSlip"
                visible: page.st === "booked"
                Layout.fillWidth: true
                color: page.v.printState === "failed" ? Theme.danger : Theme.text
                src: page.v.printState === "printed" ? QT_TRANSLATE_NOOP("Zizhu", "请取走预约回执")
                   : page.v.printState === "failed" ? QT_TRANSLATE_NOOP("Zizhu", "回执未能打印，请记下预约编号")
                   : QT_TRANSLATE_NOOP("Zizhu", "正在打印回执…")
            }

            // my bookings
            KText {
                visible: page.st === "mine"
                Layout.fillWidth: true
                heading: true
                src: (page.v.bookings || []).length ? QT_TRANSLATE_NOOP("Zizhu", "我的预约：点击要取消的预约")
                                                    : QT_TRANSLATE_NOOP("Zizhu", "您没有待办理的延时服务预约")
            }
            Repeater {
                model: page.st === "mine" ? (page.v.bookings || []) : []
                delegate: Choice {
                    required property var modelData
                    objectName: "appointmentBooking_" + modelData.no
                    label: modelData.day + "　" + modelData.itemName
                    detail: modelData.no + "　" + modelData.department
                    onChosen: kioskAppointment.act("choose", modelData.no)
                }
            }
            KText {
                visible: page.st === "cancel_confirm"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "确定取消以下预约吗？")
            }
            DataText {
                visible: page.st === "cancel_confirm" || page.st === "cancelled" || page.st === "cancel_unsent"
                Layout.fillWidth: true
                text: (page.v.chosen.day || "") + "　" + (page.v.chosen.itemName || "") + "\n" + (page.v.chosen.no || "")
                font.bold: true
            }
            KText {
                objectName: "appointmentCancelled"
                visible: page.st === "cancelled"
                Layout.fillWidth: true
                heading: true
                src: QT_TRANSLATE_NOOP("Zizhu", "预约已取消")
            }
            KText {
                visible: page.st === "cancel_unsent"
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "预约已取消，但未能通知大厅，请点击重试")
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                KButton {
                    objectName: "appointmentBack"
                    visible: ["items", "day", "phone", "confirm", "mine", "cancel_confirm", "card", "failed"].indexOf(page.st) >= 0
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    primary: false
                    src: QT_TRANSLATE_NOOP("Zizhu", "上一步")
                    onClicked: kioskAppointment.act("back")
                }
                KButton {
                    objectName: "appointmentNext"
                    visible: page.st === "phone"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    src: QT_TRANSLATE_NOOP("Zizhu", "下一步")
                    onClicked: kioskAppointment.act("next")
                }
                KButton {
                    objectName: "appointmentSubmit"
                    visible: page.st === "confirm"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    src: QT_TRANSLATE_NOOP("Zizhu", "确认预约")
                    onClicked: kioskAppointment.act("submit")
                }
                KButton {
                    objectName: "appointmentCancel"
                    visible: page.st === "cancel_confirm"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    danger: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "确定取消预约")
                    onClicked: kioskAppointment.act("cancel")
                }
                KButton {
                    objectName: "appointmentResend"
                    visible: page.st === "cancel_unsent"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    src: QT_TRANSLATE_NOOP("Zizhu", "重试")
                    onClicked: kioskAppointment.act("resend")
                }
            }
            KButton {
                objectName: "appointmentHome"
                visible: !page.busy
                Layout.fillWidth: true
                primary: page.st === "booked" || page.st === "cancelled"
                src: QT_TRANSLATE_NOOP("Zizhu", "返回首页")
                // booked: the rating page first (as after every service), then home
                onClicked: page.st === "booked" && !page.v.rated ? kioskAppointment.act("finish") : page.finished()
            }
        }
    }
}
