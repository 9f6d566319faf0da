"""Classify invoice lines and print the candidates with their evidence.

    python examples/classify_invoice.py
"""

import dualuse

LINES = [
    ("Uncooled LWIR thermal camera core 640 x 512, 12 um pitch, 60 Hz", "8525.89"),
    ("Caméra infrarouge non refroidie 640 x 512, pas de 12 µm", None),
    ("Thiodiglycol 99 %, 200 l drums", "2930.70"),
]

for description, hs in LINES:
    result = dualuse.classify(description, hs=hs, limit=3)
    print(f"{description}  [{result.lang}]")
    for c in result.candidates:
        print(f"  {c.code:<14} {c.score:.2f}  {c.title}")
        for e in c.evidence:
            print(f"      - {e.kind}: {e.detail}")
    print()
