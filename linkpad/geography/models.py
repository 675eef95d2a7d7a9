"""Open reference geography: data zones with SIMD, postcodes, and postcode district/sector centroids.

These tables are loaded in bulk from `data/geography/` by `load_geography` and are never edited
by hand. Their keys are the national codes themselves (data zone `S01…`, postcode `G11 5AA`,
outcode `G11`, sector `G11 5`), so a postcode row can point at its data zone without an id
lookup during the load, and there is one index fewer per table.

`load_geography --force` deletes and re-inserts every row, so other apps should store a postcode
or data zone *code* (and look it up here) rather than a foreign key to these tables.
"""

from django.db import models

WGS84 = "WGS84 decimal degrees."


class DataZone(models.Model):
    """A 2011 Data Zone (about 500–1,000 residents) with its names, hierarchy and SIMD 2020v2."""

    code = models.CharField(primary_key=True, max_length=9, help_text="2011 Data Zone code, e.g. S01010400.")
    name = models.CharField(max_length=120)
    intzone_code = models.CharField(max_length=9, help_text="2011 Intermediate Zone code (S02…).")
    intzone_name = models.CharField(
        max_length=120, help_text="Intermediate zone name: the usable neighbourhood name, e.g. Possil Park."
    )
    council_code = models.CharField(max_length=9)
    council_name = models.CharField(max_length=120)
    hscp_code = models.CharField(max_length=9)
    hscp_name = models.CharField(max_length=120)
    health_board_code = models.CharField(max_length=9)
    health_board_name = models.CharField(max_length=120)
    latitude = models.FloatField(help_text="Population-weighted centroid. " + WGS84)
    longitude = models.FloatField(help_text="Population-weighted centroid. " + WGS84)
    population = models.PositiveIntegerField(help_text="2011 Census total population.")
    simd_rank = models.PositiveIntegerField(help_text="SIMD 2020v2 rank: 1 is the most deprived of 6,976.")
    simd_decile = models.PositiveSmallIntegerField(
        help_text="SIMD 2020v2 national decile: 1 is most deprived."
    )
    simd_quintile = models.PositiveSmallIntegerField(
        help_text="SIMD 2020v2 national quintile: 1 is most deprived."
    )
    simd_most_deprived_15pc = models.BooleanField(help_text="Among Scotland's 15% most deprived data zones.")

    class Meta:
        ordering = ["code"]
        indexes = [
            models.Index(fields=["intzone_code"], name="geo_dz_intzone_idx"),
            models.Index(fields=["council_code", "intzone_name"], name="geo_dz_council_intzone_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def neighbourhood(self) -> str:
        """The neighbourhood name people use (the intermediate zone), e.g. "Possil Park"."""
        return self.intzone_name


class Postcode(models.Model):
    """A Scottish postcode unit, live or terminated, with its centroid and data zone."""

    postcode = models.CharField(primary_key=True, max_length=8, help_text='Normalised form, e.g. "G11 5AA".')
    latitude = models.FloatField(null=True, blank=True, help_text=WGS84)
    longitude = models.FloatField(null=True, blank=True, help_text=WGS84)
    in_use = models.BooleanField(help_text="Live in OS Code-Point Open April 2025; false means terminated.")
    datazone = models.ForeignKey(
        DataZone, null=True, blank=True, on_delete=models.PROTECT, related_name="postcodes", db_index=True
    )
    council_code = models.CharField(max_length=9, blank=True)

    class Meta:
        ordering = ["postcode"]
        indexes = [
            # Bounding-box prefilter for "within N km": a range on latitude narrows to a band,
            # and longitude in the same index is checked without visiting the table.
            models.Index(fields=["latitude", "longitude"], name="geo_postcode_latlon_idx"),
        ]

    def __str__(self) -> str:
        return self.postcode


class PostcodeDistrict(models.Model):
    """A postcode district (outward code, e.g. G11) centroid: the fallback for unknown postcodes.

    Scottish districts come with the council holding most of their postcodes; the rest of Great
    Britain is included so that an English or Welsh postcode still gets an approximate location.
    """

    outcode = models.CharField(primary_key=True, max_length=4)
    latitude = models.FloatField(help_text=WGS84)
    longitude = models.FloatField(help_text=WGS84)
    council_code = models.CharField(max_length=9, blank=True, help_text="Main council area (Scotland only).")
    country = models.CharField(max_length=1, help_text="S Scotland, E England, W Wales.")

    class Meta:
        ordering = ["outcode"]

    def __str__(self) -> str:
        return self.outcode


class PostcodeSector(models.Model):
    """A Scottish postcode sector (e.g. G11 5) centroid: a closer fallback than the district."""

    sector = models.CharField(primary_key=True, max_length=6)
    latitude = models.FloatField(help_text=WGS84)
    longitude = models.FloatField(help_text=WGS84)
    council_code = models.CharField(max_length=9, blank=True, help_text="Main council area.")

    class Meta:
        ordering = ["sector"]

    def __str__(self) -> str:
        return self.sector
