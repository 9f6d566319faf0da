"""Quantities with units in free text (EN/FR), and thresholds extracted from list wording.

``find_quantities("LWIR core 640 x 512, 12 µm pitch, 60 Hz")`` finds the pixel array, the pitch
and the frame rate, each with its value converted to the dimension's base unit, so it can be
compared with an entry's machine-readable parameters (``compare``). ``extract_thresholds`` turns
list wording ("... exceeding 43.5 GHz", "of 0.5 mrad or less") into ``Parameter`` records.

Units come from our own small table (``UNITS``), not pint: the table loads in microseconds, pint's
registry takes ~0.3 s to build, which the CLI cannot afford (see docs/parameters.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from dualuse.errors import InputError
from dualuse.model import Comparator, ControlList, Parameter

__all__ = ["UNITS", "Quantity", "compare", "extract_thresholds", "find_quantities", "parse_unit",
           "relevant"]

D = Decimal
MAX_TEXT = 20_000

# symbol -> (dimension, factor to the dimension's base unit). Aliases map to a canonical symbol.
UNITS: dict[str, tuple[str, Decimal]] = {
    # frequency (Hz)
    "Hz": ("frequency", D(1)), "kHz": ("frequency", D(10) ** 3), "MHz": ("frequency", D(10) ** 6),
    "GHz": ("frequency", D(10) ** 9), "THz": ("frequency", D(10) ** 12),
    # power (W)
    "mW": ("power", D("0.001")), "W": ("power", D(1)), "kW": ("power", D(1000)),
    "MW": ("power", D(10) ** 6), "GW": ("power", D(10) ** 9), "TW": ("power", D(10) ** 12),
    # apparent power of AC sources and frequency changers, read as power (VA ~ W)
    "VA": ("power", D(1)), "kVA": ("power", D(1000)), "MVA": ("power", D(10) ** 6),
    "dBm": ("power_level", D(1)),
    # energy (J)
    "mJ": ("energy", D("0.001")), "J": ("energy", D(1)), "kJ": ("energy", D(1000)),
    "MJ": ("energy", D(10) ** 6),
    # length (m)
    "nm": ("length", D("1e-9")), "um": ("length", D("1e-6")), "mm": ("length", D("0.001")),
    "cm": ("length", D("0.01")), "m": ("length", D(1)), "km": ("length", D(1000)),
    "msw": ("depth", D(1)),
    # time (s)
    "fs": ("time", D("1e-15")), "ps": ("time", D("1e-12")), "ns": ("time", D("1e-9")),
    "us": ("time", D("1e-6")), "ms": ("time", D("0.001")), "s": ("time", D(1)),
    "min": ("time", D(60)), "h": ("time", D(3600)),
    # angles (rad)
    "mrad": ("angle", D("0.001")), "urad": ("angle", D("1e-6")), "rad": ("angle", D(1)),
    "deg": ("angle", D("0.0174532925199432957692369077")),
    "arcsec": ("angle", D("0.00000484813681109535993589914")),
    # angular rate (rad/s)
    "deg/h": ("angular_rate", D("0.00000484813681109535993589914")),
    "deg/s": ("angular_rate", D("0.0174532925199432957692369077")),
    "rad/s": ("angular_rate", D(1)),
    # revolutions per minute (2 pi / 60 rad/s): balancing machines, centrifuges, spindles
    "rpm": ("angular_rate", D("0.104719755119659774615421446")),
    # acceleration (m/s2)
    "g": ("acceleration", D("9.80665")), "mg": ("acceleration", D("0.00980665")),
    "ug": ("acceleration", D("0.00000980665")), "m/s2": ("acceleration", D(1)),
    # gravimeters: microgal and milligal (1 Gal = 1 cm/s2)
    "uGal": ("acceleration", D("1e-8")), "mGal": ("acceleration", D("1e-5")),
    # magnetometer noise floor (tesla per root hertz): "4 pT/√Hz", "0,1 nT/√Hz"
    "fT/rt-Hz": ("magnetic_noise", D("1e-15")), "pT/rt-Hz": ("magnetic_noise", D("1e-12")),
    "nT/rt-Hz": ("magnetic_noise", D("1e-9")),
    # photocathode sensitivity: luminous (A/lm) and radiant (A/W)
    "uA/lm": ("luminous_sensitivity", D("1e-6")), "mA/W": ("radiant_sensitivity", D("0.001")),
    # temperature (K, offsets handled apart)
    "K": ("temperature", D(1)), "degC": ("temperature", D(1)),
    # others
    "V": ("voltage", D(1)), "kV": ("voltage", D(1000)), "mV": ("voltage", D("0.001")),
    # capacitance (F) and inductance (H) of capacitors: "2 µF", "30 nH"
    "pF": ("capacitance", D("1e-12")), "nF": ("capacitance", D("1e-9")),
    "uF": ("capacitance", D("1e-6")), "mF": ("capacitance", D("0.001")),
    "nH": ("inductance", D("1e-9")), "uH": ("inductance", D("1e-6")),
    "A": ("current", D(1)), "mA": ("current", D("0.001")), "kA": ("current", D(1000)),
    "Pa": ("pressure", D(1)), "kPa": ("pressure", D(1000)), "MPa": ("pressure", D(10) ** 6),
    "GPa": ("pressure", D(10) ** 9), "bar": ("pressure", D(100000)),
    "mbar": ("pressure", D(100)), "Torr": ("pressure", D("133.322368")),
    "kg": ("mass", D(1)), "g_mass": ("mass", D("0.001")), "t": ("mass", D(1000)),
    "dB": ("ratio_db", D(1)), "dBc": ("ratio_db", D(1)), "%": ("fraction", D("0.01")),
    "m/s": ("speed", D(1)), "km/h": ("speed", D(1) / D("3.6")), "kn": ("speed", D("0.514444")),
    "W/cm2": ("power_density", D(10000)), "W/m2": ("power_density", D(1)),
    "kg/m3": ("density", D(1)), "g/cm3": ("density", D(1000)),
    "N": ("force", D(1)), "kN": ("force", D(1000)),
    "px": ("pixels", D(1)), "elements": ("count", D(1)),
    "bit": ("bits", D(1)), "Gbit/s": ("data_rate", D(10) ** 9), "Mbit/s": ("data_rate", D(10) ** 6),
    "GS/s": ("sample_rate", D(10) ** 9), "MS/s": ("sample_rate", D(10) ** 6),
    "kS/s": ("sample_rate", D(1000)), "S/s": ("sample_rate", D(1)),
    # computer performance: Adjusted Peak Performance in Weighted TeraFLOPS (Category 4)
    "WT": ("performance", D(1)),
    "ppm": ("fraction", D("1e-6")),
    # "1 part hafnium to 500 parts zirconium" (1C234): a share written as parts per 500
    "part/500": ("fraction", D(1) / D(500)),
    # volume (m3), volume flow (m3/s), impulse (N s), specific modulus / strength (m)
    "mL": ("volume", D("1e-6")), "L": ("volume", D("0.001")), "m3": ("volume", D(1)),
    "m3/h": ("volume_rate", D(1) / D(3600)), "L/h": ("volume_rate", D("0.001") / D(3600)),
    "L/min": ("volume_rate", D("0.001") / D(60)), "m3/s": ("volume_rate", D(1)),
    "N.s": ("impulse", D(1)), "kN.s": ("impulse", D(1000)), "MN.s": ("impulse", D(10) ** 6),
    "m_specific": ("specific_length", D(1)),
    # angle random walk (Category 7 gyros), in degrees per square root hour
    "deg/rt-h": ("angle_random_walk", D(1)),
    # torque (N m): "250 N·m" is a torque, never "250 nm" (a length)
    "N.m": ("torque", D(1)), "kN.m": ("torque", D(1000)),
    # specific fuel consumption of a jet engine (9A101.a.2): kg of fuel per N of thrust per hour
    "kg/(N.h)": ("fuel_consumption", D(1)), "g/(kN.s)": ("fuel_consumption", D("0.0036")),
    "lb/(lbf.h)": ("fuel_consumption", D("0.10197")),
    # dose that clears an electron-beam resist (3C002.b): charge per area
    "uC/mm2": ("charge_density", D(1)), "uC/cm2": ("charge_density", D("0.01")),
    # data rates in bytes (8 bits): "GB/s", French "Go/s"
    "GB/s": ("data_rate", D(8) * D(10) ** 9), "MB/s": ("data_rate", D(8) * D(10) ** 6),
    "TB/s": ("data_rate", D(8) * D(10) ** 12),
    # EU-only entries (0B001, 2B350-2B352, 3A504): suction in m3/min, heat-transfer and
    # filtration areas, detection limits in mg/m3, dryer capacities in kg/h and kg of ice per
    # 24 h, cooling power in uW, millikelvin temperatures
    "m3/min": ("volume_rate", D(1) / D(60)), "m2": ("area", D(1)),
    "mg/m3": ("mass_concentration", D("1e-6")),
    "kg/h": ("mass_rate", D(1) / D(3600)), "kg/d": ("mass_rate", D(1) / D(86400)),
    "uW": ("power", D("1e-6")), "mK": ("temperature", D("0.001")),
    # cells and batteries (3A001.e.1): energy per mass in J/kg, power per mass in W/kg
    "Wh/kg": ("specific_energy", D(3600)), "W/kg": ("specific_power", D(1)),
    "kW/kg": ("specific_power", D(1000)),
}

ALIASES: dict[str, str] = {
    "µm": "um", "μm": "um", "micron": "um", "microns": "um", "micrometre": "um", "micrometer": "um",
    "micrometres": "um", "micrometers": "um", "micromètre": "um", "micromètres": "um",
    "nanometre": "nm", "nanometer": "nm", "nanometres": "nm", "nanomètres": "nm",
    "millimetre": "mm", "millimetres": "mm", "mètres": "m", "metres": "m", "meters": "m",
    "metre": "m", "meter": "m", "mètre": "m", "kilometres": "km", "kilomètres": "km",
    "µs": "us", "μs": "us", "microseconds": "us", "nanoseconds": "ns", "milliseconds": "ms",
    "seconds": "s", "sec": "s", "minute": "min", "minutes": "min", "mn": "min", "hours": "h",
    "hour": "h", "heures": "h", "heure": "h", "hr": "h", "mins": "min", "hrs": "h",
    "µrad": "urad", "μrad": "urad", "microrad": "urad", "milliradian": "mrad",
    "milliradians": "mrad",
    "°": "deg", "degrees": "deg", "degree": "deg", "degrés": "deg", "°/h": "deg/h", "º/h": "deg/h",
    "deg/hr": "deg/h", "degree/hour": "deg/h", "degrees per hour": "deg/h", "°/hr": "deg/h",
    "degree per hour": "deg/h", "degrees/hour": "deg/h", "degree/hr": "deg/h",
    "°/s": "deg/s", "deg/sec": "deg/s", "degrees per second": "deg/s",
    "degree per second": "deg/s", "degrés par seconde": "deg/s",
    "µg": "ug", "μg": "ug", "micro-g": "ug", "microg": "ug", "milli-g": "mg",
    "m/s²": "m/s2", "°C": "degC", "ºC": "degC", "degC": "degC", "kelvin": "K",
    "W/cm²": "W/cm2", "W/m²": "W/m2", "g/cm³": "g/cm3", "kg/m³": "kg/m3",
    "percent": "%", "per cent": "%", "pour cent": "%", "pct": "%",
    "knots": "kn", "noeuds": "kn", "nœuds": "kn", "watts": "W", "watt": "W", "joules": "J",
    "joule": "J", "volts": "V", "pixels": "px", "pixel": "px", "Gbps": "Gbit/s", "Mbps": "Mbit/s",
    "Gb/s": "Gbit/s", "Mb/s": "Mbit/s", "Gsps": "GS/s", "Msps": "MS/s", "GSa/s": "GS/s",
    "tonnes": "t", "tonne": "t", "kilograms": "kg", "kilogrammes": "kg",
    "Weighted TeraFLOPS": "WT", "Weighted TeraFLOPS (WT)": "WT",
    "micro g": "ug", "micro-gs": "ug",
    "litres": "L", "liters": "L", "litre": "L", "liter": "L", "l": "L", "ml": "mL",
    "m³": "m3", "m³/h": "m3/h", "l/h": "L/h", "l/min": "L/min", "m³/s": "m3/s",
    "N·s": "N.s", "Ns": "N.s", "kN·s": "kN.s", "kNs": "kN.s", "MN·s": "MN.s",
    "degree per square root hour": "deg/rt-h", "degrees per square root hour": "deg/rt-h",
    "N·m": "N.m", "Nm": "N.m", "N-m": "N.m", "N m": "N.m", "kN·m": "kN.m", "kNm": "kN.m",
    "Géch/s": "GS/s", "Méch/s": "MS/s", "kéch/s": "kS/s", "éch/s": "S/s", "Gech/s": "GS/s",
    "Mech/s": "MS/s", "kSPS": "kS/s", "ksps": "kS/s", "SPS": "S/s", "sps": "S/s",
    "GSPS": "GS/s", "MSPS": "MS/s", "kSa/s": "kS/s", "MSa/s": "MS/s",
    "Go/s": "GB/s", "Mo/s": "MB/s", "To/s": "TB/s", "bits": "bit",
    "dBm/Hz": "dBm", "µF": "uF", "μF": "uF", "µH": "uH", "μH": "uH",
    "°/√h": "deg/rt-h", "deg/√h": "deg/rt-h", "°/√hr": "deg/rt-h", "deg/√hr": "deg/rt-h",
    "m³/min": "m3/min", "m²": "m2", "mg/m³": "mg/m3", "kg/24h": "kg/d", "kg/24 h": "kg/d",
    "kg/day": "kg/d", "kg/jour": "kg/d", "kg/j": "kg/d", "µW": "uW", "μW": "uW",
    "tr/min": "rpm", "r/min": "rpm", "t/min": "rpm", "r.p.m.": "rpm", "torr": "Torr",
    "millibar": "mbar", "mbars": "mbar",
    "µGal": "uGal", "μGal": "uGal", "microgal": "uGal", "microgals": "uGal", "mgal": "mGal",
    "fT/√Hz": "fT/rt-Hz", "pT/√Hz": "pT/rt-Hz", "nT/√Hz": "nT/rt-Hz", "pT/rtHz": "pT/rt-Hz",
    "nT/rtHz": "nT/rt-Hz", "fT/rtHz": "fT/rt-Hz", "pT/Hz½": "pT/rt-Hz", "nT/Hz½": "nT/rt-Hz",
    "µA/lm": "uA/lm", "μA/lm": "uA/lm",
    "kg/N/h": "kg/(N.h)", "kg/(N·h)": "kg/(N.h)", "kg/Nh": "kg/(N.h)", "kg/N.h": "kg/(N.h)",
    "kg/N·h": "kg/(N.h)", "g/kN/s": "g/(kN.s)", "g/(kN·s)": "g/(kN.s)", "g/kNs": "g/(kN.s)",
    "lb/lbf/h": "lb/(lbf.h)", "lb/(lbf·h)": "lb/(lbf.h)", "lb/lbf.h": "lb/(lbf.h)",
    "lb/lbf·h": "lb/(lbf.h)", "lb/lbfh": "lb/(lbf.h)",
    "µC/mm²": "uC/mm2", "μC/mm²": "uC/mm2", "µC/mm2": "uC/mm2", "μC/mm2": "uC/mm2",
    "µC/cm²": "uC/cm2", "μC/cm²": "uC/cm2", "µC/cm2": "uC/cm2", "μC/cm2": "uC/cm2",
    # freeze-dryer condensers: "60 kg de glace en 24 h", "10 kg of ice in 24 hours"
    "kg de glace en 24 h": "kg/d", "kg de glace par 24 h": "kg/d", "kg de glace/24 h": "kg/d",
    "kg of ice in 24 h": "kg/d", "kg of ice per 24 h": "kg/d", "kg ice/24 h": "kg/d",
    "kg of ice in 24 hours": "kg/d", "kg of ice/24 h": "kg/d", "kg glace/24 h": "kg/d",
}

_CASELESS = {k.lower(): k for k in (*UNITS, *ALIASES)
             if k not in ("g", "mg", "MW", "mW", "Pa", "MPa", "ms", "Ms", "MS/s", "m", "M", "s",
                          "t", "K", "A", "V", "N", "h", "WT", "mK", "N m",
                          "GB/s", "MB/s", "TB/s", "Go/s", "Mo/s", "To/s")}

_NUM = (r"[-−–+]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"
        r"|[-−–+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in {*UNITS, *ALIASES} if u != "g_mass"),
                            key=len, reverse=True))
_QTY = re.compile(
    rf"(?P<a>{_NUM})(?:\s?(?:-|–|to|à|~)\s?(?P<b>{_NUM}))?\s?(?P<u>{_UNIT_ALT})(?![A-Za-zµμ0-9²³/])",
    re.IGNORECASE)
_ARRAY = re.compile(rf"(?P<a>{_NUM})\s?[x×X*]\s?(?P<b>{_NUM})(?:\s?(?:px|pixels?))?")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\wÀ-ÿ'’-]*")
_STOP_CONTEXT = {"a", "an", "the", "of", "with", "at", "and", "de", "du", "des", "la", "le", "les",
                 "à", "avec", "et", "en", "for", "pour", "than", "que", "to", "is", "est"}


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    """As written, in ``unit``."""
    unit: str
    """Canonical unit symbol from ``UNITS`` (``um``, ``GHz``, ``deg/h``...)."""
    dimension: str
    base_value: Decimal
    """``value`` in the dimension's base unit (Hz, W, m, rad/s...)."""
    text: str
    start: int
    end: int
    context: str | None = None
    """The words before the number that name the quantity ("bias stability", "pitch")."""


