"""Look an entry up in the catalog, in any code form, with its parents and thresholds.

    python examples/lookup_entry.py
"""

import dualuse

cat = dualuse.open_catalog()
node = cat.entry("6.A.3.b.4.")
print(node.code, "-", node.title.en, "/", node.title.fr)
print("parents:", " > ".join(a.code for a in cat.ancestors(node.code)))
print("indicative HS:", ", ".join(h.code for h in cat.entry("6A003").hs))
for n in cat.walk("6A003"):
    for p in n.parameters:
        print(f"threshold {p.applies_to}: {p.describe()}")
