import QtQuick

// Data from the platform or the card (an item's name, a case number): shown as it comes, never
// translated. The untranslated-string test skips these, and only these.
Text {
    property bool kioskData: true
    color: Theme.text
    font.family: Theme.font
    font.pixelSize: Theme.body
    wrapMode: Text.Wrap
}
