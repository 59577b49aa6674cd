from ninja import NinjaAPI

api = NinjaAPI(title="Cocreate API", version="1", urls_namespace="api-v1")