def parse_unit(symbol: str) -> tuple[str, str, Decimal]:
    """``(canonical symbol, dimension, factor to base)``; ``InputError`` for an unknown unit.

    >>> parse_unit("µm")
    ('um', 'length', Decimal('0.000001'))
    """
    s = " ".join(str(symbol).split())
    canon = s if s in UNITS else ALIASES.get(s)
    if canon is None:
        canon = _CASELESS.get(s.lower())
        canon = ALIASES.get(canon, canon) if canon else None
    if canon is None or canon not in UNITS:
        raise InputError(f"unknown unit {symbol!r}", value=symbol)
    dim, factor = UNITS[canon]
    return canon, dim, factor


def _number(text: str, lang: str | None) -> Decimal | None:
    t = text.replace("−", "-").replace("–", "-")
    t = re.sub(r"[ \u00a0\u202f\u2009]", "", t)
    if "," in t and "." not in t:
        # "0,5" decimal comma; "1,400" (EN thousands) only when exactly 3 digits follow and EN
        head, _, tail = t.partition(",")
        t = head + tail if len(tail) == 3 and lang == "en" and head.lstrip("-+") != "0" else \
            head + "." + tail
    elif "," in t:
        t = t.replace(",", "")
    try:
        v = Decimal(t)
    except InvalidOperation:
        return None
    return v if v.is_finite() and abs(v) < D(10) ** 30 else None


