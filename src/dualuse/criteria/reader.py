"""The quantity reader: each figure of an invoice line with the named quantity it measures.

``read_figures("LWIR core 640 x 512, 12 µm pixels, 60 Hz frame rate", "en")`` gives three
figures: ``array_elements`` 327680, ``pixel_pitch`` 12 µm, ``frame_rate`` 60 Hz. A figure is named
by the cue words of ``quantities.csv`` written next to it (before it in the same clause, or just
after it: "frame rate 60 Hz", "60 Hz frame rate"), among the quantities of the figure's dimension
only: "12 µm pitch" can name a pixel pitch, never a frame rate. A figure no cue names keeps its
dimension and ``quantity=None``; the decision compares it with a criterion only when the unit
leaves no doubt (a single quantity of that dimension among the criteria at stake).

Tables are compiled once (``functools.cache``); reading a line is pure Python, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from itertools import pairwise

from dualuse.criteria.forms import (
    _ABEC_TO_ISO,
    _ARRAY_DASH,
    _COUNT_AFTER,
    _COUNT_BEFORE,
    _COUNT_CUE,
    _FPS,
    _GRADE,
    _HYPHEN_UNIT,
    _MEGAPIXELS,
    _MPE_FORMULA,
    _TOLERANCE,
    _VIDEO,
    _VIDEO_CONTEXT,
    _VIDEO_FORMATS,
    _joined,
    _mpe_constant,
    _number,
)
from dualuse.criteria.load import quantities
from dualuse.parameters import Quantity, find_quantities, parse_unit
from dualuse.textproc import fold

__all__ = ["Figure", "read_figures"]

D = Decimal

# Cues we read beside those of quantities.csv: short forms an invoice uses that would be too loose
# in the shared table ("% D" after a deuterium content, "pixels" after a pitch in µm).
_EXTRA_CUES: dict[str, tuple[str, ...]] = {
    "pixel_pitch": ("pixel", "pixels", "pixel pitch", "pas pixel"),
    "isotopic_content": ("d", "d2o", "heavy water", "eau lourde", "u-235", "u235", "li-6", "b-10"),
    "array_elements": ("resolution", "format", "array", "définition", "detector"),
    "resolution_bits": ("bit", "bits", "resolution"),
    "contouring_axes": ("axis", "axes", "axe"),
    "output_power": ("laser", "fibre laser", "fiber laser", "cw", "psat", "p sat",
                     "saturated power", "saturated output power", "puissance de sortie saturée",
                     "puissance saturée"),
    "core_diameter": ("core", "cœur", "coeur", "fibre core", "fiber core"),
    "wavelength": ("laser", "diode", "fibre laser", "fiber laser", "laser à fibre"),
    "wind_resistance": ("wind speed resistance", "wind speed", "max wind speed", "wind resistance",
                        "résistance au vent", "vitesse du vent"),
    "switching_time": ("switching speed", "vitesse de commutation"),
    # "frequency converter 400 Hz": the name of the goods, not a bare "frequency", cues the figure
    "output_frequency": ("frequency converter", "frequency changer", "frequency inverter",
                         "convertisseur de fréquence", "changeur de fréquence"),
    "real_time_bandwidth": ("real-time bw", "bande passante temps réel", "bande temps réel",
                            "bande d'analyse temps réel"),
    "endurance": ("flight time", "temps de vol", "endurance", "autonomie", "max flight time"),
    # "shampoo containing triethanolamine 2 %": the share of a chemical in a mixture
    "concentration": ("containing", "contains", "contenant", "contient"),
    "shutter_time": ("exposure", "minimum exposure", "exposition", "temps de pose"),
    "frame_rate": ("refresh rate", "fréquence de rafraîchissement", "taux de rafraîchissement",
                   "rafraîchissement", "fréquence image", "cadence d'images"),
    # "gyros ±450 °/s", "gamme ±300 °/s": the range of a gyro (a bias in °/h has nearer cues)
    "angular_rate_range": ("gyros", "gyro range", "gyromètres", "gyroscopes", "gamme",
                           "gamme de mesure", "dynamic range", "dynamique", "max rate",
                           "maximum rate", "max angular rate", "maximum angular rate",
                           "vitesse angulaire max", "vitesse angulaire maximale"),
    "bias_stability": ("drift rate", "gyro drift", "bias drift", "dérive du biais"),
    # "maraging sheet 2 mm", "zirconium foil 0.05 mm": the gauge of a sheet or foil
    "thickness": ("sheet", "foil", "tôle", "feuille", "feuillard"),
    # "tungsten content 97 %", "teneur en tungstène 95 %" (1C117 reads it as the metal's share)
    "purity": ("tungsten content", "teneur en tungstène", "w content"),
    "depth": ("waterproof", "waterproof to", "water resistant to", "étanche", "étanche jusqu'à",
              "depth rating", "depth rated", "rated to", "profondeur max", "immersion"),
}

# What a bare figure of a product measures when no cue names it in its clause: "thermal camera
# core 160 x 120, 12 µm, 8.7 Hz" (the Hz of a camera is its frame rate), "oscilloscope, 100 MHz",
# "fibre laser 1080 nm, 500 W", "drone, 23 min". Product words, anywhere before the figure.
_PRODUCT_CUES: dict[str, tuple[str, ...]] = {
    "frame_rate": ("camera", "cameras", "caméra", "caméras", "imager", "imageur", "camera core",
                   "thermal core", "thermographic", "thermographique", "webcam", "monocular",
                   "binoculars", "monoculaire", "jumelles", "lwir", "imaging core",
                   "thermal imaging", "thermal module", "module thermique", "imagerie thermique"),
    "pixel_pitch": ("camera", "cameras", "caméra", "caméras", "imager", "imageur", "camera core",
                    "thermal core", "microbolometer", "microbolomètre", "focal plane array", "fpa"),
    "bandwidth": ("oscilloscope", "oscilloscopes"),
    # the frequencies of an analyser, microwave amplifier, antenna or radio are the range it
    # works in: "spectrum analyzer 9 kHz to 170 GHz", "MMIC amplifier 6 - 12 GHz"
    "operating_frequency": (
        "spectrum analyzer", "spectrum analyser", "signal analyzer", "signal analyser",
        "analyseur de spectre", "analyseur de signaux", "network analyzer", "network analyser",
        "vna", "analyseur de réseau", "analyzer", "analyser", "analyseur", "mmic", "amplifier",
        "amplificateur", "transistor", "phased array", "antenna", "antenne", "radio",
        "transceiver", "émetteur-récepteur"),
    # those of a generator or frequency changer are what it puts out: "signal generator 250 kHz
    # to 145 GHz", "VFD 0-550 Hz"
    "output_frequency": (
        "signal generator", "signal generators", "générateur de signaux", "générateur de signal",
        "synthesizer", "synthétiseur", "function generator", "waveform generator",
        "générateur de fonctions", "frequency changer", "frequency converter",
        "convertisseur de fréquence", "variable frequency drive", "frequency drive", "vfd",
        "variateur", "inverter", "onduleur", "ac power source", "ac source", "source ac"),
    "output_power": ("laser", "lasers", "mmic", "amplifier", "amplificateur", "transistor",
                     "ac power source", "ac source", "source ac", "frequency changer",
                     "frequency converter", "convertisseur de fréquence",
                     "variable frequency drive", "frequency drive", "vfd", "variateur", "inverter",
                     "onduleur", "radio", "transceiver", "émetteur-récepteur", "walkie-talkie",
                     "talkie-walkie", "lora", "module lora", "lora module"),
    "wavelength": ("laser", "lasers", "lithography", "lithographie", "photoresist", "photorésine",
                   "résine photosensible", "step-and-scan", "stepper", "photorépéteur", "krf",
                   "arf", "euv", "i-line"),
    "endurance": ("drone", "drones", "uav", "uas", "multicopter", "quadcopter", "multirotor",
                  "aircraft", "aéronef"),
    "thrust": ("turbine", "turbines", "turbojet", "turbofan", "turboréacteur", "jet engine"),
    "sample_rate": ("adc", "converter", "convertisseur", "digitizer", "numériseur"),
    # the litres of a reactor or fermenter are its internal volume; those of a tank, its tank volume
    "internal_volume": ("reactor", "reactors", "réacteur", "réacteurs", "fermenter",
                        "fermentor", "fermenteur", "bioreactor", "bioréacteur"),
    "tank_volume": ("tank", "tanks", "storage tank", "vessel", "vessels", "cuve", "cuves",
                    "réservoir", "réservoirs"),
    "mass": ("cladding tube", "cladding tubes", "tube de gainage", "tubes de gainage"),  # 0A001.f
    # the kV and J of a capacitor are its rated voltage and the energy it stores
    "voltage": ("capacitor", "capacitors", "condensateur", "condensateurs"),
    "stored_energy": ("capacitor", "capacitors", "condensateur", "condensateurs"),
    # the m³/h of a pump, compressor or blower is the flow it moves
    "flow_rate": ("pump", "pumps", "pompe", "pompes", "compressor", "compressors", "compresseur",
                  "compresseurs", "blower", "blowers", "soufflante", "soufflantes"),
}

# Quantities the lists judge at the goods' best ("a maximum frame rate of 9 Hz or less", "a speed
# exceeding 1,000,000 frames/s"): when a line states several ("30 Hz / 9 Hz selectable"), only the
# highest is read, so a lower mode can never release goods that also run faster.
_MAXIMUM_ONLY: tuple[str, ...] = ("frame_rate",)

_SEPARATOR = re.compile(r"[,;()\[\]\n|]")
_CUE_WORDS = re.compile(r"[a-z0-9²µ'/+.-]+")


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure of the line: what it measures (``quantity``, or ``None`` when no cue names it),
    its value as written, its unit and its value in the dimension's base unit."""

    quantity: str | None
    value: Decimal
    unit: str
    dimension: str
    base_value: Decimal
    text: str
    start: int
    end: int
    implied_by: str = ""   # the kind words that imply this figure ("thermal camera"), if any

    def shown(self) -> str:
        """The figure as an officer writes it ("12 µm", "250 N·m", "60 Hz"); an implied figure
        says which words imply it ("10 µm (thermal camera)")."""
        from dualuse.criteria.wording import number_shown, unit_shown

        if self.quantity == "array_elements" and not self.unit:
            return " ".join(self.text.split())
        unit = unit_shown(self.unit)
        out = f"{number_shown(self.value)} {unit}" if unit else number_shown(self.value)
        return f"{out} ({self.implied_by})" if self.implied_by else out


