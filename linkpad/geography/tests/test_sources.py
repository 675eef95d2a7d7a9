from linkpad.geography.sources import ATTRIBUTION


def test_every_source_carries_its_licence_and_attribution():
    assert len(ATTRIBUTION) == 4
    for source in ATTRIBUTION:
        assert set(source) == {"name", "description", "licence", "licence_url", "attribution"}
        assert source["licence"] == "Open Government Licence v3.0"
        assert source["licence_url"].startswith(
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/"
        )
        assert source["attribution"].startswith("Contains ")