def _context(text: str, start: int) -> str | None:
    window = re.split(r"[,;:()\[\]\n]|\d", text[max(0, start - 60):start])[-1]
    words = _WORD.findall(window)
    out: list[str] = []
    for w in reversed(words):
        if w.lower() in _STOP_CONTEXT and not out:
            continue
        if w.lower() in _STOP_CONTEXT or len(out) == 3:
            break
        out.append(w.lower())
    return " ".join(reversed(out)) or None


def _make(value: Decimal, unit: str, text: str, start: int, end: int, ctx: str | None) -> Quantity:
    canon, dim, factor = parse_unit(unit)
    base = value * factor
    if canon == "degC":
        base = value + D("273.15")
    if canon == "ug" and ctx and "µg" in text.lower():
        pass
    return Quantity(value=value, unit=canon, dimension=dim, base_value=base, text=text,
                    start=start, end=end, context=ctx)


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every quantity with a unit, and pixel arrays (``640x512`` -> two ``px`` counts), in order."""
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_TEXT]
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _ARRAY.finditer(text):
        a, b = _number(m["a"], lang), _number(m["b"], lang)
        if a is None or b is None or a <= 0 or b <= 0 or a != a.to_integral() or \
                b != b.to_integral():
            continue
        ctx = _context(text, m.start())
        out.append(_make(a, "px", m.group(0), m.start(), m.end(), ctx))
        out.append(_make(b, "px", m.group(0), m.start(), m.end(), ctx))
        taken.append(m.span())
    for m in _QTY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._"):
            continue
        unit = m["u"]
        try:
            parse_unit(unit)
        except InputError:
            continue
        ctx = _context(text, m.start())
        for key in ("a", "b"):
            if m[key] is None:
                continue
            v = _number(m[key], lang)
            if v is None:
                continue
            out.append(_make(v, unit, m.group(0), m.start(), m.end(), ctx))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def compare(q: Quantity, p: Parameter) -> Literal["meets", "fails", "incomparable"]:
    """Does quantity ``q`` meet parameter ``p``'s threshold? Incomparable across dimensions."""
    try:
        _, dim, factor = _unit_cached(p.unit)
    except InputError:
        return "incomparable"
    if dim != q.dimension:
        return "incomparable"
    threshold = p.value + D("273.15") if p.unit in ("degC", "°C") else p.value * factor
    v = q.base_value
    ok = {"gt": v > threshold, "ge": v >= threshold, "lt": v < threshold, "le": v <= threshold,
          "eq": v == threshold}[p.comparator]
    return "meets" if ok else "fails"