def _plain(v: Decimal) -> str:
    s = f"{v:f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


@cache
def _cues() -> dict[str, list[tuple[str, str, int]]]:
    """Per dimension: (folded cue, quantity id, cue length), longest cues first."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for q in quantities().values():
        dim = "count" if q.dimension in ("count", "pixels") else q.dimension
        for cue in {*q.cues_en, *q.cues_fr, *_EXTRA_CUES.get(q.id, ())}:
            c = _fold(cue).strip()
            if c:
                out.setdefault(dim, []).append((c, q.id, len(c)))
    for rows in out.values():
        rows.sort(key=lambda r: -r[2])
    return out


@cache
def _cue_re(cue: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(cue)}(?![a-z0-9])")


def _name(dimension: str, before: str, after: str) -> str | None:
    """The quantity a cue next to the figure names: the nearest cue wins (before the figure in
    its clause, or right after it); at equal distance the longer cue, then the one before."""
    rows = _cues().get(dimension)
    sole = _sole().get(dimension)
    if not rows:
        return sole
    b, a = _fold(before), _fold(after)
    best: tuple[int, int, int, str] | None = None
    for cue, qid, length in rows:
        rx = _cue_re(cue)
        for m in rx.finditer(b):
            key = (len(_CUE_WORDS.findall(b[m.end():])), -length, 0, qid)
            if best is None or key < best:
                best = key
        m2 = rx.search(a)
        if m2 is not None:
            key = (len(_CUE_WORDS.findall(a[:m2.start()])), -length, 1, qid)
            if best is None or key < best:
                best = key
    return best[3] if best is not None else sole


@cache
def _product_res() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Per dimension: (quantity, pattern of its product words)."""
    defs = quantities()
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for qid, words in _PRODUCT_CUES.items():
        if qid in defs:
            alt = "|".join(re.escape(_fold(w)) for w in sorted(words, key=len, reverse=True))
            out.setdefault(defs[qid].dimension, []).append(
                (qid, re.compile(rf"(?<![a-z0-9])(?:{alt})(?![a-z0-9])")))
    return out


