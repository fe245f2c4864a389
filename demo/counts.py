"""How many objects of each kind the demo consists of: printed by load_demo, compared by the tests."""
from django.apps import apps

COUNTED = [
    "wagtailcore.Page", "wagtailcore.Revision", "wagtailcore.Site", "wagtailcore.PageLogEntry",
    "cms_pages.HomePage", "cms_pages.SectionPage", "cms_pages.TariffPage", "cms_pages.TariffRecord",
    "cms_pages.ConnectionFeePage", "cms_pages.ApplicantCategory", "cms_pages.StandardizedRate",
    "cms_pages.PreferentialRate", "cms_pages.SubsidyPage", "cms_pages.IncomeCeiling",
    "cms_pages.ProcedurePage", "cms_pages.ServiceCentreIndexPage", "cms_pages.ServiceCentrePage",
    "cms_pages.OpeningHours", "cms_pages.QuestionPage", "cms_pages.NewsIndexPage", "cms_pages.NewsPage",
    "cms_pages.ContentPage", "cms_pages.AlertBanner", "cms_pages.LegalAct", "cms_pages.ResponsibleBody",
    "wagtailimages.Image", "auth.User", "auth.Group", "demo.DemoObject",
]


def demo_counts():
    """{model label: number of rows}."""
    return {label: apps.get_model(label).objects.count() for label in COUNTED}
