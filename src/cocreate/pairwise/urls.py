app_name = "pairwise"
urlpatterns: list = []
