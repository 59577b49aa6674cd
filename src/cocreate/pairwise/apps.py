from django.apps import AppConfig


class PairwiseConfig(AppConfig):
    name = "cocreate.pairwise"
    label = "pairwise"

    def ready(self):
        from cocreate.core.methods import register

        from .methods import PAIRWISE

        register(PAIRWISE)
