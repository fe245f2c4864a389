from django import template
from wagtail.models import Page, ReferenceIndex

register = template.Library()


@register.simple_tag
def pages_linking_to(page):
    """The other pages whose current content links to ``page`` (Wagtail's reference index: rich
    text links, page choosers, StreamField links), each once, in tree order."""
    references = ReferenceIndex.get_references_to(page).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page")
    ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)} - {page.pk}
    return list(Page.objects.filter(pk__in=ids).order_by("path"))
