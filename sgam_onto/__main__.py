"""Allow ``python -m sgam_onto``."""

import sys

from sgam_onto.cli import main

sys.exit(main())
