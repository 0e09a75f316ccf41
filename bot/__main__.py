"""`python -m bot`, the same as the `cpf-bot` console script."""

import sys

from bot.channels.cli import main

sys.exit(main())
