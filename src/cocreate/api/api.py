"""The REST API, version 1: mounted at /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router

from cocreate.core.errors import NotFound
from cocreate.core.methods import registry as method_registry

from .auth import anonymous
from .errors import install_error_handlers
from .routers import activity as activity_router
from .routers import campaigns, engagement, ideas, me
from .routers import moderation as moderation_router
from .routers import notifications as notifications_router
from .routers import review as review_router
from .routers import roadmap as roadmap_router
from .routers import search as search_router


class CocreateAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Mark the reads open to anonymous visitors as such: an empty requirement makes credentials optional."""
        schema = super().get_openapi_schema(**kwargs)
        open_ids = set()
        for _prefix, router in self._routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    callbacks = operation.auth_callbacks or router.auth or []
                    if anonymous in (callbacks if isinstance(callbacks, list | tuple) else [callbacks]):
                        open_ids.add(self.get_openapi_operation_id(operation))
        for methods in schema["paths"].values():
            for operation in methods.values():
                if operation.get("operationId") in open_ids and {} not in operation.get("security", []):
                    operation.setdefault("security", []).append({})
        return schema


api = CocreateAPI(
    title="Cocreate API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Campaigns, ideas, supports and comments. Authenticate with `Authorization: Bearer <token>` "
        "(create a personal access token at /accounts/tokens/) or a signed-in session (CSRF token on writes). "
        "Reads are open to anonymous visitors for what they may see. Errors are JSON: "
        '`{"detail": ..., "code": ...}`. Lists are paginated: `{"count", "page", "page_size", "next", '
        '"previous", "results"}`.'
    ),
)
install_error_handlers(api)
api.add_router("", campaigns.router)
api.add_router("", ideas.router)
api.add_router("", engagement.router)
api.add_router("", me.router)
api.add_router("", moderation_router.router)
api.add_router("", notifications_router.router)
api.add_router("", roadmap_router.router)
api.add_router("", search_router.router)
api.add_router("", search_router.merges_router)
api.add_router("", review_router.router)
api.add_router("", activity_router.router)
# Each campaign method's own endpoints, from the method registry.
for router_path in dict.fromkeys(method.api_router for method in method_registry if method.api_router):
    api.add_router("", import_string(router_path))

# Added last, so it only catches what no other route matched.
fallback = Router(auth=None)


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False, auth=None)
def unknown_endpoint(request: HttpRequest, rest: str):
    """Anything else under /api/v1/ answers in the API's own error format, not with an HTML page."""
    raise NotFound(_("There is no such API endpoint."))


api.add_router("", fallback)
