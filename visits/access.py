"""Who sees a centre's bookings (names, phones and access needs: personal data, some of it about
health, 152-FZ art. 10): the members of the centre's staff group (``VisitSettings.staff``),
Administrators and superusers. A centre without a staff group is seen by administrators only."""
from cms_pages.models.service_centres import ServiceCentrePage
from editorial.roles import ADMINISTRATORS


def sees_every_centre(user):
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists())


def visible_centres(user):
    """The centres whose day list ``user`` may open, in tree order."""
    centres = ServiceCentrePage.objects.order_by("path")
    if sees_every_centre(user):
        return centres
    if not getattr(user, "is_authenticated", False):
        return centres.none()
    return centres.filter(visit_settings__staff__in=user.groups.all())