@lru_cache(maxsize=512)
def _unit_cached(unit: str) -> tuple[str, str, Decimal]:
    return parse_unit(unit)


# --- thresholds in list wording ----------------------------------------------------------------

# (pattern before the number, comparator); the longest phrases first
_COMPARATORS: list[tuple[str, Comparator]] = [
    (r"up to and including", "le"), (r"(?:at or )?within", "le"),
    (r"(?:less|lower) \((?:better|worse|less|lower)\) than or equal to", "le"),
    (r"(?:more|greater|higher) \((?:better|worse|more|greater|higher)\) than or equal to", "ge"),
    (r"better \((?:less|lower)\) than or equal to", "le"),
    (r"better \((?:more|greater|higher)\) than or equal to", "ge"),
    (r"(?:less|lower) \((?:better|worse|less|lower)\) than", "lt"),
    (r"(?:more|greater|higher) \((?:better|worse|more|greater|higher)\) than", "gt"),
    (r"equal to or (?:more|greater|higher) \((?:better|more|greater|higher)\) than", "ge"),
    (r"equal to or (?:less|lower) \((?:better|less|lower)\) than", "le"),
    (r"better \((?:less|lower)\) than", "lt"), (r"better \((?:more|greater|higher)\) than", "gt"),
    (r"equal to or (?:smaller|shorter) than", "le"),
    (r"(?:equal|equivalent) to or (?:larger|longer) than", "ge"),
    (r"(?:smaller|shorter) than", "lt"), (r"(?:larger|longer) than", "gt"), (r"beyond", "gt"),
    (r"equal to or (?:more|greater) than", "ge"), (r"greater than or equal to", "ge"),
    (r"equal to or (?:less|lower) than", "le"), (r"less than or equal to", "le"),
    (r"(?:more|greater|higher) than", "gt"), (r"exceeding", "gt"), (r"in excess of", "gt"),
    (r"above", "gt"), (r"over", "gt"), (r"better than", "gt"),
    (r"(?:less|lower|fewer) than", "lt"), (r"below", "lt"), (r"under", "lt"),
    (r"not exceeding", "le"), (r"not more than", "le"), (r"(?:of )?up to", "le"),
    (r"not less than", "ge"), (r"at least", "ge"), (r"minimum of", "ge"), (r"maximum of", "le"),
    (r"≥|>=", "ge"), (r"≤|<=", "le"), (r">", "gt"), (r"<", "lt"),
]
_SUFFIX: list[tuple[str, Comparator]] = [(r"or more", "ge"), (r"or greater", "ge"),
                                          (r"or larger", "ge"), (r"or less", "le"),
                                          (r"or lower", "le"), (r"or smaller", "le")]
