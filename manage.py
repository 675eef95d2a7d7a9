#!/usr/bin/env python
"""Django's command-line utility. `linkpad` (the installed command) does the same and more."""

import sys

from linkpad.cli import main

if __name__ == "__main__":
    sys.exit(main())
