"""'Is this page useful?': answer with one button, then an optional comment. Works without JS.

Votes are limited per client (``rules.vote_refusal``): a repeated vote is thanked and not counted.
"""

from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from feedback import rules
from feedback.forms import CommentForm
from feedback.models import PageFeedback, VoteLimit
from ops.client import client_digest

TOKEN_SALT = "feedback.comment"
TOKEN_MAX_AGE = 24 * 60 * 60


def _problem(request, message, status=400):
    return render(request, "feedback/problem.html", {"message": message}, status=status)


def _load(token):
    """The feedback a signed token points to, or None; the token carries only its id."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return PageFeedback.objects.select_related("page").filter(pk=pk).first() if isinstance(pk, int) else None


def _client_key(request):
    """A keyed hash of the client's address (as the case throttle does): the address is not stored."""
    return client_digest(request, "feedback-vote")


def _refusal(client, page):
    now = timezone.now()
    votes = VoteLimit.objects.filter(client=client)
    same_page = votes.filter(page_id=page.pk, created_at__gte=now - rules.VOTE_PAGE_WINDOW).count()
    in_hour = votes.filter(created_at__gte=now - rules.VOTE_HOUR_WINDOW).count()
    return rules.vote_refusal(same_page, in_hour)


def _not_counted(request, page, refusal):
    if refusal == rules.REPEAT:
        message, status = _("Вы уже отвечали на этот вопрос об этой странице, и ваш ответ учтён. "
                            "Один ответ о странице в сутки — этого достаточно."), 200
    else:
        message, status = _("За последний час с вашего подключения к интернету пришло очень много ответов, "
                            "поэтому этот ответ не учтён. Ответить можно будет позже."), 429
    return render(request, "feedback/not_counted.html", {"message": message, "feedback_page": page},
                  status=status)


@csrf_exempt  # an anonymous yes/no vote: a token would stop public pages being cached
@never_cache
@require_POST
def submit(request):
    useful = rules.parse_answer(request.POST.get("useful"))
    try:
        page_id = int(request.POST.get("page", ""))
    except ValueError:
        page_id = None
    page = Page.objects.live().public().filter(pk=page_id).first() if page_id else None
    page = page.specific if page else None
    if useful is None or not rules.asks_for_feedback(page):
        return _problem(request, _("Не удалось принять ответ: не указана страница или ответ «да» или «нет»."))
    client = _client_key(request)
    refusal = _refusal(client, page)
    if refusal:
        return _not_counted(request, page, refusal)
    with transaction.atomic():
        item = PageFeedback.objects.create(page=page, useful=useful, language=translation.get_language() or "")
        VoteLimit.objects.create(client=client, page_id=page.pk)
        VoteLimit.objects.filter(created_at__lt=timezone.now() - rules.VOTE_KEEP).delete()
    token = signing.dumps(item.pk, salt=TOKEN_SALT)
    return _see_other(reverse("feedback:comment", args=[token]))


def _see_other(url):
    response = redirect(url)
    response.status_code = 303
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def comment(request, token):
    item = _load(token)
    if item is None:
        return _problem(request, _("Ссылка устарела или неверна. Ответьте на вопрос «Полезна ли эта страница?» ещё раз."))
    page = item.page.specific
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            text = rules.redact_personal_data(form.cleaned_data["comment"])
            if text and not item.comment:
                item.comment = text
                item.save(update_fields=["comment"])
            return _see_other(reverse("feedback:done", args=[token]))
        status = 400
    else:
        form = CommentForm()
        status = 200
    return render(request, "feedback/comment.html", {"form": form, "item": item, "feedback_page": page},
                  status=status)


@never_cache
def done(request, token):
    item = _load(token)
    if item is None:
        return _problem(request, _("Ссылка устарела или неверна."))
    return render(request, "feedback/done.html", {"item": item, "feedback_page": item.page.specific})