# "exceeding ± 5°": a symmetric bound, compared on its magnitude
_CMP_RE = re.compile(r"(?P<cmp>" + "|".join(f"(?:{p})" for p, _ in _COMPARATORS)
                     + r")\s*(?:±\s*)?$", re.I)
# the suffix may follow a unit spelled out or a defined term: 10 µrad (microradians) or less,
# 1 nautical mile "CEP" or less
_SUF_RE = re.compile(r'^\s*(?:\([^()]{1,30}\)\s*|"[^"]{1,12}"\s*)?(?P<cmp>'
                     + "|".join(p for p, _ in _SUFFIX) + r")\b", re.I)
_QUANTITY_WORDS = re.compile(r"(?:\"|')?([a-z][a-z \-]{2,60}?)(?:\"|')?\s*(?:of|is|:)?\s*$", re.I)
_NOISE = {"a", "an", "the", "any", "having", "with", "of", "or", "and", "at", "all", "but", "not",
          "is", "are", "than", "which", "that", "in", "for", "by", "to", "as", "specified",
          "equal", "rated", "designed", "total", "exceeding", "less", "more", "greater", "one",
          "each", "per", "following", "characteristics"}


def _cmp_for(phrase: str) -> Comparator | None:
    low = phrase.lower()
    for p, c in _COMPARATORS:
        if re.fullmatch(p, low, re.I):
            return c
    return None


