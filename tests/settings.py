"""Settings for the test suite: the product's settings with a fixed key, because settings refuse to start without a
strong one when DEBUG is off (tests run with DEBUG off, as production does). This key signs nothing outside tests."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ")

from cocreate.settings import *  # noqa: F403
