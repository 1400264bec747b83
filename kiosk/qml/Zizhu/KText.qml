import QtQuick

// Every piece of interface text: a Chinese source string translated in context "Zizhu".
// In Mongolian mode the Mongolian stands on the left, vertical, with the Chinese beside it, same
// size and colour (Inner Mongolia's bilingual rule).
Item {
    id: root
    property string src
    property var args: []
    property bool translateArgs: false  // args are source words too: each side gets them in its own language
    property color color: Theme.text
    property int pixelSize: heading ? Theme.heading : Theme.body
    property bool heading: false
    property bool bold: heading
    property int horizontalAlignment: Text.AlignLeft
    property bool wrap: true
    readonly property bool mn: kiosk.language === "mn" && /[\u4e00-\u9fff]/.test(src)
    readonly property string shown: fill(qsTranslate("Zizhu", src), translateArgs)
    readonly property string source: fill(src, false)

    function fill(t, tr) {
        var out = t
        for (var i = 0; i < args.length; ++i)
            if (out.indexOf("%" + (i + 1)) >= 0)
                out = out.arg(tr ? qsTranslate("Zizhu", args[i]) : args[i])
        return out
    }

    implicitWidth: mn ? mnRow.implicitWidth : plain.implicitWidth
    implicitHeight: mn ? mnRow.implicitHeight : plain.implicitHeight

    Text {
        id: plain
        property string kioskTemplate: qsTranslate("Zizhu", root.src)  // for the tests: the words without the data
        visible: !root.mn
        width: root.width > 0 ? root.width : implicitWidth
        text: root.shown
        color: root.color
        font.family: Theme.font
        font.pixelSize: root.pixelSize
        font.bold: root.bold
        wrapMode: root.wrap ? Text.Wrap : Text.NoWrap
        horizontalAlignment: root.horizontalAlignment
    }
    Row {
        id: mnRow
        visible: root.mn
        spacing: Theme.gap / 2
        MongolianText {
            template: qsTranslate("Zizhu", root.src)
            text: root.shown
            pixelSize: root.pixelSize
            color: root.color
            bold: root.bold
        }
        Text {
            property bool kioskCompanion: true
            property string kioskTemplate: root.src
            width: root.width > 0 ? Math.max(0, root.width - x) : implicitWidth
            text: root.source
            color: root.color
            font.family: Theme.font
            font.pixelSize: root.pixelSize
            font.bold: root.bold
            wrapMode: root.wrap ? Text.Wrap : Text.NoWrap
        }
    }
}