def _quantity_name(before: str) -> str:
    words = re.findall(r"[a-z][a-z\-]*", before.lower())
    kept: list[str] = []
    for w in reversed(words):
        if w in _NOISE:
            if kept:
                break
            continue
        kept.append(w)
        if len(kept) == 3:
            break
    name = "_".join(reversed(kept)).replace("-", "_")
    return name or "value"


def extract_thresholds(text: str, applies_to: str) -> list[Parameter]:
    """Thresholds in list wording: a comparator phrase, a number and a known unit.

    >>> [p.describe() for p in extract_thresholds("a peak output power exceeding 20 kW", "3A001.b")]
    ['peak output power > 20 kW']
    """
    if not text:
        return []
    out: list[Parameter] = []
    seen: set[tuple[str, str, str, str]] = set()
    last_end, last_name = 0, "value"
    for q in find_quantities(text, "en"):
        if q.unit == "px":
            continue
        before = text[max(0, q.start - 120):q.start]
        after = text[q.end:q.end + 50]
        m = _CMP_RE.search(before)
        comparator: Comparator | None = None
        head = before
        if m:
            comparator = _cmp_for(m["cmp"].strip())
            head = before[:m.start()]
        else:
            s = _SUF_RE.match(after)
            if s:
                comparator = next(c for p, c in _SUFFIX if re.fullmatch(p, s["cmp"].lower()))
        if comparator is None:
            continue
        # "of 500 nm or more but not exceeding 1,300 nm": the range's lower end names the quantity
        since_last = head[max(0, last_end - (q.start - len(before))):]
        name = _quantity_name(since_last) if out else _quantity_name(head)
        if name == "value" and out:
            name = last_name
        last_end, last_name = q.end, name
        key = (name, comparator, str(q.value), q.unit)
        if key in seen:
            continue
        seen.add(key)
        out.append(Parameter(quantity=name, comparator=comparator, value=q.value, unit=q.unit,
                             applies_to=applies_to))
    return out


