"""Lexical validity of XSD literals (XML Schema 1.1 Part 2), for ``sh:datatype``.

Only the lexical space (and, for the bounded integer types and dates, the value space) is
checked; a datatype outside XSD, or an XSD type without a rule here, counts as well-formed.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import re

XSD = "http://www.w3.org/2001/XMLSchema#"

_TZ = r"(Z|[+-]\d\d:\d\d)"
_DATE = r"(-?\d{4,})-(\d\d)-(\d\d)"
_TIME = r"(\d\d):(\d\d):(\d\d(?:\.\d+)?)"
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_FLOAT = re.compile(r"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)")
_NAME_START = r"A-Za-z_\u00C0-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\uFFFD"
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PATTERNS = {
    "boolean": re.compile(r"true|false|1|0"),
    "decimal": _DECIMAL,
    "float": _FLOAT,
    "double": _FLOAT,
    "date": re.compile(_DATE + _TZ + "?"),
    "dateTime": re.compile(_DATE + "T" + _TIME + _TZ + "?"),
    "dateTimeStamp": re.compile(_DATE + "T" + _TIME + _TZ),
    "time": re.compile(_TIME + _TZ + "?"),
    "gYear": re.compile(r"-?\d{4,}" + _TZ + "?"),
    "gYearMonth": re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])" + _TZ + "?"),
    "gMonth": re.compile(r"--(0[1-9]|1[0-2])" + _TZ + "?"),
    "gDay": re.compile(r"---(0[1-9]|[12]\d|3[01])" + _TZ + "?"),
    "gMonthDay": re.compile(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])" + _TZ + "?"),
    "duration": re.compile(
        r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"
    ),
    "yearMonthDuration": re.compile(r"-?P(?=\d)(\d+Y)?(\d+M)?"),
    "dayTimeDuration": re.compile(r"-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"),
    "hexBinary": re.compile(r"([0-9a-fA-F]{2})*"),
    "language": re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*"),
    "Name": re.compile(f"[{_NAME_START}:][{_NAME_CHAR}:]*"),
    "NCName": re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*"),
    "NMTOKEN": re.compile(f"[{_NAME_CHAR}:]+"),
}
#: integer types and their inclusive bounds (None: unbounded)
_INTEGER_RANGES = {
    "integer": (None, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
    "positiveInteger": (1, None),
}


def well_formed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is in the lexical space of XSD datatype ``datatype`` (an IRI)."""
    if not datatype.startswith(XSD):
        return True
    name = datatype[len(XSD) :]
    if name in _INTEGER_RANGES:
        if not _INTEGER.fullmatch(lexical):
            return False
        low, high = _INTEGER_RANGES[name]
        value = int(lexical)
        return (low is None or value >= low) and (high is None or value <= high)
    if name == "normalizedString":
        return not any(c in lexical for c in "\r\n\t")
    if name == "token":
        return (
            not any(c in lexical for c in "\r\n\t")
            and lexical == lexical.strip(" ")
            and "  " not in lexical
        )
    if name == "base64Binary":
        try:
            base64.b64decode("".join(lexical.split()), validate=True)
        except (binascii.Error, ValueError):
            return False
        return True
    pattern = _PATTERNS.get(name)
    if pattern is None:
        return True
    match = pattern.fullmatch(lexical)
    if match is None:
        return False
    dated = name in ("date", "dateTime", "dateTimeStamp")
    if dated and not _valid_date(match.group(1), match.group(2), match.group(3)):
        return False
    if name in ("dateTime", "dateTimeStamp"):
        return _valid_time(match.group(4), match.group(5), match.group(6))
    if name == "time":
        return _valid_time(match.group(1), match.group(2), match.group(3))
    return True


def _valid_date(year: str, month: str, day: str) -> bool:
    y, m, d = int(year), int(month), int(day)
    if not 1 <= m <= 12 or d < 1:
        return False
    return d <= calendar.monthrange(y if 1 <= y <= 9999 else 2000 + (y % 400), m)[1]


def _valid_time(hour: str, minute: str, second: str) -> bool:
    h, m, s = int(hour), int(minute), float(second)
    if h == 24:
        return m == 0 and s == 0
    return h < 24 and m < 60 and s < 60
