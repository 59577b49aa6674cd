"""Review pages: the queue (with bulk actions), an idea's review page (assign, stage, scorecards, decision),
stages, the response promise list and the audit trail. Thin: forms in, services out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.accounts.models import User
from cocreate.campaigns.models import Campaign
from cocreate.core.errors import TermsNotAccepted
from cocreate.core.forms import form_errors
from cocreate.core.params import int_param
from cocreate.core.permissions import has_perm
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import idea_detail
from cocreate.legal.views import redirect_to_accept

from . import selectors, services
from .forms import (
    AssignForm,
    BulkForm,
    DecisionForm,
    MoveStageForm,
    QueueFilterForm,
    ResubmitForm,
    ScorecardForm,
    StagesForm,
)
from .models import ReviewItem, ReviewStage

PAGE_SIZE = 50


def _require_queue(request: HttpRequest) -> None:
    if not has_perm(request.user, "review.view_queue"):
        raise PermissionDenied(_("The review queue is for staff."))


def _reviewers_of(campaigns) -> list[User]:
    seen: dict[int, User] = {}
    for campaign in campaigns:
        for reviewer in services.campaign_reviewers(campaign.pk):
            seen.setdefault(reviewer.pk, reviewer)
    return sorted(seen.values(), key=lambda u: u.public_name.lower())


def _queue_context(request: HttpRequest, *, mine: bool) -> dict[str, Any]:
    campaigns = list(selectors.staffed_campaigns(request.user).order_by("title"))
    stage_names = selectors.stage_names(request.user)
    reviewers = _reviewers_of(campaigns)
    form = QueueFilterForm(request.GET or None, campaigns=campaigns, stages=stage_names, reviewers=reviewers)
    params = form.cleaned_data if form.is_valid() else {}
    campaign = next((c for c in campaigns if c.slug == params.get("campaign")), None)
    assignee = params.get("assignee") or ""
    items = selectors.review_queue(
        request.user,
        campaign=campaign,
        stage=params.get("stage") or "",
        assignee=int_param(assignee),
        mine=mine,
    )
    if assignee == "none":
        items = items.filter(n_assigned=0)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "page": page,
        "mine": mine,
        "reviewers": reviewers,
        "stage_names": stage_names,
        "campaigns": campaigns,
        "awaiting": selectors.ideas_awaiting_response(request.user)[:10],
        "can_bulk": any(has_perm(request.user, "review.assign", c) for c in campaigns),
    }


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require_queue(request)
    return render(request, "review/queue.html", _queue_context(request, mine=False))


@login_required
def my_queue(request: HttpRequest) -> HttpResponse:
    _require_queue(request)
    return render(request, "review/queue.html", _queue_context(request, mine=True))


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Bulk actions ask for confirmation first: the first post shows what will happen, the second does it."""
    _require_queue(request)
    items = list(selectors.review_queue(request.user))
    by_id = {str(item.idea_id): item for item in items}
    campaigns = list(selectors.staffed_campaigns(request.user))
    form = BulkForm(
        request.POST,
        idea_choices=[(k, item.idea.title) for k, item in by_id.items()],
        reviewers=_reviewers_of(campaigns),
        stages=selectors.stage_names(request.user),
    )
    if not form.is_valid():
        messages.error(request, _("Select ideas and a complete action, then try again."))
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("review:queue")
    chosen = [by_id[i].idea for i in form.cleaned_data["ideas"]]
    action = form.cleaned_data["action"]
    reviewer = User.objects.filter(pk=form.cleaned_data["reviewer"] or 0).first() if action == "assign" else None
    stage_name = form.cleaned_data["stage"] if action == "move_stage" else ""
    if not form.cleaned_data["confirmed"]:
        return render(
            request,
            "review/bulk_confirm.html",
            {"form": form, "ideas": chosen, "action": action, "reviewer": reviewer, "stage_name": stage_name},
        )
    stage = None
    if stage_name:
        stage = ReviewStage.objects.filter(campaign_id=chosen[0].campaign_id, name=stage_name).first()
        stage = stage or ReviewStage.objects.filter(name=stage_name, campaign__in=campaigns).first()
    changed = services.review_bulk(actor=request.user, ideas=chosen, action=action, reviewer=reviewer, stage=stage)
    messages.success(request, _("Done: %(n)d of %(total)d ideas changed.") % {"n": changed, "total": len(chosen)})
    return redirect("review:queue")


