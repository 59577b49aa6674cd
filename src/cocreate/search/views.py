"""The search page: one form, ranked and highlighted results, pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cocreate.campaigns.selectors import campaigns_visible_to
from cocreate.core.params import page_param

from .backends import search
from .forms import KIND_LABELS, SearchForm


def results(request: HttpRequest) -> HttpResponse:
    campaigns = campaigns_visible_to(request.user).order_by("title").only("pk", "title")
    form = SearchForm(request.GET or None, campaigns=campaigns)
    query = ""
    found = None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        page = page_param(request.GET.get("page"))
        found = search(query, viewer=request.user, filters=form.filters(), page=page) if query else None
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "query": query, "results": found, "params": params.urlencode(), "kinds": KIND_LABELS}
    template = "search/includes/results.html" if request.htmx else "search/results.html"
    return render(request, template, context)
