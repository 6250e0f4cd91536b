"""Decoding bytes to text: UTF-8 first, else the encoding charset-normalizer detects.

charset-normalizer often ranks another Latin-script code page (cp1250, cp775, cp850,
mac_iceland, hp_roman8, ...) first for short Windows-1252 or Latin-1 text, which turns "Señor"
into "Seńor" and "café" into "cafķ". When it does, cp1252 wins if it decodes the bytes and its
reading looks like real words. Measured (`python -m storyline.evaluation.ingest_inputs`, held-out
half, texts cut to 1,000 characters): Spanish in cp1252 decoded exactly 0.37 -> 1.00, Italian
0.68 -> 1.00, French 0.93 -> 1.00, German 0.99 -> 0.99; Polish in cp1250 0.98 -> 0.98 (at 200
characters 0.81 -> 0.80); Russian and Turkish unchanged. The encoding used is returned, so that
a reader can note the guess.
"""

from __future__ import annotations

import re
import unicodedata

# Code pages charset-normalizer wrongly guesses for short Windows-1252/Latin-1 text: the old
# DOS, Mac and HP pages and the other Latin-script Windows/ISO pages (central European, Baltic,
# Vietnamese, Nordic, Celtic). Not Cyrillic, Greek or Turkish (cp1251, cp1253, cp1254,
# iso8859_5/7/9): a cp1252 reading of those often looks like words too, and their guesses are
# mostly right (eval ingest_inputs: Turkish 0.65 -> 0.02, Russian 200 characters 1.0 -> 0.63 when
# they were included).
_LATIN_GUESS = re.compile(
    r"^(?:cp(?:437|7\d\d|8\d\d|1125|1250|1257|1258)|mac_(?!cyrillic|greek|turkish)\w+|"
    r"hp_roman8|iso8859_(?:2|3|4|10|13|14|15|16)|latin_1)$"
)
_WORD_INNER = frozenset({"Ll", "Lu", "Lo", "Pd", "Pf"})


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first; otherwise the encoding charset-normalizer detects.

    When it detects another single-byte code page, cp1252 is preferred if it reads the bytes as
    plausible words: `decode("Café".encode("latin-1"))` is "Café", not cp775's "Cafķ".
    """
    return decode_with_encoding(data)[0]


def decode_with_encoding(data: bytes) -> tuple[str | None, str | None]:
    """The text and the encoding it was read in ("utf-8" when it is UTF-8), or (None, None)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None
    text, encoding = str(best), best.encoding
    if _LATIN_GUESS.match(encoding):
        windows = _windows_1252(data)
        if windows is not None:
            text, encoding = windows, "cp1252"
    if _control_ratio(text) > 0.05:
        return None, None
    return text, encoding


def decode_declared(data: bytes, charset: str | None) -> tuple[str | None, str | None]:
    """The text in the charset a server or archive declared if that reads it (no guess, so no
    encoding is returned to note), else as `decode_with_encoding` detects it."""
    if charset:
        codec = "utf-8-sig" if charset.lower().replace("_", "-") in ("utf-8", "utf8") else charset
        try:
            return data.decode(codec), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_with_encoding(data)


def _windows_1252(data: bytes) -> str | None:
    """The cp1252 reading of `data` if every byte decodes and the words look real, else None.

    Text in another code page read as cp1252 puts symbols inside words ("aprŠs", "C\\xa0diz",
    Polish "gê¶li") or a capital after a small letter ("valdØia"); real text has neither.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    previous = ""
    for index, char in enumerate(text):
        if ord(char) > 127 and previous.isalpha():
            category = unicodedata.category(char)
            following = text[index + 1 : index + 2]
            if previous.islower() and category == "Lu":
                return None
            if following.isalpha() and category not in _WORD_INNER:
                return None
        previous = char
    return text


def _control_ratio(text: str) -> float:
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / max(len(text), 1)


def encoding_note(encoding: str | None) -> tuple[str, ...]:
    """The note a document read in a guessed encoding carries (none for UTF-8)."""
    if encoding is None or encoding in ("utf-8", "utf_8", "ascii"):
        return ()
    return (
        f"the input is not UTF-8: decoded as {encoding} (guessed from its bytes); "
        "check accented letters",
    )
