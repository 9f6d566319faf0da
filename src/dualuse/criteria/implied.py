"""Figures implied by words of an invoice line, beside the figures it writes (``reader``).

- Terms the lists define by a figure are read as that figure, with its named quantity: the
  Technical Note to 6A005 defines 'single transverse mode' as M² under 1.3, so "single-mode" and
  "multimode" state the M² figure of a laser.
- Kind words imply a figure: a thermal or microbolometer imager sees 8-14 µm. Such a figure has no
  named quantity, so the decision takes it as inferred from its unit: it can meet a criterion or
  fail a release, never release goods.

Every figure made here says which words gave it (``Figure.implied_by``). Tables are compiled once;
reading a line is pure Python, no I/O.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from dualuse.criteria.reader import Figure, _fold
from dualuse.parameters import parse_unit

__all__ = ["implied_figures"]

D = Decimal

# Kind words that imply a figure (folded phrases -> value, unit): a thermal or microbolometer
# imager sees the 8-14 µm band, an MWIR (InSb) one 3-5 µm, a SWIR one about 0.9-1.7 µm, an EMCCD
# (silicon) one the visible and near infrared. Such a figure
# is read with no named quantity (``Figure.implied_by`` says which words gave it), so the decision
# takes it as inferred from its unit: it can meet a criterion or fail a release, never release
# goods, and is used only where the wavelength is the one length quantity at stake (6A003).
# "a ... b" is both words in that order, at most three words apart ("thermal drone camera").
_IMPLIED: dict[tuple[str, ...], tuple[str, str]] = {
    ("thermal camera", "thermal cameras", "thermal imaging", "thermal imager", "thermal imagers",
     "thermal core", "thermal module", "thermal cam", "thermal monocular", "thermal binoculars",
     "thermal ... camera", "thermal ... imager", "thermal ... core", "thermal ... module",
     "camera ... thermique", "imageur ... thermique", "module ... thermique",
     "thermal ... scope", "thermal ... riflescope", "thermal ... sight", "thermal clip-on",
     "lunette ... thermique", "viseur ... thermique", "clip-on thermique",
     "monoculaire ... thermique", "jumelles ... thermiques",
     "infrared ... camera", "camera ... infrarouge",
     "infrared camera", "infrared cameras", "lwir", "long wave infrared",
     "long-wave infrared", "longwave infrared", "microbolometer", "microbolometers",
     "micro-bolometer", "vanadium oxide", "thermographic", "thermography",
     "camera thermique", "cameras thermiques", "imageur thermique", "module thermique",
     "cam thermique", "camera infrarouge", "cameras infrarouges", "microbolometre",
     "microbolometres", "thermographique", "thermographie", "infrarouge lointain",
     "jumelles thermiques", "monoculaire thermique", "oxyde de vanadium"): ("10", "um"),
    ("emccd", "em-ccd", "electron multiplying ccd", "electron-multiplying ccd",
     "ccd a multiplication d'electrons"): ("0.6", "um"),
    ("mwir", "mid-wave infrared", "midwave infrared", "mid-wavelength infrared",
     "infrarouge moyen", "insb"): ("4", "um"),
    ("swir", "short-wave infrared", "shortwave infrared", "short-wavelength infrared",
     "infrarouge court", "infrarouge a ondes courtes"): ("1.55", "um"),
}

# Terms the lists define by a figure, read as that figure with its named quantity: the Technical
# Note to 6A005 defines 'single transverse mode' as a beam of M² under 1.3 and 'multiple transverse
# mode' as M² of 1.3 or more, so "multimode" states M² >= 1.3 (read 1.3) and "single-mode" M² < 1.3
# (read 1). A line with both words keeps both figures: both alternatives stay open (held). Not read
# when the word qualifies the pump diodes ("multimode pump diodes": the laser's own beam is unsaid).
_DEFINED_TERMS: dict[str, tuple[tuple[str, ...], str]] = {
    "beam_quality": (("multimode", "multi-mode", "multi mode", "multimodes", "multimodal",
                      "multiple transverse mode", "mode multiple"), "1.3"),
    "beam_quality ": (("single-mode", "single mode", "singlemode", "single transverse mode",
                       "monomode", "mono-mode", "monomodes", "tem00"), "1"),
}
_NOT_THE_BEAM = re.compile(r"^[\s-]*(?:pump|pumped|pumping|diode|diodes|de pompe|pompe|pompage)\b")


@cache
def _implied_res() -> tuple[tuple[re.Pattern[str], Decimal, str, str], ...]:
    out = []
    for words, (value, unit) in _IMPLIED.items():
        # "a ... b": both words in that order, at most three words apart ("thermal drone camera")
        alt = "|".join(r"(?:\s+[^\s,;]+){0,3}\s+".join(re.escape(_fold(p).strip())
                                                   for p in w.split("..."))
                       for w in sorted(words, key=len, reverse=True))
        _, _, factor = parse_unit(unit)
        out.append((re.compile(rf"(?<![a-z0-9])(?:{alt})(?![a-z0-9])"), D(value) * factor,
                    value, unit))
    return tuple(out)


@cache
def _term_res() -> tuple[tuple[re.Pattern[str], str, Decimal], ...]:
    out = []
    for key, (words, value) in _DEFINED_TERMS.items():
        alt = "|".join(re.escape(_fold(w)) for w in sorted(words, key=len, reverse=True))
        out.append((re.compile(rf"(?<![a-z0-9])(?:{alt})(?![a-z0-9])"), key.strip(), D(value)))
    return tuple(out)


def implied_figures(text: str) -> tuple[Figure, ...]:
    """The figures that words of ``text`` imply, marked ``implied_by``:
    - terms the lists define by a figure (``_DEFINED_TERMS``), with their named quantity:
      "multimode fibre laser" states M² of 1.3 or more;
    - kind words (``_IMPLIED``), once per band, unnamed (so taken as inferred): "FLIR Lepton
      thermal camera module" implies a wavelength of about 10 µm."""
    folded = _fold(text)
    out: list[Figure] = []
    for term_rx, qid, figure in _term_res():
        for tm in term_rx.finditer(folded):
            if _NOT_THE_BEAM.match(folded[tm.end():]):
                continue
            out.append(Figure(quantity=qid, value=figure, unit="", dimension="count",
                              base_value=figure, text=tm.group(0), start=tm.start(),
                              end=tm.end(), implied_by=tm.group(0)))
            break
    for kind_rx, base, value, unit in _implied_res():
        km = kind_rx.search(folded)
        if km is not None:
            out.append(Figure(quantity=None, value=D(value), unit=unit, dimension="length",
                              base_value=base, text=km.group(0), start=km.start(),
                              end=km.end(), implied_by=km.group(0)))
    return tuple(out)
