from wagtail import views as wagtail_views


def page_data_file(request, page_path, filename):
    """Serve ``data.csv``/``data.json`` through Wagtail so the page's routes, privacy and hooks apply."""
    return wagtail_views.serve(request, f"{page_path}{filename}/")
