"""Voice guidance: each page's prompt and every error, read aloud by QtTextToSpeech.

On a terminal the engine is ``speechd`` (speech-dispatcher with espeak-ng), whose Mandarin voice
must be chosen by name (``[kiosk] tts_voice``); the tests use Qt's ``mock`` engine and read
:attr:`Voice.said`. Only prompts and errors are spoken, never personal data. espeak-ng has no
Mongolian voice: in Mongolian mode the Chinese text (shown beside the Mongolian) is read.
"""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QLocale, QObject
from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger("zizhu.kiosk.voice")


class Voice(QObject):
    def __init__(self, engine: str = "speechd", voice_name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.said: deque[str] = deque(maxlen=100)  # what was read, newest last (prompts only)
        self.enabled = True
        self._tts: QTextToSpeech | None = None
        try:
            if engine not in QTextToSpeech.availableEngines():
                raise RuntimeError(f"no text-to-speech engine {engine!r}; have {QTextToSpeech.availableEngines()}")
            self._tts = QTextToSpeech(engine, self)
            if self._tts.state() == QTextToSpeech.State.Error:
                raise RuntimeError(self._tts.errorString())
        except RuntimeError as exc:
            log.warning("voice guidance off: %s", exc)  # the screen still says everything in words
            self._tts = None
        self.voice_name = voice_name
        self.set_language("zh")

    @property
    def available(self) -> bool:
        return self._tts is not None

    def set_language(self, language: str) -> None:
        if self._tts is None:
            return
        self._tts.setLocale(QLocale("en_US" if language == "en" else "zh_CN"))
        if self.voice_name:
            match = [v for v in self._tts.availableVoices() if v.name() == self.voice_name]
            if match:
                self._tts.setVoice(match[0])
            else:
                log.warning("voice %r not found; using the engine's default", self.voice_name)

    def say(self, text: str) -> None:
        text = text.strip()
        if not text or not self.enabled:
            return
        self.said.append(text)
        if self._tts is not None:
            self._tts.stop()
            self._tts.say(text)
