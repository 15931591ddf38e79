"""Entry point for ``python -m lapor_desk``: the same as the ``lapor-desk`` command."""

from lapor_desk.cli import main

raise SystemExit(main())
