pragma Singleton
import QtQuick

// Sizes, colours and fonts: the one place. Sizes are dp-equivalent pixels at the terminal's
// 1080-wide portrait or 1920-wide landscape screen; elderly mode (长辈模式) scales them up
// (docs/kiosk.md: body ≥ 18, headings ≥ 30, targets ≥ 60 × 60, contrast ≥ 4.5 : 1).
QtObject {
    readonly property bool elderly: kiosk.elderly
    readonly property int body: elderly ? 32 : 24
    readonly property int small: elderly ? 26 : 20
    readonly property int heading: elderly ? 46 : 34
    readonly property int title: elderly ? 58 : 44
    readonly property int target: elderly ? 120 : 88
    readonly property int pad: elderly ? 28 : 20
    readonly property int gap: elderly ? 22 : 16
    readonly property int radius: 14
    readonly property int mnColumn: elderly ? 220 : 170 // longest vertical Mongolian column (then a new column)

    readonly property color bg: "#ffffff"
    readonly property color text: "#1a1a1a"
    readonly property color muted: "#3d3d3d"
    readonly property color primary: "#0b4f96"
    readonly property color fgPrimary: "#ffffff"
    readonly property color secondaryBg: "#e8f0fa"
    readonly property color fgSecondary: "#0b2f59"
    readonly property color disabledBg: "#e6e6e6"
    readonly property color fgDisabled: "#3d3d3d"
    readonly property color danger: "#a31515"
    readonly property color warningBg: "#fff1c2"
    readonly property color fgWarning: "#1a1a1a"
    readonly property color bar: "#0b4f96"
    readonly property color fgBar: "#ffffff"
    readonly property color card: "#f4f6f8"

    readonly property string font: "Noto Sans CJK SC"
    readonly property string mongolianFont: "Noto Sans Mongolian"
}
