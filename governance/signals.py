"""On every publication: make sure the page has an owner and a review date, and note which
language changed (by the fingerprints of its translated fields)."""
from django.contrib.auth.models import Group
from django.utils import timezone
from modeltranslation.translator import NotRegistered, translator

from editorial import roles
from governance.models import PageGovernance
from governance.rules import review


def translated_values(page):
    """``{"title_ru": ..., "title_en": ..., ...}`` for every translated field of the page's type."""
    page = page.specific
    try:
        fields = translator.get_options_for_model(type(page)).all_fields
    except NotRegistered:
        return {}
    return {field.name: field.value_to_string(page)
            for translation_fields in fields.values() for field in translation_fields}


def default_owner(page):
    """The page's creator; a page created by a script (the demo, an import) has none, and the
    Editors group answers for it until someone is named."""
    if page.owner_id:
        return {"owner_user_id": page.owner_id}
    return {"owner_group": Group.objects.filter(name=roles.EDITORS).first()}


def record_publication(sender, instance, revision=None, **kwargs):
    now = timezone.now()
    governance, created = PageGovernance.objects.get_or_create(page_id=instance.pk, defaults={
        **default_owner(instance), "review_by": review.default_review_by(timezone.localdate()),
    })
    after = review.language_fingerprints(translated_values(instance))
    changed = review.changed_languages(governance.fingerprints, after)
    update = {"fingerprints": after}
    if "ru" in changed:
        update["ru_changed_at"] = now
    if "en" in changed:
        update["en_changed_at"] = now
    PageGovernance.objects.filter(pk=governance.pk).update(**update)
