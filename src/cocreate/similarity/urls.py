app_name = "similarity"
urlpatterns: list = []
