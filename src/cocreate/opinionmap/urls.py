app_name = "opinionmap"
urlpatterns: list = []
