"""Every command module, imported once so its commands register on ``app``."""

# The import order is the commands' registration order, hence their order in --help.
# isort: off
from dualuse.cli import classify, doctor, lists, show  # noqa: F401
from dualuse.cli import exercise  # noqa: F401
from dualuse.cli import codes  # noqa: F401
from dualuse.cli import check  # noqa: F401
# isort: on
