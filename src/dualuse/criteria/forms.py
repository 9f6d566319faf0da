"""The written forms of figures that a unit alone does not give: counts named by a cue ("5-axis",
"TPP 4,800", "832 user I/O"), bearing grades ("ABEC 7", "P4"), frame rates ("60 fps", "30 ips"),
video formats and megapixels, tolerances ("1080±5 nm"), a CMM's length-error formula, and the
numbers themselves (thousands separators per language, decimal commas). Read by
``criteria.reader``.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Numbers written without a unit, named by a count cue: "5-axis", "axes: 5", "TPP 4,800", "M² 1.1"
_COUNT_BEFORE = re.compile(
    r"(?P<cue>tpp|m2|m²|app|performance density|densite de performance|channels?|canaux|voies"
    r"|axes?|contouring axes|user i/os?|i/os?|e/s)\s*(?:[:=]|of|de|is|est)?\s*(?:[<≤~]|&lt;)?\s*"
    r"(?P<n>\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![\w.,]*\s?(?:[a-zµ°%]))",
    re.IGNORECASE)
_COUNT_AFTER = re.compile(
    r"(?<![\w.,])(?P<n>\d+)\s?-?\s?(?P<cue>axis|axes|axe|channels?|canaux|voies|(?:user )?i/os?"
    r"|e/s|correction planes?|planes|plans de correction|plans|electrodes?|électrodes?)(?![\w/])",
    re.IGNORECASE)
_COUNT_CUE = {"tpp": "total_processing_performance", "app": "apparent_performance",
              "m2": "beam_quality", "m²": "beam_quality",
              "performance density": "performance_density",
              "densite de performance": "performance_density",
              "axis": "contouring_axes", "axes": "contouring_axes", "axe": "contouring_axes",
              "contouring axes": "contouring_axes", "channel": "channel_count",
              "channels": "channel_count", "canaux": "channel_count", "voies": "channel_count",
              "i/o": "io_count", "i/os": "io_count", "user i/o": "io_count",
              "user i/os": "io_count", "e/s": "io_count",
              "correction plane": "correction_planes", "correction planes": "correction_planes",
              "planes": "correction_planes", "plans de correction": "correction_planes",
              "plans": "correction_planes",
              "electrode": "electrode_count", "electrodes": "electrode_count"}
# bearing tolerance class of ISO 492 (smaller is tighter): "ISO 492 class 4", "P4", "ABEC 7" (= 4);
# the Normal class (P0, ABEC 1) is read as 8, looser than class 6
_GRADE = re.compile(
    r"(?<![\w])(?:abec\s?-?(?P<abec>[13579])"
    r"|(?:iso\s?492\s)?(?:(?:tolerance|precision)\s)?class(?:e)?(?:\sde\s(?:tolérance|précision))?"
    r"\s(?:p)?(?P<iso>[0245-6]))(?!\w|[.,]\d)", re.IGNORECASE)
_ABEC_TO_ISO = {"1": 8, "3": 6, "5": 5, "7": 4, "9": 2}
# frames per second: "60 fps"; "ips" (images par seconde) in French only (in English: inch/s)
_FPS = re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?)"
                  r"\s?(?P<u>fps|ips|img/s|images/s|i/s|frames/s|images par seconde"
                  r"|frames per second)(?![\w/])", re.IGNORECASE)
# video formats: the active pixels a camera uses for moving images, which is how the Technical
# Note to 6A003.b.1 counts a video camera's pixels ("1080p" is 1920 x 1080; "4K" read as DCI 4K,
# 4096 x 2160, the larger of its two meanings)
_VIDEO_FORMATS: dict[str, int] = {
    "720p": 1280 * 720, "1080p": 1920 * 1080, "1080i": 1920 * 1080, "full hd": 1920 * 1080,
    "1440p": 2560 * 1440, "2k": 2048 * 1080, "2160p": 3840 * 2160, "4k": 4096 * 2160,
    "uhd": 3840 * 2160, "4320p": 7680 * 4320, "8k": 8192 * 4320}
# megapixels: a sensor's pixel count, never fewer than the pixels it uses for video, so reading it
# as the number of elements can only hold goods (every criterion on it is a floor)
_MEGAPIXELS = re.compile(r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)\s?(?:mp|mpx|mpix|megapixels?"
                         r"|mégapixels?|megapixel|mpixels?)(?![\w/])", re.IGNORECASE)
_VIDEO_CONTEXT = re.compile(r"(?<![a-z])(?:camera|cameras|video|webcam|camescope|camcorder"
                            r"|dashcam|monitor|moniteur|ecran|tv|television)(?![a-z])")
_VIDEO = re.compile(r"(?<![\w.])(?P<v>" + "|".join(
    re.escape(k) for k in sorted(_VIDEO_FORMATS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE)
_TOLERANCE = re.compile(r"(?<=\d)(?P<tol>\s*(?:±|\+/-|\+-)\s*\d+(?:[.,]\d+)?\s*)"
                        r"(?P<u>[A-Za-zµμ°%][A-Za-zµμ°%/²³]*)")
_ARRAY_DASH = re.compile(r"(?<=[x×X*])(?P<n>\s?\d+) [–—-] (?=\d)")
_HYPHEN_UNIT = re.compile(r"(?<=\d)-(?=[A-Za-zµμ°])")
# a CMM's length error written as a formula, "MPE E0 = 0.9 + L/350 µm", "(1,7 + 3L/1000) µm": the
# constant term is the figure (the length term is not a length in µm); rewritten in place, same
# length, so that "0.9 µm" is read and "350 µm" is not
_MPE_FORMULA = re.compile(
    r"\(?(?P<n>\d+(?:[.,]\d+)?)\s*\+\s*(?:\d+(?:[.,]\d+)?\s*)?L\s*/\s*\d+(?:[.,]\d+)?\s*\)?\s*"
    r"(?=(?:µm|μm|um)(?!\w))")


def _mpe_constant(m: re.Match[str]) -> str:
    return m["n"].rjust(len(m[0]) - 1) + " "


_RANGE_JOIN = re.compile(r"\s*(?:°\s?c|[a-zµμ°]{0,3})?\s*(?:to|à|a|-|–|\.\.\.?|…|/)\s*[+]?$",
                         re.IGNORECASE)


def _joined(text: str, end: int, start: int) -> bool:
    """Is the text between two figures only a range word ("to", "à", "-", "...")?"""
    return 0 <= start - end <= 12 and bool(_RANGE_JOIN.fullmatch(text[end:start]))


def _number(s: str, *, thousands: bool | str = False) -> Decimal | None:
    """``thousands``: True for any of space, comma, point between groups of three digits, or the
    separators a language uses for them."""
    t = s.replace("\u00a0", " ").replace("\u202f", " ").strip()
    seps = " ,." if thousands is True else thousands or ""
    if seps and re.fullmatch(rf"\d{{1,3}}(?:[{re.escape(seps)}]\d{{3}})+", t):
        t = re.sub(rf"[{re.escape(seps)}]", "", t)
    t = t.replace(" ", "").replace(",", ".")
    try:
        v = Decimal(t)
    except ArithmeticError:
        return None
    return v if v.is_finite() else None
