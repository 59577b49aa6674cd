from django.db import connection
from django.http import HttpResponse, JsonResponse


def placeholder(request, *args, **kwargs):
    return HttpResponse("Coming soon.", content_type="text/plain")


def health(request):
    """Liveness and database readiness for load balancers and `make run` checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:  # the probe must answer even when the database does not
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