def _product_named(dimension: str, before: str) -> str | None:
    """The quantity a product word before the figure gives it, when one product word of that
    dimension is there (the nearest when several)."""
    rows = _product_res().get(dimension)
    if not rows:
        return None
    text = _fold(before)
    best: tuple[int, str] | None = None
    for qid, rx in rows:
        for m in rx.finditer(text):
            if best is None or m.end() > best[0]:
                best = (m.end(), qid)
    return best[1] if best is not None else None


def _fold(text: str) -> str:
    return fold(text).replace("’", "'").replace("`", "'")


@cache
def _sole() -> dict[str, str]:
    """Dimensions measured by one named quantity only: the unit alone names the figure."""
    by_dim: dict[str, list[str]] = {}
    for q in quantities().values():
        by_dim.setdefault(q.dimension, []).append(q.id)
    return {dim: ids[0] for dim, ids in by_dim.items() if len(ids) == 1 and dim != "count"}


def _windows(text: str, start: int, end: int, prev_end: int, next_start: int) -> tuple[str, str]:
    left = text[max(prev_end, start - 60):start]
    parts = _SEPARATOR.split(left)
    before = parts[-1] if parts else ""
    right = text[end:min(next_start, end + 40)]
    after = _SEPARATOR.split(right)[0]
    words = after.split()
    return before, " ".join(words[:3])


