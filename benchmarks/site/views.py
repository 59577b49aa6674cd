"""Baselines for benchmarks/ only, mounted by the benchmark server's URLconf (benchmarks/site/urls.py), never by
the product: what the stack does with no app logic, so every scenario can be reported as a ratio to them in the
same run."""

from django.db import connection, transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

FIXED_BODY = {"status": "ok", "items": [{"id": i, "title": f"Idea {i}", "supports": i * 7} for i in range(10)]}


def baseline_json(request):
    """A bare Django view returning a fixed JSON body through the same server, middleware and settings."""
    return JsonResponse(FIXED_BODY)


@csrf_exempt
@require_POST
def raw_support_toggle(request):
    """The support write in raw SQL: insert or delete the row and adjust the counter, nothing else."""
    try:
        idea_id, member_id = int(request.GET["idea"]), int(request.GET["member"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("idea and member are required")
    with transaction.atomic(), connection.cursor() as cursor:
        # What the ORM's cascade does for a support taken back: its recorded origin goes with it.
        cursor.execute(
            "DELETE FROM moderation_supportorigin WHERE support_id IN "
            "(SELECT id FROM engagement_support WHERE idea_id = %s AND member_id = %s)",
            [idea_id, member_id],
        )
        cursor.execute("DELETE FROM engagement_support WHERE idea_id = %s AND member_id = %s", [idea_id, member_id])
        if cursor.rowcount:
            delta = -1
        else:
            cursor.execute(
                "INSERT INTO engagement_support (idea_id, member_id, created_at, discounted_reason) "
                "VALUES (%s, %s, CURRENT_TIMESTAMP, '')",
                [idea_id, member_id],
            )
            delta = 1
        cursor.execute("UPDATE ideas_idea SET support_count = support_count + %s WHERE id = %s", [delta, idea_id])
    return JsonResponse({"supported": delta > 0})
