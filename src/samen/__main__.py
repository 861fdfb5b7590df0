"""``python -m samen`` is the ``samen`` command."""

from samen.cli import main

if __name__ == "__main__":  # a worker process started by spawn imports this module under another name
    main()
