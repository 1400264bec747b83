import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// 办事指南: by department, by theme, or search (Chinese, Pinyin, Pinyin initials such as ylbx).
KPage {
    id: page
    name: "guide"
    title: QT_TRANSLATE_NOOP("Zizhu", "办事指南")
    prompt: QT_TRANSLATE_NOOP("Zizhu", "请按部门或主题选择，或输入事项名称、拼音首字母查找")
    signal openItem()
    readonly property var v: kiosk.guide.view
    property string mode: "department"
    Component.onCompleted: kiosk.guide.act("open")
    property string lastState: ""
    onVChanged: {
        if (v.state === "item" && lastState !== "item" && page.StackView.status === StackView.Active) page.openItem()  // on entering the state, not on every refresh
        lastState = v.state
        if (v.error) kiosk.say(qsTranslate("Zizhu", Texts.reason(v.error)))
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pad
        spacing: Theme.gap
        KText {
            objectName: "guideLoading"
            visible: page.v.state === "loading"
            Layout.fillWidth: true
            src: QT_TRANSLATE_NOOP("Zizhu", "正在加载，请稍候…")
        }
        ColumnLayout {
            objectName: "guideError"
            visible: page.v.state === "error"
            Layout.fillWidth: true
            spacing: Theme.gap
            KText { Layout.fillWidth: true; color: Theme.danger; bold: true; src: Texts.reason(page.v.error || "") }
            KText { Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "咨询电话：%1"); args: [kiosk.hall.hotline || ""] }
            KButton { objectName: "guideRetry"; Layout.fillWidth: true; src: QT_TRANSLATE_NOOP("Zizhu", "重试"); onClicked: kiosk.guide.act("open") }
        }
        RowLayout {
            visible: page.v.state === "browse"
            Layout.fillWidth: true
            spacing: Theme.gap
            TextField {
                id: query
                objectName: "searchField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.target
                font.pixelSize: Theme.body
                font.family: Theme.font
                color: Theme.text
                placeholderText: qsTranslate("Zizhu", "事项名称或拼音首字母")
                placeholderTextColor: Theme.muted
                inputMethodHints: Qt.ImhNoPredictiveText
                Accessible.name: qsTranslate("Zizhu", "事项名称或拼音首字母")
                background: Rectangle { color: Theme.bg; border.color: Theme.primary; border.width: 2; radius: Theme.radius }
                onAccepted: { page.mode = "search"; kiosk.guide.act("search", text) }
            }
            KButton {
                objectName: "searchButton"
                src: QT_TRANSLATE_NOOP("Zizhu", "查找")
                onClicked: { page.mode = "search"; kiosk.guide.act("search", query.text) }
            }
        }
        RowLayout {
            visible: page.v.state === "browse"
            Layout.fillWidth: true
            spacing: Theme.gap
            KButton {
                objectName: "byDepartment"; Layout.fillWidth: true
                primary: page.mode === "department"; src: QT_TRANSLATE_NOOP("Zizhu", "按部门")
                onClicked: page.mode = "department"
            }
            KButton {
                objectName: "byTheme"; Layout.fillWidth: true
                primary: page.mode === "theme"; src: QT_TRANSLATE_NOOP("Zizhu", "按主题")
                onClicked: page.mode = "theme"
            }
        }
        ListView {
            id: list
            objectName: "guideList"
            visible: page.v.state === "browse"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.target * 2.5  // room for two rows even in landscape Mongolian
            clip: true
            spacing: Theme.gap / 2
            readonly property bool showItems: page.mode === "search" || !!(page.v.filter || {})[page.mode]
            model: showItems ? (page.v.results || []) : (page.mode === "theme" ? (page.v.themes || []) : (page.v.departments || []))
            header: KText {
                width: list.width
                visible: list.showItems && (page.v.results || []).length === 0
                height: visible ? implicitHeight + Theme.gap : 0
                src: page.mode === "search" ? QT_TRANSLATE_NOOP("Zizhu", "没有找到相关事项，请换个说法或按部门查找")
                                            : QT_TRANSLATE_NOOP("Zizhu", "请选择")
            }
            delegate: Rectangle {
                id: row
                required property var modelData
                required property int index
                readonly property bool isItem: list.showItems
                objectName: isItem ? "item_" + modelData.code : "group_" + index
                width: list.width
                height: Math.max(Theme.target, rowText.implicitHeight + Theme.pad)
                radius: Theme.radius
                color: Theme.card
                Accessible.role: Accessible.Button
                Accessible.name: isItem ? modelData.name : modelData
                Accessible.onPressAction: row.activate()
                function activate() {
                    if (isItem) kiosk.guide.act("choose", modelData.code)
                    else kiosk.guide.act(page.mode, modelData)
                }
                DataText {
                    id: rowText
                    anchors.verticalCenter: parent.verticalCenter
                    x: Theme.pad
                    width: parent.width - 2 * Theme.pad
                    text: row.isItem ? row.modelData.name + "  ·  " + row.modelData.department : row.modelData
                }
                MouseArea { anchors.fill: parent; onClicked: row.activate() }
            }
        }
        KButton {
            objectName: "guideUp"
            visible: page.v.state === "browse" && list.showItems && page.mode !== "search"
            Layout.fillWidth: true
            primary: false
            src: QT_TRANSLATE_NOOP("Zizhu", "返回上一级")
            onClicked: kiosk.guide.act("open")
        }
    }
}
