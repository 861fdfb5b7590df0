"""``python -m samen`` is the ``samen`` command."""

from samen.cli import main

main()
