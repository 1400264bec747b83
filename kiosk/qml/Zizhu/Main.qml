import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

ApplicationWindow {
    id: win
    objectName: "kioskWindow"
    width: 1080
    height: 1920
    visible: false
    color: Theme.bg
    title: qsTranslate("Zizhu", "自助服务终端")

    function pageName() { return stack.currentItem ? stack.currentItem.name : "" }
    function open(component) {
        stack.push(component)
    }
    // After a rating: home — or back to the materials just submitted, whose page offers their free mailing.
    function afterRating() {
        const under = stack.depth > 1 ? stack.get(stack.depth - 2) : null
        if (under && under.name === "capture" && kioskCapture.view.state === "done" && kioskCapture.view.mailable) stack.pop()
        else win.home()
    }
    function home() {
        stack.clear(StackView.Immediate)
        stack.push(homePage, {}, StackView.Immediate)
    }

    Connections {
        target: kiosk
        function onHomeRequested() { win.home() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TopBar {
            id: bar
            Layout.fillWidth: true
            title: stack.currentItem ? stack.currentItem.title : ""
            home: win.pageName() === "home"
            onSpeak: if (stack.currentItem) stack.currentItem.speakPrompt()
            onGoHome: win.home()
        }
        StackView {
            id: stack
            objectName: "stack"
            Layout.fillWidth: true
            Layout.fillHeight: true
            initialItem: homePage
            // Pages change at once: no sliding for eyes that follow slowly, no touch lost mid-slide.
            pushEnter: Transition {}
            pushExit: Transition {}
            popEnter: Transition {}
            popExit: Transition {}
            replaceEnter: Transition {}
            replaceExit: Transition {}
            onCurrentItemChanged: if (currentItem) {
                kiosk.pageShown(currentItem.name)
                currentItem.speakPrompt()
            }
        }
    }

    Component { id: homePage; HomePage { onOpen: (what) => win.open(what === "identity" ? identityPage : what === "guide" ? guidePage : progressPage) } }
    Component { id: identityPage; IdentityPage { onDone: win.home() } }
    Component { id: guidePage; GuidePage { onOpenItem: win.open(guideItemPage) } }
    Component { id: guideItemPage; GuideItemPage { onBack: { kiosk.guide.act("back"); stack.pop() } } }
    Component { id: progressPage; ProgressPage { onOpenCase: win.open(casePage) } }
    Component { id: casePage; CasePage { onBack: { kiosk.progress.act("back"); stack.pop() } } }
    Component { id: pickupPage; LockerPickupPage {} }
    Component { id: depositPage; LockerDepositPage {} }
    Connections {  // the home page's 文件柜取件 and 材料存放
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenPickup() { win.open(pickupPage) }
        function onOpenDeposit() { win.open(depositPage) }
    }
    Component { id: photoPage; PhotoPage { onFinished: win.home() } }
    Connections {  // the home page's 证件照
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenPhoto() { win.open(photoPage) }
    }
    Component { id: a4Page; A4Page { onFinished: win.home() } }
    Connections {  // the home page's 表格和证明打印
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenA4() { win.open(a4Page) }
    }
    Component { id: capturePage; CapturePage { onFinished: win.home() } }
    Connections {  // the home page's 材料提交
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenCapture() { win.open(capturePage) }
    }
    // After each completed service its rating page (voluntary: 跳过 goes home); the complaint window.
    Component { id: ratingPage; RatingPage { onFinished: win.afterRating() } }
    Component { id: complaintPage; ComplaintPage { onFinished: win.home() } }
    Connections {
        target: feedback
        function onOffered() { if (win.pageName() !== "rating") win.open(ratingPage) }
    }
    Connections {  // the home page's 办不成事反映
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenComplaint() { win.open(complaintPage) }
    }
    Component { id: appointmentPage; AppointmentPage { onFinished: win.home() } }
    Connections {  // the home page's 延时服务预约
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenAppointment() { win.open(appointmentPage) }
    }

    // Qt Virtual Keyboard: Pinyin for Chinese (typing "zhengwu" offers 政务) and English; its user
    // dictionary is personal data, removed when the session ends (kiosk/app.py).
    InputPanel {
        id: keyboard
        objectName: "keyboard"
        z: 5
        x: 0
        width: win.width
        y: active ? win.height - height : win.height
        visible: active
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "activeLocales"
        value: ["zh_CN", "en_US"]
    }

    Countdown { anchors.fill: parent; z: 10 }
    ClosedScreen { anchors.fill: parent; z: 20 }
    // 维护模式: a 3 s press on the home screen's bottom-left corner (also under the closed screen),
    // then the technician's screen over everything (MaintenanceScreen.qml).
    MaintenanceCorner {
        z: 25
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        visible: win.pageName() === "home" && !keyboard.active
    }
    MaintenanceScreen { anchors.fill: parent; z: 30 }

    // 政务专递: from the home page, a case's page (办件查询) or the materials just submitted
    Component { id: mailingPage; MailingPage { onFinished: win.home() } }
    Connections {
        target: stack.currentItem
        ignoreUnknownSignals: true
        function onOpenMailing(caseNo) { kioskMailing.act("open", caseNo); win.open(mailingPage) }
    }
}
