import QtQuick
import QtQuick.Layouts

// Home: the services (greyed, with the reason, when their device is down), the card prompt,
// language switch and elderly mode.
KPage {
    id: page
    name: "home"
    title: QT_TRANSLATE_NOOP("Zizhu", "24小时自助服务")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "您好，请放置身份证，或点击要办理的业务")
    signal open(string what)
    signal openPickup()  // the document locker (LockerPickupPage, LockerDepositPage)
    signal openDeposit()
    signal openPhoto()
    signal openA4()
    signal openCapture()  // 材料提交 with the document camera (CapturePage)
    signal openComplaint()
    signal openAppointment()  // 延时服务预约 (AppointmentPage)
    readonly property var av: kiosk.availability.services || ({})
    readonly property var idv: kiosk.identity.view

    Flickable {
        anchors.fill: parent
        contentHeight: col.implicitHeight + 2 * Theme.pad
        clip: true
        ColumnLayout {
            id: col
            x: Theme.pad
            y: Theme.pad
            width: page.width - 2 * Theme.pad
            spacing: Theme.gap * 1.5

            DataText {
                Layout.fillWidth: true
                text: kiosk.hall.name || ""
                font.pixelSize: Theme.heading
                font.bold: true
            }
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: greet.implicitHeight + 2 * Theme.pad
                radius: Theme.radius
                color: idv.error ? Theme.warningBg : Theme.card
                ColumnLayout {
                    id: greet
                    anchors.fill: parent
                    anchors.margins: Theme.pad
                    KText {
                        objectName: "greeting"
                        Layout.fillWidth: true
                        visible: !!kiosk.card.name
                        heading: true
                        src: QT_TRANSLATE_NOOP("Zizhu", "您好，%1")
                        args: [kiosk.card.name || ""]
                    }
                    KText {
                        objectName: "homeCardError"
                        Layout.fillWidth: true
                        visible: idv.error !== "" && idv.error !== undefined && !(kiosk.availability.idcard)
                        color: Theme.danger
                        bold: true
                        src: Texts.reason(idv.error || "")
                    }
                    KText {
                        Layout.fillWidth: true
                        visible: !kiosk.card.name
                        src: QT_TRANSLATE_NOOP("Zizhu", "请将身份证放在感应区，或点击下方业务开始")
                    }
                }
            }
            GridLayout {
                Layout.fillWidth: true
                // ten services: two abreast in portrait in Chinese, so the language switch stays in view on
                // the first screen; one a row where the words are long (Mongolian, English reasons, elders' sizes)
                columns: page.landscape ? 3 : (kiosk.language === "zh" && !kiosk.elderly ? 2 : 1)
                uniformCellWidths: true
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap
                KButton {
                    objectName: "service_identity"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "读取身份证")
                    enabled: !page.av.identity
                    reason: page.av.identity ? Texts.reason(page.av.identity) : ""
                    onClicked: page.open("identity")
                }
                KButton {
                    objectName: "service_guide"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "办事指南")
                    enabled: !page.av.guide
                    reason: page.av.guide ? Texts.reason(page.av.guide) : ""
                    onClicked: page.open("guide")
                }
                KButton {
                    objectName: "service_progress"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "办件查询")
                    enabled: !page.av.progress
                    reason: page.av.progress ? Texts.reason(page.av.progress) : ""
                    onClicked: page.open("progress")
                }
                KButton {
                    objectName: "service_pickup"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "文件柜取件")
                    enabled: !page.av.pickup
                    reason: page.av.pickup ? LockerTexts.homeReason(page.av.pickup) : ""
                    onClicked: page.openPickup()
                }
                KButton {
                    objectName: "service_deposit"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "材料存放")
                    enabled: !page.av.deposit
                    reason: page.av.deposit ? LockerTexts.homeReason(page.av.deposit) : ""
                    onClicked: page.openDeposit()
                }
                KButton {
                    objectName: "service_photo"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    icon: "📷"
                    src: QT_TRANSLATE_NOOP("Zizhu", "证件照")
                    enabled: !page.av.photo
                    reason: page.av.photo ? PhotoTexts.reason(page.av.photo) : ""
                    onClicked: page.openPhoto()
                }
                KButton {
                    objectName: "service_a4"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "表格和证明打印")
                    enabled: !page.av.a4
                    reason: page.av.a4 ? A4Texts.reason(page.av.a4) : ""
                    onClicked: page.openA4()
                }
                KButton {
                    objectName: "service_capture"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "材料提交")
                    enabled: !page.av.capture
                    reason: page.av.capture ? CaptureTexts.reason(page.av.capture) : ""
                    onClicked: page.openCapture()
                }
                KButton {
                    objectName: "service_complaint"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    primary: false
                    src: QT_TRANSLATE_NOOP("Zizhu", "办不成事反映")
                    enabled: !feedback.complaintBlocked
                    reason: feedback.complaintBlocked ? FeedbackTexts.reason(feedback.complaintBlocked) : ""
                    onClicked: page.openComplaint()
                }
                KButton {
                    objectName: "service_appointment"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.target * 1.6
                    src: QT_TRANSLATE_NOOP("Zizhu", "延时服务预约")
                    // the hall's copy is sealed to its key like a complaint's phone: without the key, off before it starts
                    enabled: !page.av.appointment && !feedback.complaintBlocked
                    reason: page.av.appointment ? AppointmentTexts.reason(page.av.appointment)
                          : feedback.complaintBlocked ? FeedbackTexts.reason(feedback.complaintBlocked) : ""
                    onClicked: page.openAppointment()
                }
            }
            KText {
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "语言 / Language")
                bold: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                KButton {
                    objectName: "lang_zh"; Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "中文"); primary: kiosk.language === "zh"
                    onClicked: kiosk.setLanguage("zh")
                }
                KButton {
                    objectName: "lang_mn"; Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "蒙古文"); primary: kiosk.language === "mn"
                    onClicked: kiosk.setLanguage("mn")
                }
                KButton {
                    objectName: "lang_en"; Layout.fillWidth: true
                    src: QT_TRANSLATE_NOOP("Zizhu", "英文"); primary: kiosk.language === "en"
                    onClicked: kiosk.setLanguage("en")
                }
            }
            KButton {
                objectName: "elderlyButton"
                Layout.fillWidth: true
                primary: kiosk.elderly
                icon: "👓"
                src: kiosk.elderly ? QT_TRANSLATE_NOOP("Zizhu", "长辈模式：已开启") : QT_TRANSLATE_NOOP("Zizhu", "长辈模式：字更大")
                onClicked: kiosk.setElderly(!kiosk.elderly)
            }
            KText {
                Layout.fillWidth: true
                src: QT_TRANSLATE_NOOP("Zizhu", "遇到问题请拨打咨询电话：%1")
                args: [kiosk.hall.hotline || ""]
            }
            Flow {
                visible: kiosk.demo
                Layout.fillWidth: true
                spacing: Theme.gap
                Repeater {
                    model: kiosk.demoCards
                    delegate: KButton {
                        required property string modelData
                        objectName: "demoCard_" + modelData
                        primary: false
                        src: QT_TRANSLATE_NOOP("Zizhu", "演示：放置证件 %1")
                        args: [modelData]
                        onClicked: kiosk.demoPlaceCard(modelData)
                    }
                }
            }
        }
    }
}
