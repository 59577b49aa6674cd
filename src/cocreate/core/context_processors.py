from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME}


def csp_nonce(request):
    """The page's CSP nonce under the name django-htmx's ``{% htmx_script %}`` reads (django-csp calls it CSP_NONCE)."""
    return {"csp_nonce": getattr(request, "csp_nonce", None)}
