"""Chinese for the About box (app/ui/about.py); merged into fill_ts.py's table."""

ZH_ABOUT = {
    "Version %1": "版本 %1",
    "Licence: %1": "许可证：%1",
    "Runs on Python %1 (%2), Qt %3 and SQLite %4 (public domain).": "运行于 Python %1（%2）、Qt %3 和 SQLite %4（公有领域）。",
    "Libraries shipped with it, and their licences:": "随附的程序库及其许可证：",
    "Library": "程序库",
    "Version": "版本",
    "Licence": "许可证",
    "About Qt": "关于 Qt",
    "not stated": "未注明",
}
