"""Licence determination for export, re-export, transit and intra-EU transfer declarations.

``declaration`` holds the input models and readers (JSON, JSON lines, CSV, XML), ``rules`` the
dated, cited rule data, ``engine`` the decision: ``check(declaration)`` and ``check_many(...)``.
"""