def relevant(q: Quantity, p: Parameter) -> bool:
    """Is it sensible to hold ``q`` against ``p`` at all?

    Same dimension, and either the words before the number name the same quantity as the threshold
    ("bias stability" / ``bias_stability``), or the value is within two orders of magnitude of the
    threshold: "5 km" of radio range says nothing about a 400 nm wavelength threshold.
    """
    try:
        _, dim, factor = _unit_cached(p.unit)
    except InputError:
        return False
    if dim != q.dimension:
        return False
    if q.context and set(q.context.replace("-", " ").split()) & set(p.quantity.split("_")):
        return True
    threshold = abs(p.value * factor)
    value = abs(q.base_value)
    if dim == "temperature" or threshold == 0 or value == 0:
        return True
    ratio = value / threshold
    return D("0.01") <= ratio <= D(100)


def generate_file(cl: ControlList) -> bytes:
    """``generated.xml`` for an official edition: every threshold our extractor finds in the text
    of its entries and sub-items (notes are skipped: their numbers mostly exclude)."""
    from dualuse.sources.parameters_xml import to_bytes

    params: list[Parameter] = []
    for node in cl.nodes:
        if node.kind not in ("entry", "sub-item") or not node.text or node.not_used_since:
            continue
        if not any(ch.isdigit() for ch in node.text):
            continue
        params.extend(extract_thresholds(node.text, node.code))
    return to_bytes(cl.edition.id, params,
                    banner="generated by scripts/update_parameters.py from the official list - "
                           "do not edit; corrections go in overrides.xml",
                    attrs={"source": cl.edition.source_file or "",
                           "sha256": cl.edition.source_sha256 or ""})
