from django.conf import settings
from django.db import models


class CategoryPhrase(models.Model):
    """Linkpad addition: something people say when a category's kind of support is what they need.

    Search compares what a person typed with these phrases by meaning, and a service in the category
    ranks higher the closer the nearest phrase is: "I look after my wife and never get a minute"
    finds carers' support though no listing says "never get a minute". `category` is the taxonomy
    term's slug (the ALISS slug; the term id when it has none), so phrases outlive a re-import of the
    taxonomy. Phrases Linkpad ships (data/taxonomy/what_people_say.toml) are `shipped`; directory
    editors add their own from the pages, and remove any (a shipped one is `hidden`, not deleted). `embedding` is the phrase's vector from
    `model_name`, empty until it has been embedded.
    """

    id = models.BigAutoField(primary_key=True)
    category = models.CharField(max_length=100, db_index=True)
    text = models.CharField(max_length=200)
    shipped = models.BooleanField(default=False)
    #: A shipped phrase an editor took out: kept (hidden) so the next load does not put it back.
    hidden = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    embedding = models.BinaryField(blank=True, default=b"")
    model_name = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["category", "text"]
        constraints = [
            models.UniqueConstraint(fields=["category", "text"], name="category_phrase_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.text}"
