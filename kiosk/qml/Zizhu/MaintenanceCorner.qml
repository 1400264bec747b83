import QtQuick

// The hidden way in for a technician: a long press (3 s) on the home screen's bottom-left corner.
// Nothing is drawn; the handler only watches (a passive grab), so a short tap there reaches the
// page underneath as before.
Item {
    id: corner
    objectName: "maintenanceCorner"
    width: 140
    height: 140
    TapHandler {
        longPressThreshold: 3
        onLongPressed: maintenance.act("enter")
    }
}
