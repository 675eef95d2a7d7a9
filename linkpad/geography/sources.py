"""Where the reference geography comes from, and the attribution its licence requires.

The Open Government Licence v3.0 lets Linkpad copy and adapt this data on condition that the
attribution below is shown wherever the data is used; the "About the data" page lists it. The
wording is copied exactly from the SOURCES.md files the data came with (see
data/geography/SOURCES.md); do not paraphrase it.
"""

OGL_V3 = "Open Government Licence v3.0"
OGL_V3_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

ATTRIBUTION: list[dict[str, str]] = [
    {
        "name": "Scottish postcodes",
        "description": (
            "Every Scottish postcode, live and terminated (April 2025), with its location, whether it is "
            "still in use, its 2011 data zone and its council area. Postcode sector and district centres "
            "are used when a postcode is new or not known."
        ),
        "licence": OGL_V3,
        "licence_url": OGL_V3_URL,
        "attribution": (
            "Contains OS data © Crown copyright and database right 2025. "
            "Contains Royal Mail data © Royal Mail copyright and database right 2025. "
            "Contains National Statistics data © Crown copyright and database right 2025. "
            "Contains NRS data © Crown copyright and database right 2025. "
            "Source: Office for National Statistics and National Records of Scotland, "
            "licensed under the Open Government Licence v3.0."
        ),
    },
    {
        "name": "Great Britain postcode district centres",
        "description": (
            "The centre of each postcode district in England, Scotland and Wales (for example M1), so that "
            "a postcode outside Scotland still has an approximate location."
        ),
        "licence": OGL_V3,
        "licence_url": OGL_V3_URL,
        "attribution": (
            "Contains OS data © Crown copyright and database right 2025. "
            "Contains Royal Mail data © Royal Mail copyright and database right 2025. "
            "Contains National Statistics data © Crown copyright and database right 2025."
        ),
    },
    {
        "name": "Data zones and neighbourhoods",
        "description": (
            "The names of Scotland's 6,976 data zones and 1,279 intermediate zones (neighbourhoods such as "
            "Possil Park), with their council area, health and social care partnership and health board, "
            "their population-weighted centres and their 2011 population."
        ),
        "licence": OGL_V3,
        "licence_url": OGL_V3_URL,
        "attribution": (
            "Contains Public Health Scotland, National Records of Scotland and Scottish Government data "
            "licensed under the Open Government Licence v3.0."
        ),
    },
    {
        "name": "Scottish Index of Multiple Deprivation 2020v2",
        "description": (
            "The SIMD rank, decile and quintile of each data zone. SIMD describes areas, not people: not "
            "everyone in a deprived area is deprived, and many deprived people live elsewhere."
        ),
        "licence": OGL_V3,
        "licence_url": OGL_V3_URL,
        "attribution": (
            "Contains Scottish Government and Public Health Scotland data licensed under the "
            "Open Government Licence v3.0."
        ),
    },
]
