"""The files every public site is asked for: robots.txt and the favicon."""


def test_robots_txt_points_to_the_sitemap_and_keeps_private_paths_out(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for private in ("/admin/", "/ru/requests/", "/en/requests/", "/api/"):
        assert f"Disallow: {private}\n" in body
    assert "Disallow: /\n" not in body  # the public pages stay open
    assert client.get("/sitemap.xml").status_code == 200


def test_favicon_is_linked_and_favicon_ico_redirects_to_it(client, home):
    page = client.get("/ru/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"