# ---- one idea ------------------------------------------------------------------------------------------


def _staff_idea(request: HttpRequest, pk: int) -> Idea:
    idea = idea_detail(request.user, pk)
    if idea is None:
        raise Http404(_("No such idea."))
    if not has_perm(request.user, "review.view_idea", idea):
        raise PermissionDenied(_("The review page is for the campaign's staff."))
    return idea


def _render_idea(request: HttpRequest, idea: Idea, status: int = 200, **bound: Any) -> HttpResponse:
    user = request.user
    item = ReviewItem.objects.select_related("stage").filter(idea=idea).first()
    stages = services.review_stages_ensure(idea.campaign)
    reviewers = services.campaign_reviewers(idea.campaign_id)
    summary = selectors.review_summary(idea)
    own = next((c for c in summary.scorecards if c.reviewer_id == user.pk), None)
    initial: dict[str, Any] = {}
    if own is not None:
        initial["public_note"] = own.public_note
        for s in own.scores.all():
            initial[f"score_{s.criterion_id}"] = str(s.score)
            initial[f"comment_{s.criterion_id}"] = s.comment
    record = selectors.response_record_of(idea)
    context = {
        "idea": idea,
        "item": item,
        "in_queue": item is not None and item.closed_at is None,
        "stages": stages,
        "assignments": list(idea.review_assignments.select_related("reviewer", "assigned_by")),
        "summary": summary,
        "decisions": list(selectors.decisions_of(idea)),
        "actions": selectors.audit_trail(user, idea=idea, limit=50),
        "record": record,
        "promise_state": selectors.promise_state(
            idea.published_at,
            idea.campaign.response_promise_days,
            record.first_response_at if record else None,
            timezone.now(),
        ),
        "deadline": selectors.response_deadline(idea.published_at, idea.campaign.response_promise_days)
        if idea.published_at
        else None,
        "assign_form": bound.get("assign_form") or AssignForm(reviewers=reviewers),
        "stage_form": bound.get("stage_form")
        or MoveStageForm(stages=stages, initial={"stage": str(item.stage_id) if item else ""}),
        "score_form": bound.get("score_form") or ScorecardForm(criteria=summary.criteria, initial=initial),
        "decision_form": bound.get("decision_form") or DecisionForm(),
        "can": {
            "send": has_perm(user, "review.send", idea),
            "assign": has_perm(user, "review.assign", idea),
            "move_stage": has_perm(user, "review.move_stage", idea),
            "score": has_perm(user, "review.score", idea),
            "decide": has_perm(user, "review.decide", idea),
            "configure": has_perm(user, "review.configure", idea.campaign),
        },
    }
    return render(request, "review/idea_review.html", context, status=status)


@login_required
def idea_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_idea(request, _staff_idea(request, pk))


