"""The Typer application and the one place where errors become exit codes.

Exit codes: 0 success, 1 internal failure, 2 bad input (usage, unknown code, malformed file).
Errors print one line on stderr; ``--debug`` (anywhere on the command line) shows the traceback.
Heavy modules (rich, whoosh, the data) are imported inside commands so ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

try:  # typer >= 0.26 vendors click privately; older typers depend on click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click import ClickException  # type: ignore[import-not-found,no-redef,assignment,unused-ignore]

from dualuse import __version__
from dualuse.errors import DualUseError

app = typer.Typer(
    name="dualuse",
    help="Recognise dual-use goods: control lists, HS/CAS mapping, licence checks.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from dualuse.versions import data_versions

        typer.echo(f"dualuse {__version__}")
        for list_id, version in data_versions().items():
            typer.echo(f"  {list_id}: {version}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the code and data versions and exit."),
) -> None:
    """Recognise dual-use goods: control lists, HS/CAS mapping, licence checks."""


def _register() -> None:
    # Explicit registry: each command group module adds its commands to ``app``.
    from dualuse.cli import commands  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    _register()
    try:
        result = app(args=args, prog_name="dualuse", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except typer.Exit as exc:
        return int(getattr(exc, "exit_code", 0) or 0)
    except ClickException as exc:
        _show_usage_error(exc, args)
        return 2
    except typer.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, EOFError) and not debug:
            # click turns any EOFError into Abort: a truncated file read by a library, not Ctrl-C
            print("dualuse: error: unexpected end of data (a truncated or damaged file)",
                  file=sys.stderr)
            return 2
        print("dualuse: aborted", file=sys.stderr)
        return 130
    except DualUseError as exc:
        if debug:
            raise
        print(_error_line(exc.message, args), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("dualuse: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the CLI's last line of defence: one line, exit 1
        if debug:
            raise
        print(f"dualuse: internal error: {type(exc).__name__}: {one_line(str(exc))} "
              f"(run with --debug for details)", file=sys.stderr)
        return 1


def _error_line(message: str, args: Sequence[str]) -> str:
    """The one error line, in the user's language (``--lang`` on the command line, else
    ``DUALUSE_LANG``, else the locale)."""
    from dualuse.i18n import ERROR_PREFIX, error_message

    lg = _lang_of(args)
    return ERROR_PREFIX[lg] + one_line(error_message(message, lg))


def _lang_of(args: Sequence[str]) -> str:
    from dualuse.i18n import pick_language

    given = None
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            given = args[i + 1]
        elif a.startswith("--lang="):
            given = a.split("=", 1)[1]
    given = (given or "").strip().lower()
    return pick_language(given if given in ("en", "fr") else None)


def _show_usage_error(exc: ClickException, args: Sequence[str]) -> None:
    """A usage error on one line, in the user's language, with where to find help."""
    from dualuse.i18n import ERROR_PREFIX, usage_fr

    lg = _lang_of(args)
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "dualuse"
    message = exc.format_message()
    if lg == "fr":
        text = f"{usage_fr(message)} (aide\u202f: {path} -h)"
    else:
        text = f"{message} (help: {path} -h)"
    print(ERROR_PREFIX[lg] + one_line(text), file=sys.stderr)


def one_line(text: str, limit: int = 500) -> str:
    """Collapse a message to one printable line (no control characters can reach the terminal)."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def run() -> None:
    sys.exit(main())