def read_figures(text: str, lang: str | None = None) -> tuple[Figure, ...]:
    """Every figure of ``text`` with its named quantity (see the module docstring)."""
    if not text or not any(ch.isdigit() for ch in text):
        return ()
    num_lang = lang if lang in ("en", "fr") else None
    work = _HYPHEN_UNIT.sub(" ", text)  # "12-bit", "5-axis": same length, same positions
    # "1080±5nm" is 1080 nm (a tolerance is no figure of its own: the unit is moved up to the
    # number); a dash after a pixel array separates ("640 × 480 – 30 Hz" is no range 480-30 Hz):
    # same length, same positions
    work = _TOLERANCE.sub(lambda m: m["u"] + " " * len(m["tol"]), work)
    work = _ARRAY_DASH.sub(lambda m: m["n"] + " , ", work)
    work = _MPE_FORMULA.sub(_mpe_constant, work)
    raw: list[tuple[Quantity | None, str | None, Decimal, str, str, int, int]] = []
    arrays: list[Quantity] = []
    for q in find_quantities(work, num_lang):
        if q.unit == "px" and q.text and re.search(r"[x×X*]", q.text):
            arrays.append(q)
            continue
        raw.append((q, None, q.value, q.unit, q.dimension, q.start, q.end))
    # pixel arrays: "640 x 512" is one figure, the number of elements (327,680)
    for i in range(0, len(arrays) - 1, 2):
        a, b = arrays[i], arrays[i + 1]
        raw.append((None, "array_elements", a.value * b.value, "", "count", a.start, a.end))
    taken = [(r[5], r[6]) for r in raw]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _FPS.finditer(work):
        unit = m["u"].lower()
        if unit == "ips" and lang == "en":
            continue
        if free(m.start(), m.end()):
            # "6,600 fps" is 6600 in English; "6,6 ips" and "1.000 fps" are not thousands
            v = _number(m["n"], thousands=" ," if num_lang != "fr" else " ")
            if v is not None:
                raw = [r for r in raw if not (r[5] <= m.start() < r[6])]
                raw.append((None, "frame_rate", v, "Hz", "frequency", m.start(), m.end()))
                taken.append(m.span())
    for m in _MEGAPIXELS.finditer(work):
        n = _number(m["n"])
        if n is not None and free(m.start(), m.end()):
            raw.append((None, "array_elements", n * 1_000_000, "", "count", m.start(), m.end()))
            taken.append(m.span())
    video = _VIDEO_CONTEXT.search(_fold(work)) is not None
    for m in _VIDEO.finditer(work):
        if video and m["v"].lower() in ("2k", "4k", "8k"):  # "4K video" is no 4 kelvin
            raw = [r for r in raw if not (r[5] <= m.start() < r[6] and r[3] == "K")]
            taken = [(ts, te) for ts, te in taken if not ts <= m.start() < te]
        if free(m.start(), m.end()):
            pixels = D(_VIDEO_FORMATS[m["v"].lower()])
            raw.append((None, "array_elements", pixels, "", "count", m.start(), m.end()))
            taken.append(m.span())
    for m in _GRADE.finditer(work):
        iso = m["iso"] or ""
        grade = _ABEC_TO_ISO[m["abec"]] if m["abec"] else 8 if iso == "0" else int(iso)
        if free(m.start(), m.end()):
            raw.append((None, "tolerance_class", D(grade), "", "count", m.start(), m.end()))
            taken.append(m.span())
    for rx in (_COUNT_BEFORE, _COUNT_AFTER):
        for m in rx.finditer(work):
            if not free(m.start("n"), m.end("n")):
                continue
            v = _number(m["n"], thousands=rx is _COUNT_BEFORE)
            qid = _COUNT_CUE.get(fold(m["cue"]).lower())
            if v is None or qid is None:
                continue
            raw.append((None, qid, v, "", "count", m.start(), m.end()))
            taken.append(m.span())
    raw.sort(key=lambda r: (r[5], r[6]))
    out: list[Figure] = []
    for i, (_, named, value, unit, dim, start, end) in enumerate(raw):
        if named is None:
            prev_end = raw[i - 1][6] if i else 0
            next_start = raw[i + 1][5] if i + 1 < len(raw) else len(text)
            if next_start < end:
                next_start = end
            before, after = _windows(work, start, end, min(prev_end, start), next_start)
            named = _name("count" if dim == "pixels" else dim, before, after) or \
                _product_named(dim, work[:start])
            in_range = any(j != i and r[5] == start and r[6] == end for j, r in enumerate(raw))
            if named == "pixel_pitch" and in_range and not _name(dim, before, after):
                named = "wavelength"  # "8-14 µm" of a camera is its spectral band
        _, _, factor = parse_unit(unit) if unit else ("", "count", D(1))
        base = value + D("273.15") if unit == "degC" else value * factor
        out.append(Figure(quantity=named, value=value, unit=unit, dimension=dim,
                          base_value=base, text=text[start:end], start=start, end=end))
    # the two ends of a range ("-40 to +85 °C", "-40 °C to +85 °C") measure the same quantity:
    # a cue named before the first end names the second too
    for i, f in enumerate(out):
        if f.quantity is None:
            twin = next((g for g in out[max(0, i - 1):i] if g.quantity is not None
                         and g.dimension == f.dimension
                         and ((g.start, g.end) == (f.start, f.end)
                              or _joined(work, g.end, f.start))),
                        None)
            if twin is not None:
                out[i] = replace(f, quantity=twin.quantity)
    for qid in _MAXIMUM_ONLY:
        several = [f for f in out if f.quantity == qid]
        if len(several) > 1:
            top = max(several, key=lambda f: f.base_value)
            out = [f for f in out if f.quantity != qid or f is top]
    return tuple(out) + _fractional_bandwidth(out, work)


def _fractional_bandwidth(figures: list[Figure], work: str) -> tuple[Figure, ...]:
    """A band written as a range ("6-12 GHz", "de 2 à 18 GHz") also states its fractional
    bandwidth, 2 (high - low) / (high + low), which amplifier entries judge (3A001.b.2, b.4):
    one derived figure, named, shown with the band it comes from."""
    if any(f.quantity == "fractional_bandwidth" for f in figures):
        return ()
    for a, b in pairwise(figures):
        if a.dimension != "frequency" or b.dimension != "frequency" or \
                a.quantity not in (None, "operating_frequency") or a.quantity != b.quantity:
            continue
        if (a.start, a.end) != (b.start, b.end) and not _joined(work, a.end, b.start):
            continue
        low, high = sorted((a.base_value, b.base_value))
        if low <= 0 or high <= low:
            continue
        share = (2 * (high - low) / (high + low) * 100).quantize(D("0.1"))
        return (Figure(quantity="fractional_bandwidth", value=share, unit="%",
                       dimension="fraction", base_value=share / 100,
                       text=work[min(a.start, b.start):max(a.end, b.end)],
                       start=min(a.start, b.start), end=max(a.end, b.end)),)
    return ()
