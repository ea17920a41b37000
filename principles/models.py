from django.db import models
from django.urls import reverse


class PrincipleQuerySet(models.QuerySet):
    def residents_top_five(self):
        return self.filter(residents_top_five=True)


class Principle(models.Model):
    """One of the 11 principles of the Liverpool City Region Community Charter on Data and AI.

    The rows are created by a data migration, word for word from the guide; staff do not edit them.
    """

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=50)
    text = models.TextField()
    residents_top_five = models.BooleanField(
        default=False, help_text="One of the five principles residents ranked highest."
    )

    objects = PrincipleQuerySet.as_manager()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Principle {self.number}: {self.name}"

    def get_absolute_url(self):
        return reverse("principles:detail", kwargs={"number": self.number})
