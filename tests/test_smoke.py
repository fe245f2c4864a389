def test_home_page_renders_in_both_languages(client, home):
    ru = client.get("/ru/")
    assert ru.status_code == 200
    assert '<html lang="ru"' in ru.content.decode()
    en = client.get("/en/")
    assert en.status_code == 200
    assert "Single Window" in en.content.decode()


def test_root_redirects_to_russian(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"
