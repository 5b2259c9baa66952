"""Allow ``python -m evonto``."""

from evonto.cli import main

main()
