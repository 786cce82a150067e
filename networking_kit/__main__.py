"""``python -m networking_kit`` runs the ``networking-kit`` command."""

import sys

from networking_kit.cli import main

sys.exit(main())
