"""The product's settings, with the baseline views mounted: `DJANGO_SETTINGS_MODULE=benchmarks.site.settings`."""

from cocreate.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.site.urls"
