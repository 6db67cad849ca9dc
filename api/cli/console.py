"""The command line's two consoles: results on stdout, messages and errors on stderr."""

from rich.console import Console

console = Console()
err_console = Console(stderr=True)
