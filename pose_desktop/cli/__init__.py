"""The ``pose`` command line: a registry of subcommands (``registry``), one module per
group of commands, and ``app`` that builds the parser from the registry and runs one."""

from pose_desktop.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
