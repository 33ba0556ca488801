"""Allows ``python -m eurasia_game``."""

from eurasia_game.cli.main import main

raise SystemExit(main())