def _done(request: HttpRequest, idea: Idea, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("review:idea", pk=idea.pk)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _staff_idea(request, pk)
    services.review_send(actor=request.user, idea=idea, note=request.POST.get("note", ""))
    return _done(request, idea, _("“%(title)s” is in the review queue.") % {"title": idea.title})


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _staff_idea(request, pk)
    form = AssignForm(request.POST, reviewers=services.campaign_reviewers(idea.campaign_id))
    if form.is_valid():
        with form_errors(form) as outcome:
            if form.cleaned_data["reviewer"] == "round_robin":
                made = services.review_assign_round_robin(actor=request.user, ideas=[idea])
                reviewer = made[0].reviewer
            else:
                reviewer = get_object_or_404(User, pk=int(form.cleaned_data["reviewer"]))
                services.review_assign(actor=request.user, idea=idea, reviewer=reviewer)
            return _done(request, idea, _("%(name)s reviews this idea now.") % {"name": reviewer.public_name})
        return _render_idea(request, idea, status=outcome.status, assign_form=form)
    return _render_idea(request, idea, status=400, assign_form=form)


@login_required
@require_POST
def move_stage(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _staff_idea(request, pk)
    stages = services.review_stages_ensure(idea.campaign)
    form = MoveStageForm(request.POST, stages=stages)
    if form.is_valid():
        stage = next(s for s in stages if str(s.pk) == form.cleaned_data["stage"])
        with form_errors(form) as outcome:
            services.review_move_stage(actor=request.user, idea=idea, stage=stage)
            return _done(request, idea, _("Moved to “%(stage)s”.") % {"stage": stage.name})
        return _render_idea(request, idea, status=outcome.status, stage_form=form)
    return _render_idea(request, idea, status=400, stage_form=form)


@login_required
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _staff_idea(request, pk)
    form = ScorecardForm(request.POST, criteria=list(idea.campaign.criteria.all()))
    if form.is_valid():
        with form_errors(form) as outcome:
            services.scorecard_submit(
                actor=request.user,
                idea=idea,
                scores=form.scores(),
                comments=form.comments(),
                public_note=form.cleaned_data["public_note"],
            )
            return _done(request, idea, _("Your scorecard is saved."))
        return _render_idea(request, idea, status=outcome.status, score_form=form)
    return _render_idea(request, idea, status=400, score_form=form)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _staff_idea(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        target = None
        if form.cleaned_data.get("merged_into"):
            target = idea_detail(request.user, form.cleaned_data["merged_into"])
            if target is None:
                form.add_error("merged_into", _("There is no idea with that number."))
                return _render_idea(request, idea, status=400, decision_form=form)
        try:
            with form_errors(form) as outcome:
                decision = services.decision_make(
                    actor=request.user,
                    idea=idea,
                    outcome=form.cleaned_data["outcome"],
                    explanation=form.cleaned_data["explanation"],
                    merged_into=target,
                )
                messages.success(
                    request,
                    _("Decided: %(outcome)s. The explanation is posted on the idea.")
                    % {"outcome": decision.get_outcome_display()},
                )
                return redirect(idea.get_absolute_url() + "#timeline")
        except TermsNotAccepted:
            # Not the middleware's generic answer: after accepting, come back to the review page, not this POST URL.
            return redirect_to_accept(
                request,
                reverse("review:idea", kwargs={"pk": idea.pk}),
                _("Please accept the current contributor agreement before you answer."),
            )
        return _render_idea(request, idea, status=outcome.status, decision_form=form)
    return _render_idea(request, idea, status=400, decision_form=form)


@login_required
@require_POST
def resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    """The author sends an idea that needed more information back to review."""
    idea = idea_detail(request.user, pk)
    if idea is None:
        raise Http404(_("No such idea."))
    form = ResubmitForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.review_resubmit(actor=request.user, idea=idea, note=note)
    messages.success(request, _("Thank you! Your idea is back with the reviewers."))
    return redirect(idea)


@login_required
def stages(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not has_perm(request.user, "review.configure", campaign):
        raise PermissionDenied(_("Only the campaign's facilitators can change its review stages."))
    current = services.review_stages_ensure(campaign)
    form = StagesForm(request.POST or None, initial={"stages": "\n".join(s.name for s in current)})
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.review_stages_set(actor=request.user, campaign=campaign, names=form.names())
            messages.success(request, _("The review stages are saved."))
            return redirect("review:stages", slug=campaign.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "review/stages.html", {"campaign": campaign, "form": form, "stages": current}, status=status)


@login_required
def awaiting_response(request: HttpRequest) -> HttpResponse:
    _require_queue(request)
    waiting = selectors.ideas_awaiting_response(request.user)
    return render(
        request,
        "review/awaiting.html",
        {
            "overdue": [w for w in waiting if w.state == "overdue"],
            "due_soon": [w for w in waiting if w.state == "due_soon"],
            "soon_days": selectors.DUE_SOON_DAYS,
        },
    )


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    _require_queue(request)
    return render(request, "review/audit.html", {"actions": selectors.audit_trail(request.user)})
