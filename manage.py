#!/usr/bin/env python
"""Django's command-line utility for the portal network."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # platform/ is a source folder (see docs/architecture.md), not a package.
    sys.path.insert(0, str(Path(__file__).resolve().parent / "platform"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
