"""`python -m dsrdraft` runs the command line."""

import sys

from dsrdraft.cli import main

sys.exit(main())
