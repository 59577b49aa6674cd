from django.apps import AppConfig


class PairwiseConfig(AppConfig):
    name = "cocreate.pairwise"
    label = "pairwise"
