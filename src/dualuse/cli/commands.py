"""Every command module, imported once so its commands register on ``app``."""

from dualuse.cli import classify, lists, show  # noqa: F401
