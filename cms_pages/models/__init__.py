"""Page models, one module per page type; imported here so Django finds them."""
from cms_pages.models.base import BasePage  # noqa: F401
from cms_pages.models.connection import (  # noqa: F401
    ApplicantCategory, ConnectionDeadline, ConnectionFeePage, PreferentialRate, StandardizedRate,
)
from cms_pages.models.contacts import ContactSettings  # noqa: F401
from cms_pages.models.content import ContentPage  # noqa: F401
from cms_pages.models.home import HomePage  # noqa: F401
from cms_pages.models.news import NewsIndexPage, NewsPage  # noqa: F401
from cms_pages.models.procedure import ProcedurePage  # noqa: F401
from cms_pages.models.questions import QuestionPage  # noqa: F401
from cms_pages.models.section import SectionPage  # noqa: F401
from cms_pages.models.service_centres import (  # noqa: F401
    OpeningHours, ServiceCentreIndexPage, ServiceCentrePage,
)
from cms_pages.models.snippets import AlertBanner, LegalAct, ResponsibleBody  # noqa: F401
from cms_pages.models.subsidy import IncomeCeiling, SubsidyCriterion, SubsidyPage  # noqa: F401
from cms_pages.models.tariffs import TariffPage, TariffRecord, TypicalZoneShare  # noqa: F401
from cms_pages.models.tools import BillToolPage, ConnectionFeeToolPage, EligibilityToolPage  # noqa: F401
