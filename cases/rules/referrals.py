"""Referring a case outside the company's remit to the competent body (the guaranteeing
supplier, social protection).

Federal Law No. 59-FZ of 02.05.2006, art. 8 part 3 (applied by analogy, see domain.md): an
appeal on questions outside the remit is sent, within 7 days of its registration, to the body
whose remit covers them, and the citizen is told of it. Decree 442 (bills, readings) sends such
requests to the guaranteeing supplier "within 7 days". The applicant's data goes to that third
party only with their separate consent (152-FZ art. 6 part 1 item 1, art. 9): without it the
case is not referred, and the citizen is told where to turn instead.
"""
import datetime

from django.utils.translation import gettext_lazy as _

REFERRAL_DAYS = 7


class ReferralRefused(ValueError):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def referral_due(received, calendar):
    """The last day to refer: 7 calendar days from receipt; a day off moves it to the next
    working day (Civil Code art. 193). Example: received Friday 20.02.2026 → Friday 27.02.2026."""
    due = received + datetime.timedelta(days=REFERRAL_DAYS)
    while not calendar.is_working_day(due):
        due += datetime.timedelta(days=1)
    return due


def check_referral(*, transfer_consent, body_is_third_party, already_referred, reason):
    """Refuse (``ReferralRefused``) a referral the rules do not allow."""
    if already_referred:
        raise ReferralRefused("already_referred", _("Обращение уже направлено по принадлежности."))
    if not body_is_third_party:
        raise ReferralRefused("not_third_party", _(
            "По принадлежности обращение направляют только в стороннюю организацию "
            "(гарантирующего поставщика, органы соцзащиты). Внутри компании смените ответственного."))
    if not transfer_consent:
        raise ReferralRefused("no_consent", _(
            "Заявитель не дал согласия на передачу обращения третьей стороне, поэтому направить его "
            "нельзя (152-ФЗ, ст. 6 и 9). Ответьте заявителю, куда обратиться напрямую."))
    if not (reason or "").strip():
        raise ReferralRefused("no_reason", _("Укажите, почему обращение направляется этой организации: "
                                             "это сообщат заявителю."))
