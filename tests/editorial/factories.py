import factory
import wagtail_factories

from cms_pages import models as m


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Порядок обращения {n}")
    title_en = factory.Sequence(lambda n: f"How to apply {n}")
    slug = factory.Sequence(lambda n: f"poryadok-{n}")
    slug_en = factory.Sequence(lambda n: f"how-to-apply-{n}")
    summary = "Как подать обращение в сетевую компанию."
    summary_en = "How to apply to the grid company."

    class Meta:
        model = m.ContentPage
