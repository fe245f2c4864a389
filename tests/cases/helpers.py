"""Drive the request form through the test client."""
from cases.models import Case

CONTACT = {"applicant_name": "Иванова Мария Петровна", "email": "maria@example.ru",
           "phone": "8 912 345-67-89", "postal_address": "", "consent": "on", "website": ""}


class Journey:
    def __init__(self, client, lang="ru"):
        self.client = client
        self.lang = lang

    def url(self, step=""):
        return f"/{self.lang}/requests/new/{step + '/' if step else ''}"

    def choose(self, request_type, **kwargs):
        return self.client.post(self.url(), {"request_type": request_type}, **kwargs)

    def details(self, data, change=False, **kwargs):
        return self.client.post(self.url("details") + ("?change=1" if change else ""), data, **kwargs)

    def contact(self, data=None, change=False, **overrides):
        payload = {**CONTACT, **(data or {})}
        payload = {k: v for k, v in payload.items() if v is not None}
        return self.client.post(self.url("contact") + ("?change=1" if change else ""), payload)

    def check_page(self):
        return self.client.get(self.url("check"))

    def submit(self):
        page = self.check_page()
        assert page.status_code == 200, page.status_code
        token = page.context["token"]
        return self.client.post(self.url("check"), {"token": token}), token

    def run(self, request_type, details, contact=None):
        assert self.choose(request_type).status_code == 302
        response = self.details(details)
        assert response.status_code == 302, getattr(response, "context", {}) and response.context["form"].errors
        response = self.contact(contact)
        assert response.status_code == 302, response.context["form"].errors
        response, token = self.submit()
        assert response.status_code == 302
        return Case.objects.get(submission_key=token)
