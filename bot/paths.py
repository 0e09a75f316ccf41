"""Where the data folders are: inside the installed wheel, or beside the package in a checkout.

Plain `os.path` strings: `pathlib` (with `urllib.parse` and `ipaddress`) would cost
milliseconds at every start for nothing the start needs.
"""

import os

_PACKAGE = os.path.dirname(os.path.realpath(__file__))


def data_dir(name: str) -> str:
    """The folder `name` ("locales" or "dialogs") shipped with the product."""
    packaged = os.path.join(_PACKAGE, "_data", name)
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(_PACKAGE), name)
