import QtQuick

// A page of the stack: its name (for the app and the tests), its title and the prompt read aloud
// when it is shown (🔊 repeats it).
Item {
    id: page
    property string name
    property string title
    property string prompt
    readonly property bool landscape: width > height
    signal shown()
    function speakPrompt() { if (prompt !== "") kiosk.say(qsTranslate("Zizhu", prompt)) }
}
