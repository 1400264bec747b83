"""The receipt printer's reasons for people (``DeviceError.reason``, shown to staff and in the status), each once."""

NO_ANSWER = "打印机无应答"  # it does not answer in time (status and jobs)
CLOSED = "打印机已关闭"
CLOSED_NOT_PRINTED = "打印机已关闭，凭条未打印"
GARBLED_STATUS = "打印机状态应答无效（乱码）"
COVER_OPEN = "打印机盖未关好"
CUTTER_ERROR = "打印机切纸刀故障（可能卡纸）"
PAPER_NEAR_END = "凭条纸将尽"
JOB_TIMED_OUT = "打印超时，凭条可能未打印完整"
SEND_TIMED_OUT = "向打印机发送数据超时"
SERIAL_LOST = "打印机串口连接中断"
USB_LOST = "USB打印机连接中断"
