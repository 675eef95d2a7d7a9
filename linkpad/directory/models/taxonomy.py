from django.db import models

from .base import HsdsModel, line, text


class Taxonomy(HsdsModel):
    """HSDS `taxonomy`: a vocabulary, such as the ALISS categories."""

    name = models.CharField(max_length=255)
    description = text()
    uri = line(500)
    version = line(50)

    class Meta:
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(HsdsModel):
    """HSDS `taxonomy_term`. Linkpad adds `slug` (the ALISS category slug, where there is one)."""

    code = line()
    name = models.CharField(max_length=255)
    description = text()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    taxonomy_name = line(help_text="HSDS `taxonomy`: the vocabulary's name when there is no taxonomy row.")
    taxonomy_detail = models.ForeignKey(
        Taxonomy,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="terms",
        db_column="taxonomy_id",
    )
    language = line(16)
    term_uri = line(500)
    slug = models.SlugField(max_length=100, blank=True, default="", db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Attribute(HsdsModel):
    """HSDS `attribute`: links a taxonomy term to any HSDS row (`link_entity` + `link_id`)."""

    link_id = models.CharField(max_length=64)
    link_type = line()
    link_entity = models.CharField(max_length=40)
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes")
    value = text()

    class Meta:
        indexes = [models.Index(fields=["link_entity", "link_id"])]
